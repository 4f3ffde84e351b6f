/** The outgoing-webhook event data, key for key as OnCall's `serialize_event` builds it (oncall.md §1.3). */
import { pythonTime } from '../ids';
import { INTEGRATION_TYPE_RULES } from '../integration-types';
import type { AlertGroupEvent, EmIntegration, EmWebhook } from '../model';
import { payloadUser, serializeAlertGroup } from '../serializers';

export interface PayloadOptions {
  /** The base of the group's permalink ('' = relative). */
  grafanaUrl: string;
  /** The org's labels feature (off by default in OSS): flat labels, `integration.labels` and `webhook`. */
  labelsEnabled: boolean;
}

/** `event`: `time` per trigger, `until` for silence, nothing extra for the un-* triggers (§1.1). */
function eventBlock(event: AlertGroupEvent): Record<string, unknown> {
  const { group } = event;
  const at = (date: Date | null) => pythonTime(date ?? event.at);
  switch (event.type) {
    case 'alert group created':
      return { type: event.type, time: at(group.startedAt) };
    case 'acknowledge':
      return { type: event.type, time: at(group.acknowledgedAt) };
    case 'resolve':
      return { type: event.type, time: at(group.resolvedAt) };
    case 'silence':
      return {
        type: event.type,
        time: at(group.silencedAt),
        until: group.silencedUntil ? pythonTime(group.silencedUntil) : null,
      };
    case 'escalation':
      return { type: event.type, time: pythonTime(event.at) };
    default:
      return { type: event.type };
  }
}

/**
 * Builds the event data at the moment of the event (the group as it was then). `responses` is added at
 * send time by the dispatcher, since it reflects other webhooks' latest answers.
 */
export function buildEventData(
  event: AlertGroupEvent,
  integration: EmIntegration,
  options: PayloadOptions,
): Record<string, unknown> {
  const { group } = event;
  const alertGroup: Record<string, unknown> = serializeAlertGroup(group, options.grafanaUrl);
  if (options.labelsEnabled) alertGroup.labels = { ...group.labels };
  const data: Record<string, unknown> = {
    event: eventBlock(event),
    user: payloadUser(event.user),
    alert_group: alertGroup,
    alert_group_id: group.id,
    alert_payload: group.alerts[0]?.payload ?? '',
    integration: {
      id: integration.id,
      type: integration.type,
      name: `${integration.name} - ${INTEGRATION_TYPE_RULES[integration.type].displayName}`,
      team: null,
      ...(options.labelsEnabled ? { labels: {} } : {}),
    },
    notified_users: [],
    users_to_be_notified: [],
    alert_group_acknowledged_by: group.acknowledged ? payloadUser(group.acknowledgedBy) : null,
    alert_group_resolved_by: group.resolved ? payloadUser(group.resolvedBy) : null,
  };
  return data;
}

/** Appends `responses` (only when non-empty) and, with labels on, `webhook`, keeping OnCall's key order. */
export function finishEventData(
  data: Record<string, unknown>,
  webhook: EmWebhook,
  responses: Record<string, unknown>,
  labelsEnabled: boolean,
): Record<string, unknown> {
  const out = { ...data };
  if (Object.keys(responses).length > 0) out.responses = responses;
  if (labelsEnabled) out.webhook = { id: webhook.id, name: webhook.name, labels: {} };
  return out;
}
