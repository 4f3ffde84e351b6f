/**
 * Maps parsed webhook bodies to the bridge's own pair events and routes them. Routing uses only what the
 * webhook carries (never visibility, which lags): the markers the bridge wrote into what it created lead
 * every later event of a pair, from either side, to the workflow where the pair was born.
 */
import { alertGroupMessage, alertGroupTitle } from '../integrations/oncall/alert-text';
import type { AlertGroupState } from '../integrations/oncall/types';
import { pairWorkflowId, parseAlertUid, parseCorrelationId, type PairKey } from '../../workflows/ids';
import type { OnCallEvent, PairEvent, ServiceNowEvent } from '../../workflows/pair-types';
import type { PairSettings } from '../../workflows/settings';
import type { OnCallWebhook, ServiceNowWebhook } from './schemas';

export type MappedWebhook =
  | { kind: 'routed'; workflowId: string; key: PairKey; event: PairEvent }
  | { kind: 'ignored'; reason: string };

/** The status an OnCall event type leaves the group in; `alert group created` reads the group's state. */
const STATUS_AFTER: Record<string, AlertGroupState | 'fromGroup'> = {
  'alert group created': 'fromGroup',
  acknowledge: 'acknowledged',
  resolve: 'resolved',
  silence: 'silenced',
  unsilence: 'firing',
  unresolve: 'firing',
  unacknowledge: 'firing',
};

function field(payload: unknown, name: string): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value = (payload as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function routed(key: PairKey, event: PairEvent): MappedWebhook {
  return { kind: 'routed', workflowId: pairWorkflowId(key), key, event };
}

export function oncallWebhookToEvent(body: OnCallWebhook, settings: PairSettings): MappedWebhook {
  const after = STATUS_AFTER[body.event.type];
  if (!after) return { kind: 'ignored', reason: `event type ${body.event.type} does not change a status` };
  const group = body.alert_group;
  const payload = field(body.alert_payload, 'alert_uid') ? body.alert_payload : group.last_alert?.payload;
  const alertUid = field(payload, 'alert_uid') ?? null;
  const incidentSysId = parseAlertUid(alertUid);
  const bridged =
    group.integration_id === settings.bridgeOnCallIntegrationId || group.integration_id in settings.backsync;
  if (!incidentSysId && !bridged) {
    return { kind: 'ignored', reason: `integration ${group.integration_id} is not connected` };
  }
  const eventTime = body.event.time ?? null;
  const event: OnCallEvent = {
    source: 'oncall',
    // Un-* events carry no time, so two of them are indistinguishable: those rely on state comparison.
    key: eventTime ? `oncall:${group.id}:${body.event.type}:${eventTime}` : null,
    settings,
    eventType: body.event.type,
    eventTime,
    userId: body.user?.id ?? null,
    alertGroup: {
      id: group.id,
      integrationId: group.integration_id,
      state: after === 'fromGroup' ? group.state : after,
      // The group's title and message come from its first alert, which is `alert_payload`.
      title: alertGroupTitle(group.id, group.title, body.alert_payload ?? payload),
      message: alertGroupMessage(body.alert_payload ?? payload),
      permalink: group.permalinks?.web ?? null,
      alertUid,
    },
  };
  const key: PairKey = incidentSysId
    ? { integrationId: settings.integrationId, origin: 'servicenow', sourceId: incidentSysId }
    : { integrationId: settings.integrationId, origin: 'oncall', sourceId: group.id };
  return routed(key, event);
}

export function serviceNowWebhookToEvent(body: ServiceNowWebhook, settings: PairSettings): MappedWebhook {
  const alertGroupId = parseCorrelationId(body.correlation_id);
  const event: ServiceNowEvent = {
    source: 'servicenow',
    key: `servicenow:${body.sys_id}:${body.sys_mod_count}`,
    settings,
    operation: body.operation,
    incident: {
      sysId: body.sys_id,
      number: body.number,
      state: body.state,
      shortDescription: body.short_description,
      description: body.description,
      correlationId: body.correlation_id,
      updatedOn: body.sys_updated_on,
      updatedBy: body.sys_updated_by,
      modCount: body.sys_mod_count,
    },
  };
  const key: PairKey = alertGroupId
    ? { integrationId: settings.integrationId, origin: 'oncall', sourceId: alertGroupId }
    : { integrationId: settings.integrationId, origin: 'servicenow', sourceId: body.sys_id };
  return routed(key, event);
}
