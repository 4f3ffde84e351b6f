import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { describeError } from '../logger';

/** An error meant for the caller: its status, snake_case code and message reach the response as they are. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Response headers that belong to the error, e.g. `Retry-After` on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `No route for ${req.method} ${req.path}`));
};

/**
 * The one error middleware: `ApiError`s and body-parser failures become their status with the §4 envelope;
 * anything else is logged and answered with a generic 500, so internals never reach a caller.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      res.status(error.status).json(errorBody(error.code, error.message, error.details));
      return;
    }
    const parserStatus = bodyParserStatus(error);
    if (parserStatus === 413) {
      res.status(413).json(errorBody('payload_too_large', 'The request body is larger than 1 MiB'));
      return;
    }
    if (parserStatus !== undefined && parserStatus >= 400 && parserStatus < 500) {
      res.status(400).json(errorBody('invalid_json', 'The request body is not valid JSON'));
      return;
    }
    ((req as { log?: Logger }).log ?? logger).error(
      { method: req.method, path: req.path, error: describeError(error) },
      'request failed',
    );
    if (!res.headersSent) res.status(500).json(errorBody('internal_error', 'Internal error'));
  };
}

function bodyParserStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type } = error as { status?: unknown; type?: unknown };
  return typeof status === 'number' && typeof type === 'string' ? status : undefined;
}
