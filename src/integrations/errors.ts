/**
 * How an API failure should be handled, decided once at the client layer so activities only translate it
 * into an `ApplicationFailure` (retryable or not) and workflows branch on `type`.
 */
import { isRetryableType, type FailureType } from '../../workflows/failure-types';

export interface FailureClass {
  /** Derived from `type` (workflows/failure-types.ts); kept on the class so activities need not look it up. */
  retryable: boolean;
  /** Stable snake_case name, e.g. `servicenow_unauthorized`, `oncall_wrong_state`, `rate_limited`. */
  type: FailureType;
  /** For a person: what failed and what to do about it. Never contains a secret. */
  message: string;
  /** The delay the server asked for, when it did. */
  retryAfterMs?: number;
  status?: number;
}

/** A class whose retry decision is the one its type has everywhere. */
export function failureOf(
  type: FailureType,
  message: string,
  extra: { status?: number; retryAfterMs?: number } = {},
): FailureClass {
  return { retryable: isRetryableType(type), type, message, ...extra };
}

/** Longest upstream text a failure message quotes: enough to say what went wrong, never a whole page. */
export const EXCERPT_CHARS = 300;

/**
 * An upstream system's own words (an error message, a body) as a failure message may quote them: cut to
 * {@link EXCERPT_CHARS}. Bodies reach here already redacted (`sendRequest`).
 */
export function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}
