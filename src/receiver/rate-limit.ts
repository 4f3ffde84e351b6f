/**
 * A token bucket per key (one per integration and source), so one noisy integration cannot flood Temporal.
 * Over the limit: 429 with `Retry-After`. OnCall does not retry error statuses, so the limit is generous
 * and reconciliation repairs anything refused.
 */
import { ApiError } from '../http/errors';

export interface RateLimiter {
  /** Takes one token for `key` or throws a 429 `ApiError`. */
  take(key: string): void;
}

export function createRateLimiter({ perSecond, burst }: { perSecond: number; burst: number }): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const now = Date.now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        const waitSeconds = Math.ceil((1 - bucket.tokens) / perSecond);
        throw new ApiError(
          429,
          'rate_limited',
          `Too many webhook calls; retry in ${waitSeconds} s`,
          { retryAfter: waitSeconds },
          {
            'Retry-After': String(waitSeconds),
          },
        );
      }
      bucket.tokens -= 1;
    },
  };
}
