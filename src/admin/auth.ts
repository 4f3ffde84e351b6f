import type { RequestHandler } from 'express';
import { constantTimeEqual } from '../security/tokens';
import { ApiError } from '../http/errors';

/** `Authorization: Bearer <BRIDGE_ADMIN_TOKEN>`, compared in constant time; 401 otherwise. */
export function requireAdminToken(adminToken: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match?.[1] || !constantTimeEqual(match[1], adminToken)) {
      next(new ApiError(401, 'unauthorized', 'A valid admin token is required (Authorization: Bearer <token>)'));
      return;
    }
    next();
  };
}
