/**
 * The only place a vendor record becomes a pair event. The receiver (webhooks) and reconciliation (records
 * read from the APIs) both describe what they saw as a sighting and call these functions, so the routing
 * key, the de-duplication key and the event's content cannot differ between the two paths. Routing uses
 * only what the record carries (never visibility, which lags): the markers the bridge wrote into what it
 * created lead every later event of a pair, from either side, to the workflow where the pair was born.
 */
import { clip, clipOrNull, FIELD_LIMITS } from '../http/field-limits';
import { parseVendorTime } from '../http/time-window';
import { alertGroupMessage, alertGroupTitle } from '../integrations/oncall/alert-text';
import type { AlertGroup } from '../integrations/oncall/types';
import type { Incident } from '../integrations/servicenow/types';
import { pairWorkflowId, parseAlertUid, parseCorrelationId, type PairKey } from '../../workflows/ids';
import { BIRTH_EVENT, STATUS_AFTER_EVENT, TIME_FIELD_OF_EVENT } from '../../workflows/oncall-statuses';
import type { OnCallEvent, PairEvent, ServiceNowEvent } from '../../workflows/pair-types';
import type { PairSettings } from '../../workflows/settings';
import type { FieldValue } from '../../workflows/field-mapping';
import { BASE_FIELDS, incidentMatches } from './incident-filter';
import { renderFields, templateContext, type TemplateExtras } from './render-fields';

export type MappedEvent =
  /** `start: false`: deliver only to a pair that exists (an incident outside the filter, bridge.md §8.3). */
  | { kind: 'routed'; workflowId: string; key: PairKey; event: PairEvent; start?: boolean }
  | { kind: 'ignored'; reason: string };

/** What was seen of an alert group: from an outgoing webhook, or a record read back by reconciliation. */
export interface AlertGroupSighting {
  group: AlertGroup;
  eventType: string;
  /** `event.time`; `null` for un-* events (and reconciliation's stand-ins for them). */
  eventTime: string | null;
  /** The acting user's id; `null` for source, automatic, creation and reconciled events. */
  userId: string | null;
  /** The alert payload that carries the bridge's `alert_uid`, when other than the group's last alert. */
  payload?: unknown;
  via?: 'reconciliation';
  /** The webhook's `integration` and `user` (with `email`), for templates and `assignOnAcknowledge`. */
  integration?: TemplateExtras['integration'];
  user?: TemplateExtras['user'];
}

/** The incident fields the bridge reads, as both the Business Rule's body and the Table API name them. */
export type IncidentRecord = Pick<
  Incident,
  | 'sys_id'
  | 'number'
  | 'state'
  | 'short_description'
  | 'description'
  | 'correlation_id'
  | 'sys_updated_on'
  | 'sys_updated_by'
  | 'sys_mod_count'
>;

function text(payload: unknown, name: string): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value = (payload as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The `alert_uid` in a group's last alert payload, if any. */
export function alertUidOf(group: AlertGroup): string | undefined {
  return text(group.last_alert_payload, 'alert_uid');
}

export function incidentPairKey(incident: Pick<IncidentRecord, 'sys_id' | 'correlation_id'>, integrationId: string) {
  const alertGroupId = parseCorrelationId(incident.correlation_id);
  const key: PairKey = alertGroupId
    ? { integrationId, origin: 'oncall', sourceId: alertGroupId }
    : { integrationId, origin: 'servicenow', sourceId: incident.sys_id };
  return key;
}

export function groupPairKey(group: AlertGroup, integrationId: string, alertUid = alertUidOf(group)): PairKey {
  const sysId = parseAlertUid(alertUid ?? null);
  return sysId
    ? { integrationId, origin: 'servicenow', sourceId: sysId }
    : { integrationId, origin: 'oncall', sourceId: group.id };
}

/** Groups of the bridge's own or a connected OnCall integration, or opened by the bridge's alert, are synced. */
export function alertGroupEvent(sighting: AlertGroupSighting, settings: PairSettings): MappedEvent {
  const { group, eventType } = sighting;
  const after = STATUS_AFTER_EVENT[eventType];
  if (!after) return { kind: 'ignored', reason: `event type ${eventType} does not change a status` };
  const payload = text(sighting.payload, 'alert_uid') ? sighting.payload : group.last_alert_payload;
  const alertUid = text(payload, 'alert_uid') ?? null;
  const key = groupPairKey(group, settings.integrationId, alertUid ?? undefined);
  const bridged =
    group.integration_id === settings.bridgeOnCallIntegrationId || group.integration_id in settings.backsync;
  if (key.origin === 'oncall' && !bridged) {
    return { kind: 'ignored', reason: `integration ${group.integration_id} is not connected` };
  }
  // The birth event carries the creation time, so a later webhook of the same group is not stale.
  const eventTime = sighting.eventTime ?? (eventType === BIRTH_EVENT ? group.created_at : null);
  const workflowId = pairWorkflowId(key);
  const mapping = settings.fieldMapping;
  const event: OnCallEvent = {
    source: 'oncall',
    ...(sighting.via ? { via: sighting.via } : {}),
    ...(sighting.user?.email ? { actorEmail: clip(sighting.user.email, FIELD_LIMITS.code) } : {}),
    ...(mapping && Object.keys(mapping.incident).length > 0
      ? {
          rendered: renderFields(
            mapping,
            templateContext(
              group,
              { payload: sighting.payload ?? payload, integration: sighting.integration, user: sighting.user },
              { integrationId: settings.integrationId, pairId: workflowId },
            ),
          ),
        }
      : {}),
    // Un-* events carry no time, so two of them are indistinguishable: those rely on state comparison.
    key: eventTime ? `oncall:${group.id}:${eventType}:${eventTime}` : null,
    settings,
    eventType,
    eventTime,
    ...changedAt(group, eventType),
    userId: sighting.userId,
    alertGroup: {
      id: group.id,
      integrationId: group.integration_id,
      state: after === 'fromGroup' ? group.state : after,
      // The group's title and message come from its first alert (`alert_payload`), else its last.
      // Bounded (`FIELD_LIMITS`): the event lands in the pair's history.
      title: clip(alertGroupTitle(group.id, group.title, sighting.payload ?? payload), FIELD_LIMITS.title),
      message: clip(alertGroupMessage(sighting.payload ?? payload), FIELD_LIMITS.text),
      permalink: clipOrNull(group.permalinks.web, FIELD_LIMITS.url),
      alertUid: clipOrNull(alertUid, FIELD_LIMITS.code),
    },
  };
  return { kind: 'routed', workflowId, key, event };
}

/** The group's timestamp of the change `eventType` reports, when it is a date (it lands in history, bounded). */
function changedAt(group: AlertGroup, eventType: string): { changedAt?: string } {
  const field = TIME_FIELD_OF_EVENT[eventType];
  const value = field ? group[field] : null;
  if (!value || value.length > FIELD_LIMITS.code || Number.isNaN(parseVendorTime(value))) return {};
  return { changedAt: value };
}

export function incidentEvent(
  incident: IncidentRecord,
  operation: 'insert' | 'update',
  settings: PairSettings,
  seen: { via?: 'reconciliation'; journalDigest?: string | undefined; fields?: Record<string, FieldValue> } = {},
): Extract<MappedEvent, { kind: 'routed' }> {
  const { via, journalDigest } = seen;
  const fields = seen.fields ? boundedFields(seen.fields) : undefined;
  const event: ServiceNowEvent = {
    source: 'servicenow',
    ...(via ? { via } : {}),
    // sys_mod_count grows by one per write: the same change read twice (webhook, scan) has the same key.
    key: `servicenow:${incident.sys_id}:${incident.sys_mod_count}`,
    settings,
    operation,
    // Bounded (`FIELD_LIMITS`; the receiver refuses over-long codes, API reads are cut here).
    incident: {
      sysId: incident.sys_id,
      number: clip(incident.number, FIELD_LIMITS.code),
      state: clip(incident.state, FIELD_LIMITS.code),
      shortDescription: clip(incident.short_description, FIELD_LIMITS.title),
      description: clip(incident.description, FIELD_LIMITS.text),
      correlationId: clip(incident.correlation_id, FIELD_LIMITS.code),
      updatedOn: clip(incident.sys_updated_on, FIELD_LIMITS.code),
      updatedBy: clip(incident.sys_updated_by, FIELD_LIMITS.code),
      modCount: incident.sys_mod_count,
      ...(journalDigest ? { journalDigest } : {}),
      ...(fields ? { fields } : {}),
    },
  };
  const key = incidentPairKey(incident, settings.integrationId);
  // Only incidents born in ServiceNow are filtered; one outside the filter still reaches its pair if it has one.
  const start = key.origin === 'oncall' || incidentMatches(settings.incidentFilter, filterRecord(incident, fields));
  return { kind: 'routed', workflowId: pairWorkflowId(key), key, event, ...(start ? {} : { start: false }) };
}

function boundedFields(fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const bounded: Record<string, FieldValue> = {};
  for (const [name, field] of Object.entries(fields).slice(0, 40)) {
    bounded[name] = { value: clip(field.value, FIELD_LIMITS.title), display: clip(field.display, FIELD_LIMITS.title) };
  }
  return bounded;
}

/** What the filter reads: the incident's own fields (value = display) and the routing fields. */
function filterRecord(incident: IncidentRecord, fields: Record<string, FieldValue> | undefined) {
  const record: Record<string, FieldValue> = {};
  for (const name of BASE_FIELDS) record[name] = { value: incident[name], display: incident[name] };
  return { ...record, ...fields };
}
