import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, TemporalFailure, TimeoutFailure } from '@temporalio/common';
import { ApiError } from '../http/errors';

/**
 * Turns a failed setup/admin workflow or a rejected update into an answer for the admin: a 400 that says
 * why (the innermost `ApplicationFailure`'s type and message, written for a person by the activities and
 * validators); a 504 when the workflow ran out of time (no worker took it). Anything else is rethrown as it is
 * (`src/temporal/temporal-errors.ts` decides what Temporal's own errors mean).
 */
const OWN_TYPE = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

export function toApiError(error: unknown, fallbackCode = 'setup_failed'): unknown {
  const chain = causes(error);
  const failure = chain.filter((e): e is ApplicationFailure => e instanceof ApplicationFailure).pop();
  // Only the bridge's own failure types (snake_case) carry messages written for a person; a `TypeError`
  // from a bug is an internal error and its message stays inside.
  if (failure && (failure.type == null || OWN_TYPE.test(failure.type))) {
    return new ApiError(400, failure.type ?? fallbackCode, failure.message);
  }
  if (failure) return error;
  if (error instanceof WorkflowFailedError && chain.some((e) => e instanceof TimeoutFailure)) {
    return new ApiError(
      504,
      'step_timed_out',
      'The step did not finish in time: check that the bridge worker is running and can reach Temporal',
    );
  }
  // Temporal's own answers (unreachable, refused) are classified by the error handler.
  return error;
}

/** The error and its causes, outermost first (bounded: failure chains are short). */
function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current instanceof Error; depth++) {
    chain.push(current);
    current =
      current instanceof TemporalFailure || 'cause' in current ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}
