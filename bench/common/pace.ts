/** Offered load: starts `count` calls at a fixed rate (or all at once) and waits for every one. */

export interface PacedResult<T> {
  startedAt: number;
  results: PromiseSettledResult<T>[];
}

/**
 * Call `i` starts at `startedAt + i / ratePerSecond`; calls overlap freely, so a slow system shows up as
 * latency rather than as a lower offered rate. `Infinity` starts them all at once, `maxInFlight` apart.
 */
export async function paced<T>(
  count: number,
  ratePerSecond: number,
  call: (index: number) => Promise<T>,
  maxInFlight = 200,
): Promise<PacedResult<T>> {
  const startedAt = Date.now();
  const running = new Set<Promise<unknown>>();
  const all: Promise<T>[] = [];
  for (let i = 0; i < count; i += 1) {
    if (Number.isFinite(ratePerSecond)) {
      const due = startedAt + (i * 1000) / ratePerSecond;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
    }
    while (running.size >= maxInFlight) await Promise.race(running);
    const promise = call(i);
    const tracked: Promise<unknown> = promise.then(
      (): boolean => running.delete(tracked),
      (): boolean => running.delete(tracked),
    );
    running.add(tracked);
    all.push(promise);
  }
  return { startedAt, results: await Promise.allSettled(all) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

export interface CountWait {
  timeoutMs: number;
  /** Give up early once the count has not grown for this long (lost events never arrive). */
  stallMs: number;
}

/** Polls `count` until it reaches `target`; returns the last count, never throws. */
export async function untilCount(count: () => Promise<number>, target: number, wait: CountWait): Promise<number> {
  const deadline = Date.now() + wait.timeoutMs;
  let last = -1;
  let grewAt = Date.now();
  for (;;) {
    const now = await count();
    if (now >= target) return now;
    if (now > last) [last, grewAt] = [now, Date.now()];
    if (Date.now() > deadline || Date.now() - grewAt > wait.stallMs) return now;
    await sleep(500);
  }
}
