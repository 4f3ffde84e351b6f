/** The contract of the OnCall public-API client (oncall.md §2) the activities and the setup workflow use. */
import type { CallBudget } from '../budget';
import type { FailureClass } from '../errors';

export type { AlertGroupState } from '../../../workflows/oncall-statuses';
import type { AlertGroupState } from '../../../workflows/oncall-statuses';
export type AlertGroupAction = 'acknowledge' | 'unacknowledge' | 'resolve' | 'unresolve' | 'silence' | 'unsilence';

export interface OnCallClientConfig {
  /** Base URL of the OnCall engine, e.g. `https://oncall.example.com` (the client adds `/api/v1/`). */
  apiUrl: string;
  apiToken: string;
  /** Per-call timeout. @default 10000 */
  timeoutMs?: number;
  /**
   * Call only public https addresses, checked again at every connect (url-guard.ts); the worker sets it
   * unless BRIDGE_ALLOW_INSECURE_URLS is on. @default false
   */
  guarded?: boolean;
  /** The integration's shared 429 budget for API calls (not the inbound URL, which OnCall limits apart). */
  budget?: CallBudget;
}

export interface AlertGroup {
  id: string;
  integration_id: string;
  state: AlertGroupState;
  title: string | null;
  /** Always set by the API; a webhook body may lack it. */
  created_at: string | null;
  resolved_at: string | null;
  acknowledged_at: string | null;
  silenced_at: string | null;
  alerts_count: number;
  permalinks: { web: string | null };
  /** Labels normalised to a flat map, whichever form OnCall sent. */
  labels: Record<string, string>;
  /** Payload of the last alert (the bridge reads `alert_uid` from it). */
  last_alert_payload: unknown;
}

export interface Page<T> {
  results: T[];
  count: number;
  /** Next page number, absent on the last page. */
  nextPage?: number;
}

export interface OnCallIntegration {
  id: string;
  name: string;
  type: string;
  /** The inbound URL alerts are posted to; null for types without one (manual, inbound_email, maintenance). */
  link: string | null;
}

export interface OnCallWebhook {
  id: string;
  name: string;
  url: string;
  http_method: string;
  trigger_type: string;
  forward_all: boolean;
  is_webhook_enabled: boolean;
  trigger_template: string | null;
  integration_filter: string[] | null;
}

export interface WebhookInput {
  name: string;
  url: string;
  http_method?: string;
  trigger_type: string;
  forward_all?: boolean;
  authorization_header?: string;
  trigger_template?: string | null;
  integration_filter?: string[] | null;
  is_webhook_enabled?: boolean;
}

/**
 * A webhook PATCH. OnCall clears the integration filter on a PATCH that leaves it out (the webhook then
 * fires for every integration of the organization), so every PATCH names the whole filter.
 */
export type WebhookPatch = Partial<WebhookInput> & { integration_filter: string[] | null };

/** One alert of a group (`GET /api/v1/alerts/`, oncall.md §2.6). */
export interface OnCallAlert {
  id: string;
  alert_group_id: string;
  created_at: string;
  payload: unknown;
}

export interface OnCallUser {
  id: string;
  username: string;
  email: string;
}

/** A resolution note on an alert group (oncall.md §10). */
export interface ResolutionNote {
  id: string;
  alertGroupId: string;
  /** The author's user id; null when a service account wrote it. */
  author: string | null;
  /** `web` for notes made through the API or the web UI, else `slack`, `mobile_app`. */
  source: string;
  createdAt: string;
  text: string;
}

export interface ListAlertGroupsFilter {
  integration_id?: string;
  /** Filter uses `new` for firing (oncall.md §2.2). */
  state?: 'new' | 'acknowledged' | 'resolved' | 'silenced';
  id?: string;
  page?: number;
  perpage?: number;
}

export interface OnCallClient {
  getAlertGroup(id: string): Promise<AlertGroup>;
  listAlertGroups(filter?: ListAlertGroupsFilter): Promise<Page<AlertGroup>>;
  acknowledge(id: string): Promise<void>;
  unacknowledge(id: string): Promise<void>;
  resolve(id: string): Promise<void>;
  unresolve(id: string): Promise<void>;
  /** `delaySeconds` -1 = forever. */
  silence(id: string, delaySeconds: number): Promise<void>;
  unsilence(id: string): Promise<void>;
  listIntegrations(page?: number): Promise<Page<OnCallIntegration>>;
  getIntegration(id: string): Promise<OnCallIntegration>;
  createIntegration(input: { type: string; name: string }): Promise<OnCallIntegration>;
  /** Used to undo a failed setup that had created the integration. */
  deleteIntegration(id: string): Promise<void>;
  listWebhooks(page?: number): Promise<Page<OnCallWebhook>>;
  createWebhook(input: WebhookInput): Promise<OnCallWebhook>;
  updateWebhook(id: string, patch: WebhookPatch): Promise<OnCallWebhook>;
  deleteWebhook(id: string): Promise<void>;
  /** Posts to an inbound integration URL; OnCall answers `"Ok."` and creates the group asynchronously. */
  sendAlert(inboundUrl: string, payload: unknown): Promise<void>;
  /** Alerts whose raw payload contains `text` (case-insensitive), newest first: one page. */
  searchAlerts(text: string): Promise<Page<OnCallAlert>>;
  /** The user behind the API key (`GET /api/v1/users/current/`). */
  getCurrentUser(): Promise<OnCallUser>;
  getUser(id: string): Promise<OnCallUser>;
  /** One page (fifty) of an alert group's resolution notes, oldest first. */
  listResolutionNotes(alertGroupId: string, page?: number): Promise<Page<ResolutionNote>>;
  /** Not idempotent: a retry after a lost answer must look for the note first. */
  createResolutionNote(alertGroupId: string, text: string): Promise<ResolutionNote>;
}

export type ClassifyOnCallError = (error: unknown) => FailureClass;
