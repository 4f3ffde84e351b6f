/**
 * The shared 429 budget against the OnCall emulator's sliding 60 s window (DRF's `UserRateThrottle`): when
 * the window's oldest calls are a few strays well before the burst, its Retry-After ends when only those
 * strays' room is free. The paced calls after it find the window full again; the first refusal sends the
 * rest back to wait, so the burst costs one refusal after its first wave, not one per paced call.
 * About 75 s: the window is OnCall's minute.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startOnCallEmulator, type OnCallEmulator } from '../../src/emulators/oncall';
import { createCallBudget } from '../../src/integrations/budget';
import { HttpError, sendRequest } from '../../src/integrations/http';

const LIMIT = 20;

describe('the shared budget in a sliding window that frees slower than its first wait', () => {
  let emulator: OnCallEmulator;
  beforeAll(async () => {
    emulator = await startOnCallEmulator({ rateLimitPerMinute: LIMIT });
  });
  afterAll(() => emulator.close());

  it("when strays take the window's oldest slots, then the burst after them is refused once after its first wave", async () => {
    const user = emulator.addUser({ username: 'bridge-bot', email: 'bot@example.com' });
    const budget = createCallBudget({ system: 'OnCall', maxWaitMs: 40_000 });
    const refusedAt: number[] = [];
    // Retries as an activity does: after the delay a refusal or the budget names.
    const call = async (): Promise<void> => {
      for (;;) {
        try {
          await sendRequest({
            method: 'GET',
            url: `${emulator.url}/api/v1/alert_groups/`,
            headers: { authorization: user.apiKey },
            timeoutMs: 5000,
            budget,
          });
          return;
        } catch (error) {
          if (!(error instanceof HttpError) || error.status !== 429) throw error;
          if (/answered 429/.test(error.message)) refusedAt.push(Date.now());
          await sleep(error.retryAfterMs ?? 1000);
        }
      }
    };
    await call();
    await call();
    await sleep(10_000);
    const burstAt = Date.now();
    await Promise.all(Array.from({ length: LIMIT + 4 }, call));

    // The first wave: the calls sent together with the one that met the limit.
    const firstWave = refusedAt.filter((at) => at - burstAt < 5000);
    expect(firstWave.length).toBeGreaterThanOrEqual(4);
    // About 50 s later the strays' two slots are free, the paced calls take them and the next is refused
    // until the burst's own calls leave the window; the others wait with it instead of going anyway.
    expect(refusedAt.length - firstWave.length).toBeLessThanOrEqual(1);
  }, 150_000);
});
