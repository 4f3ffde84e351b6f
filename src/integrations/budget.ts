/**
 * A rate-limit budget shared by every call to one system of one integration in this process (issue 20).
 * When the system answers 429, every pair of that integration waits out the `Retry-After` instead of each
 * finding the limit with a refused call of its own.
 */
import { HttpError } from './http';

/** Finishes an admitted call with its status (`undefined`: no answer) and the delay the server asked for. */
export type Release = (status: number | undefined, retryAfterMs: number | undefined) => void;

export interface CallBudget {
  /** Waits until a call may go out; throws `BudgetWaitError` rather than wait longer than `maxWaitMs`. */
  admit(): Promise<Release>;
}

/** No call was made: the shared budget would have held this one longer than a call may wait. */
export class BudgetWaitError extends HttpError {
  constructor(system: string, waitMs: number) {
    const detail = `${system} rate limit: the integration's calls wait ${waitMs} ms (Retry-After); no call was made`;
    super(429, detail, { detail }, waitMs);
  }
}

export interface BudgetOptions {
  system: string;
  /** Longest wait inside one call; longer waits fail retryable with the remaining delay. @default 15 s */
  maxWaitMs?: number;
  /** Delay when a 429 names none. @default 1 s */
  defaultDelayMs?: number;
  now?: () => number;
}

export function createCallBudget(options: BudgetOptions): CallBudget {
  const { system, maxWaitMs = 15_000, defaultDelayMs = 1000, now = Date.now } = options;
  let blockedUntil = 0;

  const release: Release = (status, retryAfterMs) => {
    if (status === 429) blockedUntil = Math.max(blockedUntil, now() + (retryAfterMs ?? defaultDelayMs));
  };

  async function admit(): Promise<Release> {
    for (;;) {
      const blocked = blockedUntil - now();
      if (blocked <= 0) return release;
      if (blocked > maxWaitMs) throw new BudgetWaitError(system, blocked);
      await new Promise((resolve) => setTimeout(resolve, blocked));
    }
  }

  return { admit };
}
