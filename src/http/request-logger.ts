import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

/**
 * One line per request once it is answered: method, route path (never the query string, which could carry
 * a credential), status and duration. Health probes go to debug so they do not drown the rest.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const fields = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      };
      const probe = req.path === '/healthz' || req.path === '/readyz';
      if (probe) logger.debug('request', fields);
      else if (res.statusCode >= 500) logger.error('request', fields);
      else logger.info('request', fields);
    });
    next();
  };
}
