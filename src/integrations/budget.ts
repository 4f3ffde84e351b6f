/**
 * A rate-limit budget shared by every call to one system as one user in this process (issue 20; the
 * client directory keys it by account). When the system answers 429, every pair acting as that user waits
 * out the `Retry-After` instead of each finding the limit with a refused call of its own, and then goes
 * out paced rather than all at once.
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

/**
 * After a wait, the calls that waited go out paced, a slice of the wait apart (within these bounds), for
 * one more such wait: a limit counted over a window frees its room as the window moves on, not all at
 * once, so releasing every waiting call together was refused again (the storm's second 429s).
 */
const PACE_SLICES = 60;
const MIN_GAP_MS = 10;
const MAX_GAP_MS = 1000;

export function createCallBudget(options: BudgetOptions): CallBudget {
  const { system, maxWaitMs = 15_000, defaultDelayMs = 1000, now = Date.now } = options;
  let blockedUntil = 0;
  let pacedUntil = 0;
  let gapMs = 0;
  let nextSlot = 0;
  let refusals = 0;
  // The refusal count at which a call admitted after it was answered: the limit then had room again.
  let roomAfter = 0;
  // Bumped by a refusal that follows such an answer: calls holding slots taken before it take new ones.
  let slotRound = 0;

  function refused(retryAfterMs: number | undefined): void {
    const at = now();
    const delay = retryAfterMs ?? defaultDelayMs;
    const gap = Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, delay / PACE_SLICES));
    // A short refusal met while paced after a long wait does not speed the pace up.
    gapMs = at < pacedUntil ? Math.max(gapMs, gap) : gap;
    blockedUntil = Math.max(blockedUntil, at + delay);
    pacedUntil = Math.max(pacedUntil, blockedUntil + delay);
    // A window limit frees room as its oldest calls age out, which may be slower than the pace: once a
    // paced call was answered, a refusal means the room is gone until its Retry-After, and the calls
    // waiting for their slots wait it too (going anyway was refused once per slot). Refusals with no
    // answer between them (a system refusing every call for a while) are used up at the pace instead.
    if (roomAfter === refusals) {
      slotRound += 1;
      nextSlot = blockedUntil;
    }
    refusals += 1;
  }

  function releaseFor(admittedAt: number): Release {
    return (status, retryAfterMs) => {
      if (status === 429) refused(retryAfterMs);
      else if (status !== undefined && admittedAt === refusals) roomAfter = refusals;
    };
  }

  async function admit(): Promise<Release> {
    // One bound for the whole wait, blocks and slot together: a call that waited out a block and then
    // a slot could outlast its activity's timeout, and a timed-out attempt's retry must read first.
    const deadline = now() + maxWaitMs;
    for (;;) {
      const at = now();
      const blocked = blockedUntil - at;
      if (blockedUntil > deadline) throw new BudgetWaitError(system, blocked);
      if (blocked > 0) {
        await sleep(blocked);
        continue;
      }
      if (at >= pacedUntil) return releaseFor(refusals);
      const slot = Math.max(at, nextSlot);
      if (slot > deadline) throw new BudgetWaitError(system, slot - at);
      nextSlot = slot + gapMs;
      const round = slotRound;
      if (slot > at) await sleep(slot - at);
      if (round === slotRound) return releaseFor(refusals);
    }
  }

  return { admit };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
