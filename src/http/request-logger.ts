import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger';
import { boundedPath } from './errors';

/** A caller's `X-Request-Id` is kept when it is a plain token; anything else gets a fresh id. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * One line per request once it is answered: request id, method, route path (never the query string, which
 * could carry a credential, nor any header), status and duration. `req.log` carries the request id, so every
 * line a handler writes about the request has it too. Health probes go to debug so they do not drown the rest.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (req, res, error) => {
      if (isProbe(req)) return 'debug';
      return error || res.statusCode >= 500 ? 'error' : 'info';
    },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res, fields: { responseTime: number }) => summary(req, res.statusCode, fields),
    customErrorObject: (req, res, _error, fields: { responseTime: number }) => summary(req, res.statusCode, fields),
    // The request object is not logged whole (its headers may hold a token); `summary` picks its fields.
    wrapSerializers: false,
    serializers: { req: () => undefined, res: () => undefined },
  });
}

function summary(req: IncomingMessage, status: number, fields: { responseTime: number }) {
  return { method: req.method, path: boundedPath(pathOf(req)), status, ms: fields.responseTime };
}

function pathOf(req: IncomingMessage): string {
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function isProbe(req: IncomingMessage): boolean {
  const path = pathOf(req);
  return path === '/healthz' || path === '/readyz';
}
