/**
 * Pure decisions of reconciliation: which pair an incident or alert group belongs to (the same markers the
 * receiver routes by), whether that pair already knows its current state, and the ordinary event that
 * tells it what it missed. The events look like the webhooks they replace, so the reducer's own rules
 * (staleness by `sys_mod_count` and time, echo detection, write only on a difference) still decide.
 */
import { alertGroupMessage, alertGroupTitle } from '../src/integrations/oncall/alert-text';
import type { AlertGroup, AlertGroupState } from '../src/integrations/oncall/types';
import type { Incident } from '../src/integrations/servicenow/types';
import { parseAlertUid, parseCorrelationId, type PairKey } from '../workflows/ids';
import type { PairView } from '../workflows/messages';
import type { OnCallEvent, PairEvent, ServiceNowEvent } from '../workflows/pair-types';
import type { PairSettings } from '../workflows/settings';
import { alertUidOf } from './snapshots';

export type Verdict = 'inSync' | 'busy' | 'skipped' | 'missedChange' | 'orphan';

export interface Judgement {
  verdict: Verdict;
  key: PairKey;
  /** Present for `missedChange` and `orphan`: what to deliver to the pair. */
  event?: PairEvent;
}

const BIRTH_EVENT = 'alert group created';

/** The webhook event type that leaves a group in `state` (un-* events carry no time in OnCall either). */
const EVENT_FOR_STATE: Record<AlertGroupState, { type: string; time: (g: AlertGroup) => string | null }> = {
  acknowledged: { type: 'acknowledge', time: (g) => g.acknowledged_at },
  resolved: { type: 'resolve', time: (g) => g.resolved_at },
  silenced: { type: 'silence', time: (g) => g.silenced_at },
  firing: { type: 'unresolve', time: () => null },
};

/** What visibility shows of a pair: the ids and states of its search attributes (`null` when not set). */
export interface PairMarks {
  alertGroupId: string | null;
  incidentSysId: string | null;
  oncallState: string | null;
  servicenowState: string | null;
}

/**
 * True when the pair's search attributes already show the incident's current state, so no event could be
 * due and the pair need not be queried. Anything else (no marks yet, another incident, another state) is
 * left to the query: visibility can lag the pair by a moment, never the other way round.
 */
export function incidentAgreesWithMarks(incident: Incident, marks: PairMarks): boolean {
  return marks.incidentSysId === incident.sys_id && marks.servicenowState === incident.state;
}

/** The same for an alert group. */
export function groupAgreesWithMarks(group: AlertGroup, marks: PairMarks): boolean {
  return marks.alertGroupId === group.id && marks.oncallState === group.state;
}

/** A pair with queued events or a write in flight will learn the current state itself: not drift yet. */
export function isBusy(view: PairView): boolean {
  return view.queued > 0 || view.pending.servicenow !== null || view.pending.oncall !== null;
}

export function incidentPairKey(incident: Incident, integrationId: string): PairKey {
  const alertGroupId = parseCorrelationId(incident.correlation_id);
  return alertGroupId
    ? { integrationId, origin: 'oncall', sourceId: alertGroupId }
    : { integrationId, origin: 'servicenow', sourceId: incident.sys_id };
}

export function groupPairKey(group: AlertGroup, integrationId: string): PairKey {
  const sysId = parseAlertUid(alertUidOf(group));
  return sysId
    ? { integrationId, origin: 'servicenow', sourceId: sysId }
    : { integrationId, origin: 'oncall', sourceId: group.id };
}

/** Compares an incident with what its pair knows (`undefined`: no pair workflow at all). */
export function judgeIncident(incident: Incident, view: PairView | undefined, settings: PairSettings): Judgement {
  const key = incidentPairKey(incident, settings.integrationId);
  if (!view) {
    // An incident the bridge created whose pair is gone is the alert group's to re-adopt, not ours.
    if (key.origin === 'oncall' || incident.sys_created_by === settings.serviceNowUsername) {
      return { verdict: 'skipped', key };
    }
    return { verdict: 'orphan', key, event: serviceNowEvent(incident, settings, 'insert') };
  }
  if (isBusy(view)) return { verdict: 'busy', key };
  if (view.incidentSysId !== null && view.incidentSysId !== incident.sys_id) return { verdict: 'skipped', key };
  if (view.servicenowState === incident.state) return { verdict: 'inSync', key };
  return { verdict: 'missedChange', key, event: serviceNowEvent(incident, settings, 'update') };
}

/** Compares an alert group with what its pair knows; groups older than the integration are never adopted. */
export function judgeGroup(
  group: AlertGroup,
  view: PairView | undefined,
  settings: PairSettings,
  integrationCreatedAt: string,
): Judgement {
  const key = groupPairKey(group, settings.integrationId);
  if (!view) {
    if (key.origin === 'servicenow' || Date.parse(group.created_at) < Date.parse(integrationCreatedAt)) {
      return { verdict: 'skipped', key };
    }
    return { verdict: 'orphan', key, event: onCallEvent(group, settings, BIRTH_EVENT, null) };
  }
  if (isBusy(view)) return { verdict: 'busy', key };
  if (view.alertGroupId !== null && view.alertGroupId !== group.id) return { verdict: 'skipped', key };
  if (view.oncallState === group.state) return { verdict: 'inSync', key };
  // A ServiceNow-born pair that never heard of its group missed the group's creation: that is the birth
  // event the reducer records as its own write coming back.
  if (view.alertGroupId === null) {
    return { verdict: 'missedChange', key, event: onCallEvent(group, settings, BIRTH_EVENT, null) };
  }
  const { type, time } = EVENT_FOR_STATE[group.state];
  return { verdict: 'missedChange', key, event: onCallEvent(group, settings, type, time(group)) };
}

function serviceNowEvent(incident: Incident, settings: PairSettings, operation: 'insert' | 'update'): PairEvent {
  const event: ServiceNowEvent = {
    source: 'servicenow',
    via: 'reconciliation',
    // The receiver's key for the same change, so a webhook arriving late is dropped as a repeat.
    key: `servicenow:${incident.sys_id}:${incident.sys_mod_count}`,
    settings,
    operation,
    incident: {
      sysId: incident.sys_id,
      number: incident.number,
      state: incident.state,
      shortDescription: incident.short_description,
      description: incident.description,
      correlationId: incident.correlation_id,
      updatedOn: incident.sys_updated_on,
      updatedBy: incident.sys_updated_by,
      modCount: incident.sys_mod_count,
    },
  };
  return event;
}

function onCallEvent(group: AlertGroup, settings: PairSettings, eventType: string, eventTime: string | null) {
  const event: OnCallEvent = {
    source: 'oncall',
    via: 'reconciliation',
    key: eventTime ? `oncall:${group.id}:${eventType}:${eventTime}` : null,
    settings,
    eventType,
    // The birth event carries the creation time, so a later webhook of the same group is not stale.
    eventTime: eventType === BIRTH_EVENT ? group.created_at : eventTime,
    // Who acted is not in the group record; a pair with a bridge write in flight counts as busy instead.
    userId: null,
    alertGroup: {
      id: group.id,
      integrationId: group.integration_id,
      state: group.state,
      title: alertGroupTitle(group.id, group.title, group.last_alert_payload),
      message: alertGroupMessage(group.last_alert_payload),
      permalink: group.permalinks.web,
      alertUid: alertUidOf(group) ?? null,
    },
  };
  return event;
}
