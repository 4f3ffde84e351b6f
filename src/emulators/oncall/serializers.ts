/** Public-API representations (oncall.md §2.3–§2.5, §10), built from the emulator's records. */
import { drfTime } from './ids';
import { stateOf, type EmAlertGroup, type EmIntegration, type EmUser, type EmWebhook } from './model';

/** What OnCall shows instead of a stored secret. */
export const FIELD_PLACEHOLDER = '****************';

const time = (date: Date | null) => (date ? drfTime(date) : null);

/** Serializer (list) form of labels, as the public API and a labels-off webhook payload show them. */
export function listLabels(labels: Record<string, string>) {
  return Object.entries(labels).map(([key, value]) => ({
    key: { id: key, name: key },
    value: { id: value, name: value },
  }));
}

/** `AlertGroupSerializer` output; `baseUrl` is the emulator's own URL (permalinks). */
export function serializeAlertGroup(group: EmAlertGroup, baseUrl: string) {
  const last = group.alerts[group.alerts.length - 1];
  return {
    id: group.id,
    integration_id: group.integrationId,
    team_id: null,
    route_id: group.routeId,
    alerts_count: group.alerts.length,
    state: stateOf(group),
    created_at: drfTime(group.startedAt),
    resolved_at: group.resolved ? time(group.resolvedAt) : null,
    resolved_by: group.resolved ? (group.resolvedBy?.id ?? null) : null,
    acknowledged_at: time(group.acknowledgedAt),
    acknowledged_by: group.acknowledgedBy?.id ?? null,
    labels: listLabels(group.labels),
    title: group.title,
    permalinks: {
      slack: null,
      slack_app: null,
      telegram: null,
      web: `${baseUrl}/a/grafana-oncall-app/alert-groups/${group.id}`,
    },
    silenced_at: time(group.silencedAt),
    last_alert: last
      ? { id: last.id, alert_group_id: group.id, created_at: drfTime(last.createdAt), payload: last.payload }
      : null,
  };
}

export const inboundLink = (integration: EmIntegration, baseUrl: string) =>
  `${baseUrl}/integrations/v1/${integration.type}/${integration.token}/`;

const channelTemplate = { title: null, message: null, image_url: null };

/** The public integration object, with `link` = the inbound URL. */
export function serializeIntegration(integration: EmIntegration, baseUrl: string) {
  const link = inboundLink(integration, baseUrl);
  return {
    id: integration.id,
    name: integration.name,
    description_short: integration.descriptionShort,
    team_id: null,
    link,
    inbound_email: null,
    type: integration.type,
    default_route: {
      id: integration.routeId,
      escalation_chain_id: null,
      slack: { channel_id: null, enabled: true },
      telegram: { id: null, enabled: false },
    },
    heartbeat: { link: `${link}heartbeat/` },
    maintenance_mode: null,
    maintenance_started_at: null,
    maintenance_end_at: null,
    templates: {
      grouping_key: integration.groupingKey,
      resolve_signal: null,
      acknowledge_signal: null,
      source_link: null,
      slack: channelTemplate,
      web: channelTemplate,
      sms: { title: null },
      phone_call: { title: null },
      telegram: channelTemplate,
      mobile_app: { title: null, message: null },
      email: { title: null, message: null },
    },
  };
}

/** `WebhookCreateSerializer.to_representation`: secrets masked, an empty filter read back as null. */
export function serializeWebhook(webhook: EmWebhook) {
  return {
    id: webhook.id,
    name: webhook.name,
    is_webhook_enabled: webhook.enabled,
    team: webhook.team,
    data: webhook.data,
    username: webhook.username,
    password: webhook.password ? FIELD_PLACEHOLDER : null,
    authorization_header: webhook.authorizationHeader ? FIELD_PLACEHOLDER : null,
    trigger_template: webhook.triggerTemplate,
    headers: webhook.headers,
    url: webhook.url,
    forward_all: webhook.forwardAll,
    http_method: webhook.httpMethod,
    trigger_type: webhook.triggerType,
    integration_filter: webhook.integrationFilter.length === 0 ? null : [...webhook.integrationFilter],
    preset: null,
  };
}

/** The public user object (`serializers/users.py`). */
export function serializeUser(user: EmUser, index: number) {
  return {
    id: user.id,
    grafana_id: index + 1,
    email: user.email,
    slack: null,
    username: user.username,
    role: 'admin',
    is_phone_number_verified: false,
    timezone: null,
    teams: [],
  };
}

/** `{id, username, email}` as webhook payloads carry users. */
export const payloadUser = (user: EmUser | null) =>
  user ? { id: user.id, username: user.username, email: user.email } : null;
