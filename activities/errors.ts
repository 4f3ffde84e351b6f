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

/**
 * The client with every method's failures translated through `classify`, for activities that call both
 * systems: each failure is then classified by the client it came from.
 */
export function translatingClient<C extends object>(client: C, classify: (error: unknown) => FailureClass): C {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => translated(classify, () => Promise.resolve(value.apply(target, args)));
    },
  });
}
