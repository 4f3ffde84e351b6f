/**
 * The activity boundary: a client error, already classified by its client module, becomes an
 * `ApplicationFailure` whose `type` the workflow branches on and whose retry behaviour Temporal honours.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { FailureClass } from '../src/integrations/errors';

/** Non-retryable unless the class says otherwise; `Retry-After` becomes the next retry's delay. */
export function toApplicationFailure(failure: FailureClass): ApplicationFailure {
  return ApplicationFailure.create({
    type: failure.type,
    message: failure.message,
    nonRetryable: !failure.retryable,
    ...(failure.retryable && failure.retryAfterMs !== undefined ? { nextRetryDelay: failure.retryAfterMs } : {}),
    details: failure.status !== undefined ? [{ status: failure.status }] : [],
  });
}

/** Runs `call`, translating anything it throws through `classify`. */
export async function translated<T>(classify: (error: unknown) => FailureClass, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApplicationFailure) throw error;
    throw toApplicationFailure(classify(error));
  }
}
