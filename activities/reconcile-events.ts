/**
 * Pure decisions of reconciliation: which pair an incident or alert group belongs to (the same markers the
 * receiver routes by), whether that pair already knows its current state, and the ordinary event that
 * tells it what it missed. The events look like the webhooks they replace, so the reducer's own rules
 * (staleness by `sys_mod_count` and time, echo detection, write only on a difference) still decide.
 */
import type { AlertGroup } from '../src/integrations/oncall/types';
import type { Incident } from '../src/integrations/servicenow/types';
import { alertGroupEvent, groupPairKey, incidentEvent, incidentPairKey } from '../src/sync/pair-events';
import type { PairKey } from '../workflows/ids';
import type { PairView } from '../workflows/messages';
import { BIRTH_EVENT, EVENT_FOR_STATE, type AlertGroupState } from '../workflows/oncall-statuses';
import type { PairEvent } from '../workflows/pair-types';
import type { PairSettings } from '../workflows/settings';

export { groupPairKey, incidentPairKey };

export type Verdict = 'inSync' | 'busy' | 'skipped' | 'missedChange' | 'orphan' | 'notes';

export interface Judgement {
  verdict: Verdict;
  key: PairKey;
  /** Present for `missedChange`, `orphan` and `notes`: what to deliver to the pair. */
  event?: PairEvent;
}

/** When the group entered `state`, as the event time of the stand-in event (un-* events carry none). */
const TIME_OF_STATE: Record<AlertGroupState, (g: AlertGroup) => string | null> = {
  acknowledged: (g) => g.acknowledged_at,
  resolved: (g) => g.resolved_at,
  silenced: (g) => g.silenced_at,
  firing: () => null,
};

/** What visibility shows of a pair: the ids and states of its search attributes (`null` when not set). */
export interface PairMarks {
  alertGroupId: string | null;
  incidentSysId: string | null;
  oncallState: string | null;
  servicenowState: string | null;
}

/**
 * What the pair's search attributes show once it knows an item's current state: the item's id and state on
 * its side. Anything else (no marks yet, another item, another state) is left to the pair's query:
 * visibility can lag the pair by a moment, never the other way round.
 */
export interface ExpectedMarks {
  side: 'incident' | 'group';
  id: string;
  state: string;
}

export const expectedIncidentMarks = (incident: Incident): ExpectedMarks => ({
  side: 'incident',
  id: incident.sys_id,
  state: incident.state,
});

export const expectedGroupMarks = (group: AlertGroup): ExpectedMarks => ({
  side: 'group',
  id: group.id,
  state: group.state,
});

export function marksAgree(expected: ExpectedMarks, marks: PairMarks): boolean {
  return expected.side === 'incident'
    ? marks.incidentSysId === expected.id && marks.servicenowState === expected.state
    : marks.alertGroupId === expected.id && marks.oncallState === expected.state;
}

/** True when the pair's search attributes already show the incident's current state. */
export function incidentAgreesWithMarks(incident: Incident, marks: PairMarks): boolean {
  return marksAgree(expectedIncidentMarks(incident), marks);
}

/** The same for an alert group. */
export function groupAgreesWithMarks(group: AlertGroup, marks: PairMarks): boolean {
  return marksAgree(expectedGroupMarks(group), marks);
}

/** A pair with queued events or a write in flight will learn the current state itself: not drift yet. */
export function isBusy(view: PairView): boolean {
  return view.queued > 0 || view.pending.servicenow !== null || view.pending.oncall !== null;
}

/** Compares an incident with what its pair knows (`undefined`: no pair workflow at all). */
export function judgeIncident(incident: Incident, view: PairView | undefined, settings: PairSettings): Judgement {
  const key = incidentPairKey(incident, settings.integrationId);
  if (!view) {
    // An incident the bridge created whose pair is gone is the alert group's to re-adopt, not ours.
    if (key.origin === 'oncall' || incident.sys_created_by === settings.serviceNowUsername) {
      return { verdict: 'skipped', key };
    }
    // Outside the incident filter (bridge.md §8.3), decided by the same function as the webhook's.
    const mapped = incidentEvent(incident, 'insert', settings, { via: 'reconciliation', fields: incident.fields });
    if (mapped.start === false) return { verdict: 'skipped', key };
    return { verdict: 'orphan', key, event: mapped.event };
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
    const created = group.created_at === null ? NaN : Date.parse(group.created_at);
    if (key.origin === 'servicenow' || !(created >= Date.parse(integrationCreatedAt))) {
      return { verdict: 'skipped', key };
    }
    const event = onCallEvent(group, settings, BIRTH_EVENT, null);
    return event ? { verdict: 'orphan', key, event } : { verdict: 'skipped', key };
  }
  if (isBusy(view)) return { verdict: 'busy', key };
  if (view.alertGroupId !== null && view.alertGroupId !== group.id) return { verdict: 'skipped', key };
  if (view.oncallState === group.state) return { verdict: 'inSync', key };
  // A ServiceNow-born pair that never heard of its group missed the group's creation: that is the birth
  // event the reducer records as its own write coming back.
  if (view.alertGroupId === null) {
    const event = onCallEvent(group, settings, BIRTH_EVENT, null);
    return event ? { verdict: 'missedChange', key, event } : { verdict: 'skipped', key };
  }
  const event = currentStateEvent(group, settings);
  return event ? { verdict: 'missedChange', key, event } : { verdict: 'skipped', key };
}

/** The event of the group's current state, as its webhook would have sent it (undefined: not routable). */
export function currentStateEvent(group: AlertGroup, settings: PairSettings): PairEvent | undefined {
  return onCallEvent(group, settings, EVENT_FOR_STATE[group.state], TIME_OF_STATE[group.state](group));
}

function serviceNowEvent(incident: Incident, settings: PairSettings, operation: 'insert' | 'update'): PairEvent {
  return incidentEvent(incident, operation, settings, { via: 'reconciliation', fields: incident.fields }).event;
}

/** The stand-in for the webhook the pair missed. Who acted is not in the group record (`userId` null). */
function onCallEvent(group: AlertGroup, settings: PairSettings, eventType: string, eventTime: string | null) {
  const mapped = alertGroupEvent({ group, eventType, eventTime, userId: null, via: 'reconciliation' }, settings);
  return mapped.kind === 'routed' ? mapped.event : undefined;
}
