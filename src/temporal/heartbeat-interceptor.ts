/**
 * Heartbeats for activities that do not heartbeat themselves. A worker that dies (SIGKILL, a lost host)
 * leaves its running activities to the server's timeouts; with a heartbeat timeout the server notices within
 * that timeout instead of the whole start-to-close timeout, and schedules the retry on a live worker
 * (docs/RELIABILITY.md, "Bounded crash delay"). Only activities scheduled with a heartbeat timeout beat,
 * and only once they have run a few seconds: most calls finish sooner and cost no heartbeat at all.
 */
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/** Well inside any heartbeat timeout the bridge uses (10 s or more), and throttled by the SDK anyway. */
export const HEARTBEAT_EVERY_MS = 3000;

export const heartbeatWhileRunning: ActivityInterceptorsFactory = (ctx: Context) => ({
  inbound: {
    async execute(input, next) {
      const { heartbeatTimeoutMs, isLocal } = ctx.info;
      if (isLocal || !heartbeatTimeoutMs) return next(input);
      const timer = setInterval(() => ctx.heartbeat(), Math.min(HEARTBEAT_EVERY_MS, heartbeatTimeoutMs / 3));
      try {
        return await next(input);
      } finally {
        clearInterval(timer);
      }
    },
  },
});
