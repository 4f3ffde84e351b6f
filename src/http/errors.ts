import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { describeError } from '../logger';
import { missingPrerequisite } from '../temporal/prerequisites';
import { temporalErrorKind } from '../temporal/temporal-errors';

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
  res.status(404).json(errorBody('not_found', `No route for ${req.method} ${boundedPath(req.path)}`));
};

/**
 * The one error middleware: `ApiError`s become their status with the §4 envelope; errors that carry a 4xx
 * status (body parsing: bad JSON, a body that does not decompress, an unknown encoding; a path that does not
 * %-decode) become that 4xx; Temporal's answers are classified (`temporal-errors.ts`): unreachable → 503,
 * refused → 400. Anything else is a bug: logged and answered with a generic 500, so internals never reach a
 * caller.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const answer = answerFor(error);
    const fields = { method: req.method, path: boundedPath(req.path), error: describeError(error) };
    const log = (req as { log?: Logger }).log ?? logger;
    const missing = missingPrerequisite(error);
    if (answer.status === 503) log.warn(fields, 'request failed: Temporal unavailable');
    // Temporal answered: the operator must add what the namespace lacks (the log at start says how).
    else if (missing !== undefined)
      log.error({ ...fields, cause: missing }, 'request failed: Temporal prerequisites missing');
    else if (answer.status >= 500) log.error(fields, 'request failed');
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    res.status(answer.status).json(errorBody(answer.code, answer.message, answer.details));
  };
}

interface Answer {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  headers?: Record<string, string>;
}

function answerFor(error: unknown): Answer {
  if (error instanceof ApiError) return error;
  const kind = temporalErrorKind(error);
  if (kind === 'unavailable') {
    return {
      status: 503,
      code: 'temporal_unavailable',
      message: 'The bridge cannot reach Temporal right now; try again later',
    };
  }
  if (kind === 'prerequisites_missing') {
    return {
      status: 500,
      code: 'temporal_prerequisites_missing',
      message: "The bridge's Temporal namespace lacks a search attribute or namespace it needs; its log says which",
    };
  }
  if (kind === 'rejected') {
    return {
      status: 400,
      code: 'rejected',
      message: 'Temporal refused to store this request (too large or malformed)',
    };
  }
  const status = clientErrorStatus(error);
  if (status === undefined) return { status: 500, code: 'internal_error', message: 'Internal error' };
  const type = (error as { type?: unknown }).type;
  if (status === 413) return { status, code: 'payload_too_large', message: 'The request body is larger than 1 MiB' };
  if (status === 415) {
    return { status, code: 'unsupported_encoding', message: 'The request body has an unsupported encoding or charset' };
  }
  if (type === 'entity.parse.failed')
    return { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON' };
  if (error instanceof URIError)
    return { status: 400, code: 'invalid_path', message: 'The request path is not valid URL encoding' };
  return { status: 400, code: 'invalid_request', message: 'The request could not be read (body or encoding broken)' };
}

/**
 * The 4xx status of an error about the request itself: http-errors from body-parser (`expose`) or the
 * router's `URIError` for a path that does not decode. Other errors with a `status` (an upstream's answer)
 * are not the caller's fault: `undefined`.
 */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  const fromParsing = expose === true || error instanceof URIError;
  return typeof status === 'number' && status >= 400 && status < 500 && fromParsing ? status : undefined;
}

/** Paths are client-chosen: log at most their first 200 characters. */
export function boundedPath(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…(${path.length} chars)` : path;
}
