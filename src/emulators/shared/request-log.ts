import type { NextFunction, Request, Response } from 'express';

/** One API request as `GET /__emulator/requests` reports it (bridge.md §7). */
export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  user: string | null;
  body: unknown;
  status: number;
}

/**
 * Records every API request (control endpoints excluded, rejected ones included) once its response is
 * finished, so the status is the one the caller saw. `userOf` names the authenticated user, if any.
 */
export function createRequestLog(userOf: (req: Request) => string | null) {
  const entries: LoggedRequest[] = [];
  function middleware(req: Request, res: Response, next: NextFunction): void {
    if (req.path.startsWith('/__emulator')) return next();
    // Taken now: routers mounted below rewrite `req.path` to their own relative path while they run.
    const path = req.path;
    res.on('finish', () => {
      entries.push({
        at: new Date().toISOString(),
        method: req.method,
        path,
        query: { ...(req.query as Record<string, unknown>) },
        user: userOf(req),
        body: parsedBody(req),
        status: res.statusCode,
      });
    });
    next();
  }
  return { middleware, entries: () => entries, clear: () => void entries.splice(0) };
}

function parsedBody(req: Request): unknown {
  const raw: unknown = req.body;
  if (Buffer.isBuffer(raw)) {
    const text = raw.toString('utf8');
    if (text === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return raw ?? null;
}
