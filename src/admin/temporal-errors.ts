import { ApplicationFailure, TemporalFailure } from '@temporalio/common';
import { ApiError } from '../http/errors';

/**
 * Turns a failed setup/admin workflow or a rejected update into a 400 that says why (the innermost
 * `ApplicationFailure`'s type and message, written for a person by the activities and validators).
 * Anything else is not the caller's fault and is rethrown as it is.
 */
export function toApiError(error: unknown, fallbackCode = 'setup_failed'): unknown {
  const failure = innermostApplicationFailure(error);
  if (!failure) return error;
  return new ApiError(400, failure.type ?? fallbackCode, failure.message);
}

function innermostApplicationFailure(error: unknown): ApplicationFailure | undefined {
  let found: ApplicationFailure | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current instanceof Error; depth++) {
    if (current instanceof ApplicationFailure) found = current;
    current =
      current instanceof TemporalFailure || 'cause' in current ? (current as { cause?: unknown }).cause : undefined;
  }
  return found;
}
