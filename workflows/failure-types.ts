/**
 * Every failure `type` the bridge throws or records, in one place: the clients classify with these names,
 * activities throw them, workflows branch on them, and the retry policy's non-retryable list is derived
 * from the `retryable` column here (a type is added once, with its retry decision).
 */
const TYPES = {
  servicenow_unauthorized: { retryable: false },
  servicenow_forbidden: { retryable: false },
  servicenow_not_found: { retryable: false },
  servicenow_bad_request: { retryable: false },
  servicenow_data_policy: { retryable: false },
  servicenow_rejected: { retryable: false },
  servicenow_bad_response: { retryable: false },
  servicenow_client_error: { retryable: false },
  servicenow_user_not_found: { retryable: false },
  servicenow_missing_role: { retryable: false },
  servicenow_missing_close_fields: { retryable: false },
  servicenow_conflict: { retryable: false },
  servicenow_hibernating: { retryable: true },
  servicenow_unavailable: { retryable: true },
  servicenow_timeout: { retryable: true },
  servicenow_unreachable: { retryable: true },
  oncall_forbidden: { retryable: false },
  oncall_not_found: { retryable: false },
  oncall_bad_request: { retryable: false },
  oncall_wrong_state: { retryable: false },
  oncall_rejected: { retryable: false },
  oncall_bad_response: { retryable: false },
  oncall_unexpected: { retryable: false },
  oncall_integration_type: { retryable: false },
  oncall_no_inbound_url: { retryable: false },
  oncall_unavailable: { retryable: true },
  oncall_unreachable: { retryable: true },
  rate_limited: { retryable: true },
  integration_unavailable: { retryable: true },
  integration_deleted: { retryable: false },
  invalid_settings: { retryable: false },
  /** A URL or the address it resolved to is not public https (the SSRF guard). */
  url_refused: { retryable: false },
  invalid_state_mapping: { retryable: false },
} as const satisfies Record<string, { retryable: boolean }>;

export type FailureType = keyof typeof TYPES;

/** The names as constants (`Failure.oncall_wrong_state`), so a misspelt type does not compile. */
export const Failure = Object.fromEntries(Object.keys(TYPES).map((type) => [type, type])) as {
  readonly [T in FailureType]: T;
};

export function isRetryableType(type: FailureType): boolean {
  return TYPES[type].retryable;
}

/** Failure types that never succeed on retry: the retry policy stops on these whatever `nonRetryable` says. */
export const NON_RETRYABLE_TYPES: FailureType[] = (Object.keys(TYPES) as FailureType[]).filter(
  (type) => !TYPES[type].retryable,
);
