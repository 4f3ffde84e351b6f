/**
 * Which form field a failed connection check or setup is about, from the API's stable error codes, so the
 * reason is shown next to the field the person has to change.
 */
import type { ApiFailure } from '../../api';

export type FieldProblems = Record<string, string>;

const FIELD_OF_CODE: Record<string, string> = {
  servicenow_unreachable: 'servicenow.instanceUrl',
  servicenow_timeout: 'servicenow.instanceUrl',
  servicenow_hibernating: 'servicenow.instanceUrl',
  servicenow_not_found: 'servicenow.instanceUrl',
  servicenow_unavailable: 'servicenow.instanceUrl',
  servicenow_unauthorized: 'servicenow.password',
  servicenow_user_not_found: 'servicenow.username',
  servicenow_missing_role: 'servicenow.username',
  servicenow_forbidden: 'servicenow.username',
  oncall_unauthorized: 'oncall.apiToken',
  oncall_forbidden: 'oncall.apiToken',
  oncall_unreachable: 'oncall.apiUrl',
  oncall_timeout: 'oncall.apiUrl',
  oncall_unavailable: 'oncall.apiUrl',
  oncall_integration_type: 'oncall.integrationId',
  oncall_not_found: 'oncall.integrationId',
};

/** Field problems by field path (`servicenow.instanceUrl`); what fits no field is under `''`. */
export function problemsByField(failure: ApiFailure | undefined): FieldProblems {
  if (!failure) return {};
  const listed = failure.fieldProblems();
  if (listed.length > 0) return Object.fromEntries(listed.map((p) => [p.field, p.reason]));
  const field = FIELD_OF_CODE[failure.code];
  return { [field ?? '']: failure.message };
}
