/**
 * The admin API's shapes (bridge.md §4.2), taken from the server's own types so the UI and the API cannot
 * drift apart: `import type` only, nothing of the server reaches the bundle.
 */
export type { IntegrationResource } from '../../src/admin/resource';
export type { PairSummary } from '../../src/admin/pair-service';
export type { PairView } from '../../workflows/messages';
export type { ReconcileResult } from '../../workflows/reconcile-types';
export type { ChoiceOption, StateMapping } from '../../workflows/settings';

/** The error envelope of every non-2xx answer. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

/** `POST /api/v1/integrations/:id/business-rule`. */
export interface BusinessRuleAnswer {
  script: string;
  instructions: string;
  rule: { name: string; table: string; when: string; insert: boolean; update: boolean };
}

/** OnCall's alert group statuses, in the order a group moves through them (the bridge's one list of them). */
export { ALERT_GROUP_STATES as ONCALL_STATUSES } from '../../workflows/oncall-statuses';
export type { AlertGroupState as OnCallStatus } from '../../workflows/oncall-statuses';
