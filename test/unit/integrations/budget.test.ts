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

  it('after the wait, the calls go out at the pace the system accepted before it refused', async () => {
    const budget = createCallBudget({ system: 'OnCall' });
    // Ten calls answered, then a refusal for 300 ms: ten calls per (about) 300 ms is what the limit allowed.
    for (const release of await Promise.all(Array.from({ length: 10 }, () => budget.admit()))) release(200, undefined);
    (await budget.admit())(429, 300);
    const admitted = await Promise.all(Array.from({ length: 10 }, () => budget.admit().then(() => Date.now())));
    // Nine gaps of about 30 ms; a sixtieth of the wait (the pace without a record) would be nine of 10 ms.
    expect(Math.max(...admitted) - Math.min(...admitted)).toBeGreaterThanOrEqual(250);
  });

  it('the pace holds past its end while calls still hold slots, so late callers do not all go at once', async () => {
    const budget = createCallBudget({ system: 'OnCall' });
    for (const release of await Promise.all([budget.admit(), budget.admit()])) release(200, undefined);
    const refusedAt = Date.now();
    // 100 ms blocked, then slots about 50 ms apart; the pace alone would end 200 ms after the refusal.
    (await budget.admit())(429, 100);
    const queued = Promise.all(Array.from({ length: 6 }, () => budget.admit()));
    await new Promise((resolve) => setTimeout(resolve, 260));
    await budget.admit();
    // The six slots run to about 350 ms: the late caller takes the one after them, not one at 260 ms.
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(340);
    await queued;
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
