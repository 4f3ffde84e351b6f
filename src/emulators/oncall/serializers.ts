/** Public-API representations (oncall.md §2.3–§2.5, §10), built from the emulator's records. */
import { drfTime } from './ids';
import { INTEGRATION_TYPE_RULES } from './integration-types';
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

/**
 * `UIURLBuilder.alert_group_detail`: the org's Grafana URL joined with the plugin path; an org without a
 * Grafana URL gets the relative path alone.
 */
export const alertGroupPermalink = (groupId: string, grafanaUrl: string) => {
  const path = `a/grafana-oncall-app/alert-groups/${groupId}`;
  return grafanaUrl ? `${grafanaUrl.replace(/\/+$/, '')}/${path}` : path;
};

/** `AlertGroupSerializer` output; `grafanaUrl` is the base of its permalink ('' = relative). */
export function serializeAlertGroup(group: EmAlertGroup, grafanaUrl: string) {
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
      web: alertGroupPermalink(group.id, grafanaUrl),
    },
    silenced_at: time(group.silencedAt),
    last_alert: last
      ? { id: last.id, alert_group_id: group.id, created_at: drfTime(last.createdAt), payload: last.payload }
      : null,
  };
}

/** `integration_url`: null for the types that take no alerts over HTTP (manual, inbound e-mail, maintenance). */
export const inboundLink = (integration: EmIntegration, baseUrl: string): string | null =>
  INTEGRATION_TYPE_RULES[integration.type].inboundUrl
    ? `${baseUrl}/integrations/v1/${integration.type}/${integration.token}/`
    : null;

/** The address an inbound e-mail integration receives alerts at (`<token>@INBOUND_EMAIL_DOMAIN`). */
export const INBOUND_EMAIL_DOMAIN = 'inbound.oncall.example.com';

const channelTemplate = { title: null, message: null, image_url: null };

/** The public integration object, with `link` = the inbound URL (or null). */
export function serializeIntegration(integration: EmIntegration, baseUrl: string) {
  const link = inboundLink(integration, baseUrl);
  return {
    id: integration.id,
    name: integration.name,
    description_short: integration.descriptionShort,
    team_id: null,
    link,
    inbound_email: integration.type === 'inbound_email' ? `${integration.token}@${INBOUND_EMAIL_DOMAIN}` : null,
    type: integration.type,
    // The default route shows every notification backend: Slack, Telegram, then the messaging backends.
    default_route: {
      id: integration.routeId,
      escalation_chain_id: null,
      slack: { channel_id: null, enabled: true },
      telegram: { id: null, enabled: false },
      webhook: { id: null, enabled: false },
    },
    heartbeat: { link: link ? `${link}heartbeat/` : null },
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
      webhook: channelTemplate,
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

/** A webhook as the database keeps it (`Webhook.objects_with_deleted`): the API form plus `deleted_at`. */
export function storedWebhook(webhook: EmWebhook) {
  return { ...serializeWebhook(webhook), deleted_at: webhook.deletedAt?.toISOString() ?? null };
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
