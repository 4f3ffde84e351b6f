/**
 * An activity asked to stop gives up at once. The worker asks when it shuts down (after its grace time) and
 * when the server has timed the activity out; the bridge's calls take no abort signal and run to their own
 * timeouts, and a rate-limit wait (up to 40 s for OnCall) does not look at the worker at all, so a worker
 * waiting for them overran the 30 s a process has to stop and exited 1 (issue 13, item 9). The work left
 * behind may still finish, as after a crash: every activity is written to be retried after an unknown
 * outcome (docs/RELIABILITY.md), and Temporal retries the cancelled attempt on the next worker.
 */
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

export const giveUpWhenCancelled: ActivityInterceptorsFactory = (ctx: Context) => ({
  inbound: {
    async execute(input, next) {
      const running = next(input);
      // The abandoned attempt's late failure is nobody's to handle: not an unhandled rejection.
      running.catch(() => undefined);
      return Promise.race([running, ctx.cancelled]);
    },
  },
});
