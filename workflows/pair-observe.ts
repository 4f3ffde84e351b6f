/**
 * What the reducer learns from a webhook event: each side's known state and version, whether the event is
 * stale, whether it is the bridge's own write coming back, and what a person's change asks of the other side.
 */
import type { OnCallEvent, PairState, ServiceNowEvent } from './pair-types';
import { holdFields, observeFieldChanges, takeRendered, wantFieldChanges } from './pair-fields';
import { compareTimes, newestTime, note } from './pair-state';
import { toOnCallStatus, toServiceNowState } from './settings';

const BIRTH_EVENT = 'alert group created';

/** Applies an OnCall event to `state` (a draft the caller owns). */
export function observeOnCall(state: PairState, event: OnCallEvent, now: string): void {
  const group = event.alertGroup;
  const known = state.oncall;
  if (known.alertGroupId !== null && known.alertGroupId !== group.id) {
    note(state, now, 'oncall', 'ignored', `event for another alert group ${group.id}`);
    return;
  }
  if (event.eventTime !== null && known.version !== null && compareTimes(event.eventTime, known.version) < 0) {
    note(state, now, 'oncall', 'stale', `${event.eventType} at ${event.eventTime} is older than ${known.version}`);
    return;
  }
  known.alertGroupId = group.id;
  known.integrationId = group.integrationId;
  known.state = group.state;
  known.version = newestTime(known.version, event.eventTime);
  known.permalink = group.permalink ?? known.permalink;
  if (!state.title && group.title) state.title = group.title;
  if (!known.message && group.message) known.message = group.message.slice(0, 4000);
  takeRendered(state, event, now);

  // OnCall's own loop prevention does not cover API actions (oncall.md §4.6): an action by the bridge's
  // user, or the creation of the group the bridge's alert opened, is our own write coming back.
  const ownWrite =
    (event.userId !== null && event.userId === event.settings.bridgeOnCallUserId) ||
    (state.key.origin === 'servicenow' && event.eventType === BIRTH_EVENT);
  if (ownWrite) {
    if (state.pending.oncall === group.state) state.pending.oncall = null;
    if (state.desired.oncall === group.state) state.desired.oncall = null;
    note(state, now, 'oncall', 'echo', `${event.eventType}: alert group ${group.id} is ${group.state}`);
    return;
  }
  note(state, now, 'oncall', event.eventType.replace(/ /g, '_'), `alert group ${group.id} is ${group.state}`);
  // A person acted in OnCall: that now wins over anything the bridge still wanted to write there.
  state.desired.oncall = null;
  state.moveAttempts = 0;
  wantFieldChanges(state, event, now);
  const target = toServiceNowState(event.settings, group.state);
  if (target === undefined) {
    note(state, now, 'bridge', 'unmapped', `OnCall status ${group.state} is mapped to no ServiceNow state`);
    state.desired.servicenow = null;
    return;
  }
  state.desired.servicenow = target;
}

/** Applies a ServiceNow event to `state` (a draft the caller owns). */
export function observeServiceNow(state: PairState, event: ServiceNowEvent, now: string): void {
  const incident = event.incident;
  const known = state.servicenow;
  if (known.sysId !== null && known.sysId !== incident.sysId) {
    note(state, now, 'servicenow', 'ignored', `event for another incident ${incident.sysId}`);
    return;
  }
  // sys_mod_count grows by one per update, so it orders calls even when sys_updated_on ties.
  if (known.modCount !== null && incident.modCount <= known.modCount) {
    note(state, now, 'servicenow', 'stale', `${incident.number} update ${incident.modCount} is not newer`);
    return;
  }
  known.sysId = incident.sysId;
  known.number = incident.number;
  known.state = incident.state;
  known.modCount = incident.modCount;
  known.updatedOn = incident.updatedOn;
  if (!state.title && incident.shortDescription) state.title = incident.shortDescription;
  if (!state.oncall.message && incident.description) state.oncall.message = incident.description.slice(0, 4000);
  holdFields(state, event);

  // The Business Rule skips the integration user, but a rule edited by hand may not: never propagate it.
  if (incident.updatedBy === event.settings.serviceNowUsername) {
    observeFieldChanges(state, true);
    if (state.pending.servicenow === incident.state) state.pending.servicenow = null;
    if (state.desired.servicenow === incident.state) state.desired.servicenow = null;
    note(state, now, 'servicenow', 'echo', `${incident.number} is in state ${incident.state}`);
    return;
  }
  note(state, now, 'servicenow', event.operation, `${incident.number} is in state ${incident.state}`);
  observeFieldChanges(state, false);
  state.desired.servicenow = null;
  const target = toOnCallStatus(event.settings, incident.state);
  if (target === undefined) {
    note(state, now, 'bridge', 'unmapped', `ServiceNow state ${incident.state} is mapped to no OnCall status`);
    state.desired.oncall = null;
    return;
  }
  state.desired.oncall = target;
  state.moveAttempts = 0;
}
