import type { NextFunction, Request, Response } from 'express';
import { userOf } from './auth';
import { SnApiError, sendError } from './envelope';
import type { Settings } from './settings';

/** The sys_id of the emulated `sys_rate_limit_rules` record, sent as `X-RateLimit-Rule`. */
export const RATE_LIMIT_RULE_ID = 'a0c7e7c3db2a0010f4d5d7e4ce961985';

/**
 * A per-user hourly limit on the Table API (servicenow.md §1.7): counts per clock hour, headers on every
 * matching request, 429 with `Retry-After` once the hour's budget is spent.
 */
export function createRateLimit(settings: () => Settings) {
  const counts = new Map<string, number>();
  let window = 0;

  function middleware(req: Request, res: Response, next: NextFunction): void {
    const limit = settings().rateLimitPerHour;
    if (limit === null) return next();
    const now = Date.now();
    const hour = Math.floor(now / 3_600_000);
    if (hour !== window) {
      window = hour;
      counts.clear();
    }
    const resetAt = (hour + 1) * 3600;
    res.setHeader('X-RateLimit-Limit', String(limit));
    res.setHeader('X-RateLimit-Reset', String(resetAt));
    res.setHeader('X-RateLimit-Rule', RATE_LIMIT_RULE_ID);
    const user = userOf(req) ?? '';
    const used = (counts.get(user) ?? 0) + 1;
    counts.set(user, used);
    if (used <= limit) return next();
    const retryAfter = Math.max(1, resetAt - Math.floor(now / 1000));
    sendError(
      res,
      new SnApiError(429, 'Rate limit exceeded', `Rate limit of ${limit} requests per hour for Table API exceeded`, {
        'Retry-After': String(retryAfter),
      }),
    );
  }

  return { middleware, clear: () => counts.clear() };
}
