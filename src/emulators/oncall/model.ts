/** The emulator's in-memory records: OnCall's models reduced to what the public API and webhooks show. */
import type { IntegrationType } from './integration-types';

export type { IntegrationType } from './integration-types';

export interface EmUser {
  id: string;
  username: string;
  email: string;
  apiKey: string;
  /** A Grafana service account: may read, gets 403 on alert-group actions (oncall.md §2.1). */
  serviceAccount: boolean;
}

export interface EmIntegration {
  id: string;
  name: string;
  type: IntegrationType;
  token: string;
  routeId: string;
  descriptionShort: string | null;
  createdAt: Date;
  /** A `grouping_key` template set through the API (§3.3); null = the type's default. */
  groupingKey: string | null;
}

export interface EmAlert {
  id: string;
  groupId: string;
  createdAt: Date;
  payload: unknown;
}

/** Stored as OnCall stores it: independent booleans; `state` derives with precedence (§4.4). */
export interface EmAlertGroup {
  id: string;
  integrationId: string;
  routeId: string;
  distinction: string;
  startedAt: Date;
  title: string | null;
  alerts: EmAlert[];
  labels: Record<string, string>;
  openForGrouping: boolean;
  resolved: boolean;
  resolvedAt: Date | null;
  resolvedBy: EmUser | null;
  acknowledged: boolean;
  acknowledgedAt: Date | null;
  acknowledgedBy: EmUser | null;
  silenced: boolean;
  silencedAt: Date | null;
  silencedUntil: Date | null;
  unsilenceTimer?: NodeJS.Timeout;
}

export interface EmWebhook {
  id: string;
  name: string;
  url: string;
  httpMethod: string;
  triggerType: string;
  forwardAll: boolean;
  enabled: boolean;
  data: string | null;
  headers: string | null;
  authorizationHeader: string | null;
  username: string | null;
  password: string | null;
  triggerTemplate: string | null;
  integrationFilter: string[];
  team: string | null;
  /** Set by a DELETE: OnCall keeps the row, renamed `<name>_deleted_<id>`, out of every API answer. */
  deletedAt: Date | null;
}

/** `Webhook.objects`: the webhooks the API and the dispatcher see (a soft-deleted one is not among them). */
export function liveWebhooks(store: EmStore): EmWebhook[] {
  return [...store.webhooks.values()].filter((webhook) => webhook.deletedAt === null);
}

export function liveWebhook(store: EmStore, id: string): EmWebhook | undefined {
  const webhook = store.webhooks.get(id);
  return webhook && webhook.deletedAt === null ? webhook : undefined;
}

/**
 * `Webhook.delete()`: a soft delete. The name is cut to 78 characters and suffixed `_deleted_<id>` (100 is
 * the field's limit), which frees the name for a new webhook; the row and its responses stay.
 */
export function softDeleteWebhook(webhook: EmWebhook, at: Date): void {
  webhook.name = `${webhook.name.slice(0, 78)}_deleted_${webhook.id}`;
  webhook.deletedAt = at;
}

/** A resolution note (oncall.md §10): `source` is `web` for notes made through the API or the web UI. */
export interface EmResolutionNote {
  id: string;
  groupId: string;
  /** Null when a service account wrote it. */
  author: EmUser | null;
  source: 'web' | 'slack' | 'mobile_app';
  createdAt: Date;
  text: string;
}

/** The payload `event.type` values of a status change (oncall.md §1.1). */
export type StatusTrigger = 'acknowledge' | 'resolve' | 'silence' | 'unsilence' | 'unresolve' | 'unacknowledge';
export type EventTrigger = StatusTrigger | 'alert group created' | 'escalation';

/** Something that fires webhooks: the group, the trigger and the log record's author. */
export interface AlertGroupEvent {
  type: EventTrigger;
  group: EmAlertGroup;
  user: EmUser | null;
  at: Date;
}

export type AlertGroupState = 'firing' | 'acknowledged' | 'resolved' | 'silenced';

export function stateOf(group: EmAlertGroup): AlertGroupState {
  if (group.resolved) return 'resolved';
  if (group.acknowledged) return 'acknowledged';
  if (group.silenced) return 'silenced';
  return 'firing';
}

export interface EmStore {
  users: Map<string, EmUser>;
  integrations: Map<string, EmIntegration>;
  alertGroups: Map<string, EmAlertGroup>;
  webhooks: Map<string, EmWebhook>;
  resolutionNotes: Map<string, EmResolutionNote>;
  /** Latest response body per (webhook id, alert group id), for `responses` in later payloads. */
  responses: Map<string, Map<string, unknown>>;
  /**
   * The organization's Grafana URL, the base of alert-group permalinks: undefined = the emulator's own URL;
   * null = none, so permalinks are relative (`a/grafana-oncall-app/...`), as for an org without one.
   */
  grafanaUrl?: string | null;
}

export function createStore(): EmStore {
  return {
    users: new Map(),
    integrations: new Map(),
    alertGroups: new Map(),
    webhooks: new Map(),
    resolutionNotes: new Map(),
    responses: new Map(),
  };
}

/** Clears every record but the users (bridge.md §7 reset). */
export function clearRecords(store: EmStore): void {
  for (const group of store.alertGroups.values()) clearTimeout(group.unsilenceTimer);
  store.integrations.clear();
  store.alertGroups.clear();
  store.webhooks.clear();
  store.resolutionNotes.clear();
  store.responses.clear();
  delete store.grafanaUrl;
}
