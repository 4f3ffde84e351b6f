/** Public-API authentication (`Authorization: <key>`, 403 `Invalid token.`) and the per-user throttle. */
import type { NextFunction, Request, Response } from 'express';
import type { EmStore, EmUser } from './model';
import { detail } from './http-helpers';

const users = new WeakMap<Request, EmUser>();

/** The authenticated user of a request, if any (for handlers and the request log). */
export const userOf = (req: Request): EmUser | undefined => users.get(req);

/** DRF answers 403, not 401, for a bad or missing key (oncall.md §2.1). */
export function authenticate(store: EmStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = (req.header('authorization') ?? '').trim();
    const user = key ? [...store.users.values()].find((candidate) => candidate.apiKey === key) : undefined;
    if (!user) return detail(res, 403, 'Invalid token.');
    users.set(req, user);
    next();
  };
}

/**
 * DRF `UserRateThrottle` with a sliding 60 s history per user (`300/m` by default, oncall.md §2.1):
 * 429 with `Retry-After` and `RateLimit-Reset`. `limit()` returns false when throttling is off.
 */
export function throttle(limit: () => number | false) {
  const history = new Map<string, number[]>();
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const perMinute = limit();
    const user = userOf(req);
    if (perMinute === false || !user) return next();
    const now = Date.now();
    const recent = (history.get(user.id) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= perMinute) {
      const wait = Math.max(1, Math.ceil((60_000 - (now - (recent[0] ?? now))) / 1000));
      res.setHeader('Retry-After', String(wait));
      res.setHeader('RateLimit-Reset', String(wait));
      history.set(user.id, recent);
      return detail(res, 429, `Request was throttled. Expected available in ${wait} second${wait === 1 ? '' : 's'}.`);
    }
    recent.push(now);
    history.set(user.id, recent);
    next();
  };
  return { middleware, clear: () => history.clear() };
}
