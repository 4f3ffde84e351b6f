import express, { type Router } from 'express';
import { createHealthRouter, type Readiness } from '../health';
import type { Logger } from '../logger';
import { errorHandler, notFoundHandler } from './errors';
import { requestLogger } from './request-logger';
import { securityHeaders } from './security-headers';

export interface AppDeps {
  logger: Logger;
  readiness: Readiness;
  /** Routers mounted at the root in order (webhooks, admin API, codec); each owns its paths and body parsing. */
  routers?: Router[];
}

/** The bridge's HTTP surface (no `listen` here, so tests drive it with supertest). */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestLogger(deps.logger));
  app.use(securityHeaders);
  app.use(createHealthRouter(deps.readiness));
  for (const router of deps.routers ?? []) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
