/**
 * Retry presets per kind of call. Writes retry without an attempt limit, backing off up to 5 minutes, so
 * an outage or a rate limit delays a sync rather than dropping it (bridge.md §6.7); a `Retry-After` from
 * the server overrides the backoff through `nextRetryDelay`. Failures a retry cannot fix are thrown
 * non-retryable by the activities and land on the pair's timeline.
 */
import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

import { NON_RETRYABLE_TYPES } from './failure-types';

const retry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '5 minutes',
  nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
} as const;

/**
 * A worker that dies mid-call never reports back: the server notices through the heartbeat timeout (the
 * worker's interceptor beats every few seconds while a call runs), so the retry starts on a live worker
 * within about 10 s, not after the start-to-close timeout (docs/RELIABILITY.md, "Bounded crash delay").
 */
const heartbeatTimeout = '10 seconds';

/** One HTTP call per attempt (or a short sequence for OnCall moves): 30 s bounds a hung connection. */
export const serviceNowWrites: ActivityOptions = { startToCloseTimeout: '30 seconds', heartbeatTimeout, retry };
export const onCallWrites: ActivityOptions = { startToCloseTimeout: '60 seconds', heartbeatTimeout, retry };
/** Reads give up after a day: a pair re-reading forever blocks its later events. */
export const reads: ActivityOptions = {
  startToCloseTimeout: '60 seconds',
  scheduleToCloseTimeout: '1 day',
  heartbeatTimeout,
  retry,
};

/**
 * The first attempt of a create, run as a local activity in the workflow task that decided it: no activity
 * task round trip and no second workflow task when it succeeds, which is most of an event's cost on the
 * Temporal side. Only creates go this way, because a create run again finds what an earlier run made
 * (`workflows/pair-creates.ts`); an update could not tell a person's newer change from its own. Any failure
 * hands over to the normal activity, with its unlimited retries and `Retry-After` backoff, and that one
 * always looks first. A worker's shutdown waits for its running local activities, so the timeout is kept
 * short (a lookup and a create at the clients' 10 s each would still fit; anything slower is retried as an
 * activity).
 */
export const createFirstAttempt: LocalActivityOptions = {
  startToCloseTimeout: '15 seconds',
  retry: { maximumAttempts: 1 },
};
