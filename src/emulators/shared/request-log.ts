import type { NextFunction, Request, Response } from 'express';

/** One API request as `GET /__emulator/requests` reports it (bridge.md §7). */
export interface LoggedRequest {
  /** When the request arrived. */
  at: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  user: string | null;
  body: unknown;
  /** The status the emulator answered; `null` while it is still handling the request. */
  status: number | null;
  /** When the emulator answered (whether or not the caller was still there to read it); `null` before. */
  finishedAt: string | null;
}

/**
 * Records every API request (control endpoints excluded, rejected ones included) when it arrives, and
 * completes the entry when the emulator answers it. A write whose caller died before the answer (a
 * worker killed mid-call) still shows, with the status the emulator gave. `userOf` names the
 * authenticated user, if any, once authentication has run.
 */
export function createRequestLog(userOf: (req: Request) => string | null) {
  const entries: LoggedRequest[] = [];
  function middleware(req: Request, res: Response, next: NextFunction): void {
    if (req.path.startsWith('/__emulator')) return next();
    const entry: LoggedRequest = {
      at: new Date().toISOString(),
      method: req.method,
      // Taken now: routers mounted below rewrite `req.path` to their own relative path while they run.
      path: req.path,
      query: { ...(req.query as Record<string, unknown>) },
      user: userOf(req),
      // A form body (a token request) may hold secrets until its handler strips them: taken at the answer.
      body: req.is('application/x-www-form-urlencoded') ? null : parsedBody(req),
      status: null,
      finishedAt: null,
    };
    entries.push(entry);
    // `end` rather than the `finish` event: `finish` never comes when the caller has gone away.
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      if (entry.finishedAt === null) {
        entry.finishedAt = new Date().toISOString();
        entry.status = res.statusCode;
        entry.user = userOf(req);
        entry.body = parsedBody(req);
      }
      return end(...args);
    }) as Response['end'];
    next();
  }
  return { middleware, entries: () => entries, clear: () => void entries.splice(0) };
}

/**
 * The entries `GET /__emulator/requests[?from=N]` answers: the log, or its entries from index N on
 * (0-based); undefined after answering 400 for a bad `from`. A caller that polls asks for what is new: the
 * whole log of a long run is tens of megabytes, and the emulator answers no API call while it builds it.
 */
export function requestedEntries<T>(req: Request, res: Response, entries: readonly T[]): T[] | undefined {
  const from = typeof req.query.from === 'string' ? Number(req.query.from) : 0;
  if (!Number.isSafeInteger(from) || from < 0) {
    res.status(400).json({ error: '`from` must be a non-negative integer (an index into the log)' });
    return undefined;
  }
  return entries.slice(from);
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
