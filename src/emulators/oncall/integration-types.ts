/**
 * The integration types the emulator knows, each with what OnCall's `engine/config_integrations/<slug>.py`
 * and `AlertReceiveChannel.integration_url` decide for it: the display name, whether it has an inbound URL
 * (`link` is null for manual, inbound e-mail and maintenance), and the default web title, grouping id and
 * resolve condition, rendered here in TypeScript instead of Jinja.
 */

export const INTEGRATION_TYPES = [
  'alertmanager',
  'grafana_alerting',
  'webhook',
  'formatted_webhook',
  'inbound_email',
  'manual',
  'maintenance',
] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export interface IntegrationTypeRules {
  displayName: string;
  /** False: `link` is null and alerts arrive another way (e-mail, a person, maintenance mode). */
  inboundUrl: boolean;
  /** The alert group's title (`web_title_cache`), rendered from its first alert. */
  title(payload: unknown): string;
  /** The grouping template's output; empty = never groups. */
  groupingKey(payload: unknown): string;
  isResolveSignal(payload: unknown): boolean;
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Jinja's text of a value: strings as they are, missing as empty, anything else as JSON. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `payload.get(name, fallback)`: the fallback only when the key is missing. */
const get = (payload: unknown, name: string, fallback: string) =>
  name in record(payload) ? text(record(payload)[name]) : fallback;

const isOk = (value: unknown) => text(value).toUpperCase() === 'OK';

/**
 * The Alertmanager-based title: the alert name, a space, then the other grouping labels' values in
 * parentheses. With no other grouping label the trailing space stays ("HighLatency ").
 */
function alertmanagerTitle(payload: unknown): string {
  const groupLabels = { ...record(record(payload).groupLabels) };
  let alertname: string;
  if ('labels' in record(payload)) {
    // The legacy single-alert form keeps every grouping label.
    alertname = text(record(record(payload).labels).alertname);
  } else {
    alertname = text(groupLabels.alertname);
    delete groupLabels.alertname;
  }
  const rest = Object.values(groupLabels).map(text);
  return `${alertname} ${rest.length > 0 ? `(${rest.join(', ')})` : ''}`;
}

const alertmanagerRules = (displayName: string): IntegrationTypeRules => ({
  displayName,
  inboundUrl: true,
  title: alertmanagerTitle,
  groupingKey: (payload) => text(record(payload).groupKey),
  isResolveSignal: (payload) => record(payload).status === 'resolved',
});

export const INTEGRATION_TYPE_RULES: Record<IntegrationType, IntegrationTypeRules> = {
  alertmanager: alertmanagerRules('Alertmanager'),
  grafana_alerting: alertmanagerRules('Grafana Alerting'),
  webhook: {
    displayName: 'Webhook',
    inboundUrl: true,
    // The plain webhook's web title is the constant "Incident", whatever the payload says.
    title: () => 'Incident',
    groupingKey: (payload) => JSON.stringify(payload),
    isResolveSignal: (payload) => isOk(record(payload).state),
  },
  formatted_webhook: {
    displayName: 'Formatted webhook',
    inboundUrl: true,
    title: (payload) => get(payload, 'title', 'Title undefined (Check Web Title Template)'),
    groupingKey: (payload) => text(record(payload).alert_uid),
    isResolveSignal: (payload) => isOk(record(payload).state),
  },
  inbound_email: {
    displayName: 'Inbound Email',
    inboundUrl: false,
    // An e-mail arrives as `{"subject", "message", "sender"}`.
    title: (payload) => get(payload, 'subject', 'Title undefined (check Web Title Template)'),
    groupingKey: (payload) => text(record(payload).subject).toUpperCase(),
    isResolveSignal: (payload) => isOk(record(payload).message),
  },
  manual: {
    displayName: 'Manual',
    inboundUrl: false,
    // A person's alert: `{"oncall": {"title", "message", "author_username", "permalink"}}`.
    title: (payload) => text(record(record(payload).oncall).title),
    groupingKey: (payload) => JSON.stringify(payload),
    isResolveSignal: () => false,
  },
  maintenance: {
    displayName: 'Maintenance',
    inboundUrl: false,
    title: (payload) => get(payload, 'title', 'Maintenance'),
    groupingKey: () => '',
    isResolveSignal: () => false,
  },
};

export const isIntegrationType = (value: unknown): value is IntegrationType =>
  typeof value === 'string' && (INTEGRATION_TYPES as readonly string[]).includes(value);
