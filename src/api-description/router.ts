/**
 * `GET /api/v1/openapi.json`: the OpenAPI document, open to anyone like the UI's static files. It holds
 * shapes only (those of this open source code), no data, and tools that fuzz or generate clients fetch it
 * before they have a token. Mounted before the admin router, whose `/api/v1` prefix needs the token.
 */
import { Router } from 'express';
import { buildOpenApiDocument } from './openapi';

export function createApiDescriptionRouter(): Router {
  const router = Router();
  let document: string | undefined;
  router.get('/api/v1/openapi.json', (_req, res) => {
    // Built on first request: the schemas do not change while the process runs.
    document ??= JSON.stringify(buildOpenApiDocument());
    res.type('application/json').send(document);
  });
  return router;
}
