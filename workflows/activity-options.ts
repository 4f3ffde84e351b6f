/**
 * Retry presets per kind of call. Writes retry without an attempt limit, backing off up to 5 minutes, so
 * an outage or a rate limit delays a sync rather than dropping it (bridge.md §6.7); a `Retry-After` from
 * the server overrides the backoff through `nextRetryDelay`. Failures a retry cannot fix are thrown
 * non-retryable by the activities and land on the pair's timeline.
 */
import type { ActivityOptions } from '@temporalio/workflow';

/** Failure types that never succeed on retry (also marked `nonRetryable` where they are thrown). */
export const NON_RETRYABLE_TYPES = [
  'servicenow_unauthorized',
  'servicenow_forbidden',
  'servicenow_not_found',
  'servicenow_bad_request',
  'servicenow_data_policy',
  'oncall_forbidden',
  'oncall_not_found',
  'oncall_bad_request',
  'oncall_wrong_state',
  'oncall_rejected',
  'oncall_bad_response',
];

const retry = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '5 minutes',
  nonRetryableErrorTypes: NON_RETRYABLE_TYPES,
} as const;

/** One HTTP call per attempt (or a short sequence for OnCall moves): 30 s bounds a hung connection. */
export const serviceNowWrites: ActivityOptions = { startToCloseTimeout: '30 seconds', retry };
export const onCallWrites: ActivityOptions = { startToCloseTimeout: '60 seconds', retry };
/** Reads give up after a day: a pair re-reading forever blocks its later events. */
export const reads: ActivityOptions = { startToCloseTimeout: '60 seconds', scheduleToCloseTimeout: '1 day', retry };
