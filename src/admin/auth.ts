import type { RequestHandler } from 'express';
import { bearerToken, constantTimeEqual } from '../security/tokens';
import { ApiError } from '../http/errors';

/** `Authorization: Bearer <BRIDGE_ADMIN_TOKEN>`, compared in constant time; 401 otherwise. */
export function requireAdminToken(adminToken: string): RequestHandler {
  return (req, _res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (!token || !constantTimeEqual(token, adminToken)) {
      next(new ApiError(401, 'unauthorized', 'A valid admin token is required (Authorization: Bearer <token>)'));
      return;
    }
    next();
  };
}
