import { Context } from '@temporalio/activity';

/**
 * Whether this runs as a retry of an earlier attempt, whose write may have landed although its answer
 * was lost (outside an activity, e.g. in a plain call: no).
 */
export function isRetry(): boolean {
  try {
    return Context.current().info.attempt > 1;
  } catch {
    return false;
  }
}
