/**
 * How an API failure should be handled, decided once at the client layer so activities only translate it
 * into an `ApplicationFailure` (retryable or not) and workflows branch on `type`.
 */
export interface FailureClass {
  retryable: boolean;
  /** Stable snake_case name, e.g. `servicenow_unauthorized`, `oncall_wrong_state`, `rate_limited`. */
  type: string;
  /** For a person: what failed and what to do about it. Never contains a secret. */
  message: string;
  /** The delay the server asked for, when it did. */
  retryAfterMs?: number;
  status?: number;
}
