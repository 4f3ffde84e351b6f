/**
 * The shared 429 budget of one integration's calls to one system: after a 429 every caller waits the
 * `Retry-After` before its call goes out, and then the callers go out paced.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BudgetWaitError, createCallBudget } from '../../../src/integrations/budget';
import { HttpError, sendRequest } from '../../../src/integrations/http';

/** A server that answers 429 with `Retry-After: 1` to its first request and 200 to the rest. */
async function limitedServer(): Promise<{ url: string; arrivals: { at: number; status: number }[]; server: Server }> {
  const arrivals: { at: number; status: number }[] = [];
  const server = createServer((_req, res) => {
    const status = arrivals.length === 0 ? 429 : 200;
    arrivals.push({ at: Date.now(), status });
    if (status === 429) res.setHeader('Retry-After', '1');
    res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, arrivals, server };
}

describe('the shared 429 budget', () => {
  it('when one call is answered 429, then no call of the integration goes out before its Retry-After', async () => {
    const { url, arrivals, server } = await limitedServer();
    try {
      const budget = createCallBudget({ system: 'OnCall' });
      const call = () => sendRequest({ method: 'GET', url, timeoutMs: 5000, budget });
      await expect(call()).rejects.toMatchObject({ status: 429 });
      const results = await Promise.allSettled(Array.from({ length: 10 }, call));
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      expect(arrivals.filter((a) => a.status === 429)).toHaveLength(1);
      const refusedAt = arrivals[0]!.at;
      expect(Math.min(...arrivals.slice(1).map((a) => a.at)) - refusedAt).toBeGreaterThanOrEqual(900);
    } finally {
      server.close();
    }
  });

  it('after the wait, the calls that waited go out paced, a sixtieth of the wait apart, not all at once', async () => {
    const { url, arrivals, server } = await limitedServer();
    try {
      const budget = createCallBudget({ system: 'OnCall' });
      const call = () => sendRequest({ method: 'GET', url, timeoutMs: 5000, budget });
      await expect(call()).rejects.toMatchObject({ status: 429 });
      await Promise.all(Array.from({ length: 10 }, call));
      const released = arrivals.slice(1).map((a) => a.at);
      // Nine gaps of 1000/60 ms between the first and the last of the ten.
      expect(Math.max(...released) - Math.min(...released)).toBeGreaterThanOrEqual(140);
    } finally {
      server.close();
    }
  });

  it('when a paced call is refused, then the calls waiting for their slots wait its Retry-After too', async () => {
    const budget = createCallBudget({ system: 'OnCall' });
    (await budget.admit())(429, 200);
    const admitted: number[] = [];
    let refusedAt = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await budget.admit();
        admitted.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 5)); // the round trip
        // The window freed one slot, not the sixty the first wait's pace assumed: the second call is refused.
        if (admitted.length === 2) {
          refusedAt = Date.now();
          release(429, 400);
        } else release(200, undefined);
      }),
    );
    const afterRefusal = admitted.slice(2);
    expect(afterRefusal).toHaveLength(18);
    expect(Math.min(...afterRefusal) - refusedAt).toBeGreaterThanOrEqual(390);
  });

  it('when the calls after a wait are all refused, then they are used up at the pace, not one per Retry-After', async () => {
    const budget = createCallBudget({ system: 'OnCall' });
    (await budget.admit())(429, 300);
    const started = Date.now();
    let refusedInARow = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const release = await budget.admit();
        await new Promise((resolve) => setTimeout(resolve, 5)); // the round trip
        // A system refusing every call for a while (the fault suite's 429 storm): five refusals in a row.
        if (refusedInARow < 5) {
          refusedInARow += 1;
          release(429, 300);
        } else release(200, undefined);
      }),
    );
    // Slots 10 ms apart after the 300 ms block; waiting 300 ms after each refusal would take 1.8 s.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a call waits at most maxWaitMs in all, the block and its paced slot together', async () => {
    const budget = createCallBudget({ system: 'OnCall', maxWaitMs: 500 });
    (await budget.admit())(429, 300);
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () =>
        budget.admit().then(
          () => Date.now() - started,
          (error: unknown) => error,
        ),
      ),
    );
    const admittedAfter = outcomes.filter((o): o is number => typeof o === 'number');
    // 300 ms blocked, then slots 10 ms apart: about twenty fit in the 500 ms, the rest are told to retry.
    expect(outcomes.filter((o) => o instanceof BudgetWaitError).length).toBeGreaterThan(10);
    expect(Math.max(...admittedAfter)).toBeLessThan(700);
  });

  it('when the wait would be longer than a call may wait, then it fails retryable with the delay and makes no call', async () => {
    const budget = createCallBudget({ system: 'OnCall', maxWaitMs: 1000 });
    const release = await budget.admit();
    release(429, 30_000);
    const refused = await budget.admit().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BudgetWaitError);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).retryAfterMs).toBeGreaterThan(25_000);
  });
});
