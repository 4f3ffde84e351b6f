import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ZodError } from 'zod';
import { controlRoutes } from './control-routes';
import { SnApiError, sendError, setStandardHeaders } from './envelope';
import type { Instance } from './instance';
import { tableRoutes } from './table-routes';

export const HIBERNATING_PAGE =
  '<html><head><title>Instance Hibernating page</title></head><body><h1>Your instance is hibernating</h1>' +
  '<p>Sign in to the developer portal to wake it up.</p></body></html>';

/** The HTTP surface: control endpoints, the token endpoint, then the logged, faultable, authenticated API. */
export function buildApp(instance: Instance): Express {
  const { store, writer, rules, settings, requestLog, faults, auth, rateLimit } = instance;
  const app = express();
  app.use(express.raw({ type: () => true, limit: '5mb' }));
  app.use(methodOverride);
  app.use(
    '/__emulator',
    controlRoutes({
      store,
      writer,
      rules,
      settings,
      updateSettings: instance.updateSettings,
      reset: instance.reset,
      requests: () => requestLog.entries(),
      setFaults: (input) => faults.set(input),
      addUser: (account) => store.addUser(account),
    }),
  );
  app.use(requestLog.middleware);
  app.use(faults.middleware);
  app.use((_req, res, next) => (settings().hibernating ? hibernate(res) : next()));
  app.post('/oauth_token.do', auth.tokenEndpoint);
  // Not mounted on '/api': a mount point would strip the prefix from the path the request log records.
  const apiOnly =
    (handler: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      req.path.startsWith('/api/') ? handler(req, res, next) : next();
  app.use(apiOnly(auth.middleware), apiOnly(rateLimit.middleware));
  app.use(tableRoutes({ store, writer, settings }));
  app.use((_req, _res, next) => next(new SnApiError(400, 'Requested URI does not represent any resource', null)));
  app.use(errorHandler);
  return app;
}

function methodOverride(req: Request, _res: Response, next: NextFunction): void {
  const override = req.get('X-HTTP-Method-Override');
  if (override && req.method === 'POST') req.method = override.toUpperCase();
  next();
}

function hibernate(res: Response): void {
  setStandardHeaders(res);
  res.status(200).setHeader('Content-Type', 'text/html;charset=UTF-8');
  res.send(HIBERNATING_PAGE);
}

function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof SnApiError) return sendError(res, error);
  if (error instanceof ZodError) {
    const detail = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    return sendError(res, new SnApiError(400, 'Invalid request', detail));
  }
  const status = (error as { status?: number }).status;
  if (status === 413 || status === 400) {
    return sendError(res, new SnApiError(status, 'Exception while reading request', String((error as Error).message)));
  }
  sendError(res, new SnApiError(500, 'Internal Server Error', error instanceof Error ? error.message : String(error)));
}
