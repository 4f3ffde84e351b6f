import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';

/** `POST /__emulator/faults` body (bridge.md §7): `{}` clears. */
export const FaultSchema = z.object({
  status: z.number().int().min(100).max(599).optional(),
  count: z.number().int().min(1).default(1),
  retryAfter: z.number().min(0).optional(),
  delayMs: z.number().int().min(0).default(0),
  /** The request is handled at once (a write lands) but its answer is held back this long. */
  answerDelayMs: z.number().int().min(0).default(0),
  /**
   * With `status`: the request is handled first (a write lands) and only its answer is that error, so the
   * caller cannot tell whether the write happened: the failure that duplicates non-idempotent writes.
   */
  applied: z.boolean().default(false),
  /** Only requests whose path contains this text (e.g. `/acknowledge`) are affected and counted. */
  path: z.string().min(1).optional(),
  /** Only requests with this method are affected and counted. */
  method: z.string().min(1).optional(),
});
export type Fault = z.infer<typeof FaultSchema>;

/**
 * Fault injection for the next `count` API requests: an error `status` in the emulated system's own
 * envelope (built by `errorBody`), and/or a delay before the request is handled or of its answer after it
 * was (a lost answer: the caller times out or dies while the write has happened). Control endpoints are
 * never affected.
 */
export function createFaults(errorBody: (status: number) => unknown) {
  let fault: Fault | undefined;
  let remaining = 0;

  function set(input: unknown): Fault | undefined {
    const parsed = FaultSchema.parse(input ?? {});
    if (parsed.status === undefined && parsed.delayMs === 0 && parsed.answerDelayMs === 0) {
      fault = undefined;
      remaining = 0;
    } else {
      fault = parsed;
      remaining = parsed.count;
    }
    return fault;
  }

  async function middleware(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (req.path.startsWith('/__emulator') || fault === undefined || remaining <= 0) return next();
    const current = fault;
    if (current.path !== undefined && !req.path.includes(current.path)) return next();
    if (current.method !== undefined && req.method !== current.method.toUpperCase()) return next();
    remaining -= 1;
    if (remaining === 0) fault = undefined;
    if (current.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, current.delayMs));
    if (current.answerDelayMs > 0) holdAnswer(res, current.answerDelayMs);
    if (current.status === undefined) return next();
    if (current.retryAfter !== undefined) res.setHeader('Retry-After', String(current.retryAfter));
    if (current.applied) return (replaceAnswer(res, current.status, errorBody(current.status)), next());
    res.status(current.status).json(errorBody(current.status));
  }

  return { set, middleware, clear: () => void set({}), active: () => (fault ? { ...fault, remaining } : null) };
}

/** Lets the handler run now and sends what it answered `ms` later. */
function holdAnswer(res: Response, ms: number): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    setTimeout(() => end(...args), ms).unref();
    return res;
  }) as Response['end'];
}

/** Lets the handler run and sends `body` with `status` instead of what it answered. */
function replaceAnswer(res: Response, status: number, body: unknown): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((..._args: unknown[]) => {
    const text = JSON.stringify(body);
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(text));
    return end(text);
  }) as Response['end'];
}
