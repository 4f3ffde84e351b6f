/**
 * The pure heart of a pair: `(state, input) -> { state, commands }`. Inputs are webhook events and the
 * results of the pair's own activities; commands are the writes and reads to run next. No Temporal here.
 */
import { alertUidFor, correlationIdFor } from './ids';
import { awaitEcho, unorderedEvent } from './pair-echo-wait';
import { observeOnCall, observeServiceNow } from './pair-observe';
import { planWrites } from './pair-plan';
import { untrustedEvent } from './pair-trust';
import { emptyFields, fieldsFailed, fieldsWritten, holdFields } from './pair-fields';
import { cloneState, newestTime, note } from './pair-state';
import type { OnCallEvent, PairCommand, PairEvent, PairInput, PairResult, PairState, Reduction } from './pair-types';
import { isCanceledState, isClosedState, toOnCallStatus, toServiceNowState } from './settings';

export interface ReduceOptions {
  /** Keep fields beyond the state (bridge.md §8.2); the workflow decides it behind a patch. */
  fieldSync?: boolean;
  /** Re-read the group for an OnCall event that contradicts the pair (`pair-trust.ts`); behind a patch. */
  distrust?: boolean;
}

/** Applies one input; `now` (workflow time) stamps the timeline. The given state is not modified. */
export function reducePair(current: PairState, input: PairInput, now: string, options: ReduceOptions = {}): Reduction {
  const state = cloneState(current);
  if (options.fieldSync && !state.fields) state.fields = emptyFields();
  if (input.source === 'bridge') {
    applyResult(state, input, now);
    return { state, commands: planWrites(state, now) };
  }
  state.settings = input.settings;
  if (input.via === 'reconciliation') {
    note(state, now, 'bridge', 'reconciled', `reconciliation delivered a ${input.source} change its webhook missed`);
  }
  if (!state.started) {
    state.started = true;
    if (!isBirthEvent(state, input)) {
      // What the event says of the incident's fields is kept: the re-read returns only its state.
      if (input.source === 'servicenow') holdFields(state, input);
      return { state, commands: [refreshCommand(state, input, now)] };
    }
  }
  if (input.source === 'oncall' && isTimeless(state, input))
    return { state, commands: rereadOnCall(state, input, now) };
  const unordered = input.source === 'oncall' ? unorderedEvent(state, input, now) : undefined;
  if (unordered) return { state, commands: unordered };
  const untrusted = input.source === 'oncall' && options.distrust ? untrustedEvent(state, input, now) : undefined;
  if (untrusted) return { state, commands: untrusted };
  if (input.source === 'oncall') observeOnCall(state, input, now);
  else observeServiceNow(state, input, now);
  return { state, commands: planWrites(state, now) };
}

/** The event that creates a pair on its origin side; anything else first needs both sides re-read. */
function isBirthEvent(state: PairState, event: PairEvent): boolean {
  if (state.key.origin === 'oncall') return event.source === 'oncall' && event.eventType === 'alert group created';
  return event.source === 'servicenow' && event.operation === 'insert';
}

/**
 * Un-* events carry no time (oncall.md §1.4), so a late re-send of one cannot be told from a new change by
 * its payload: for a group the pair already knows, its current state is read from OnCall instead.
 */
function isTimeless(state: PairState, event: OnCallEvent): boolean {
  return event.eventTime === null && state.oncall.alertGroupId === event.alertGroup.id && state.oncall.state !== null;
}

function rereadOnCall(state: PairState, event: OnCallEvent, now: string): PairCommand[] {
  const what = `${event.eventType}: alert group ${event.alertGroup.id}`;
  // The bridge's own multi-step moves report the group's state in their result; their webhooks add nothing.
  if (event.userId !== null && event.userId === event.settings.bridgeOnCallUserId) {
    note(state, now, 'oncall', 'echo', what);
    return [];
  }
  note(state, now, 'oncall', event.eventType.replace(/ /g, '_'), `${what} (no event time)`);
  return [refreshCommand(state, event, now)];
}

/**
 * A run that starts on a later event (the previous run completed, or events came out of order) re-reads
 * both sides before acting, with the triggering event's side as the one whose state wins.
 */
function refreshCommand(state: PairState, event: PairEvent, now: string): PairCommand {
  const settings = event.settings;
  const fromOnCall = event.source === 'oncall';
  const alertGroupId = fromOnCall ? event.alertGroup.id : state.oncall.alertGroupId;
  const sysId = fromOnCall ? state.servicenow.sysId : event.incident.sysId;
  const echo = fromOnCall
    ? event.userId !== null && event.userId === settings.bridgeOnCallUserId
    : event.incident.updatedBy === settings.serviceNowUsername;
  note(state, now, 'bridge', 'refresh', `re-reading both sides after a ${event.source} event`);
  return {
    kind: 'refresh',
    authority: event.source,
    authorityIsEcho: echo,
    alertGroupId,
    alertUid: state.key.origin === 'servicenow' ? alertUidFor(state.key.sourceId) : null,
    oncallIntegrationId: settings.bridgeOnCallIntegrationId,
    sysId,
    correlationId: state.key.origin === 'oncall' ? correlationIdFor(state.key.sourceId) : null,
  };
}

function applyResult(state: PairState, result: PairResult, now: string): void {
  switch (result.kind) {
    case 'incidentWritten': {
      const sn = state.servicenow;
      sn.sysId = result.incident.sysId;
      sn.number = result.incident.number;
      if (sn.modCount === null || result.incident.modCount > sn.modCount) {
        sn.state = result.incident.state;
        sn.modCount = result.incident.modCount;
        sn.updatedOn = result.incident.updatedOn;
      }
      state.pending.servicenow = null;
      fieldsWritten(state, result.unresolved, now);
      const verb = result.created ? 'created' : 'updated';
      note(state, now, 'bridge', `incident_${verb}`, `${sn.number} ${verb}, state ${result.incident.state}`);
      return;
    }
    case 'alertSent':
      note(state, now, 'bridge', 'alert_sent', `alert sent to OnCall for ${state.servicenow.number ?? ''}`.trim());
      return;
    case 'alertGroupMoved':
      applyMove(state, result, now);
      return;
    case 'refreshed':
      applyRefresh(state, result, now);
      return;
    case 'writeFailed':
      applyFailure(state, result, now);
  }
}

function applyMove(state: PairState, result: Extract<PairResult, { kind: 'alertGroupMoved' }>, now: string) {
  const known = state.oncall.state;
  const target = state.pending.oncall;
  state.oncall.state = result.group.state;
  state.oncall.version = newestTime(state.oncall.version, result.group.version);
  state.pending.oncall = null;
  awaitEcho(state, result.group, result.wrongState, result.actions.length > 0);
  const how = result.actions.length > 0 ? result.actions.join(', ') : 'no action needed';
  const summary = `alert group ${result.group.id} is ${result.group.state} (${how})`;
  note(state, now, 'bridge', result.wrongState ? 'wrong_state' : 'alert_group_moved', summary);
  if (!result.wrongState) return;
  // "Wrong state" with the group somewhere new: someone moved it between the bridge's read and its action.
  // That change is newer than the one the bridge was carrying over, so it wins, and goes to ServiceNow.
  if (result.group.state !== known && result.group.state !== target && state.settings) {
    note(
      state,
      now,
      'bridge',
      'superseded',
      `a newer OnCall change (${result.group.state}) wins over ${target ?? '-'}`,
    );
    state.desired.oncall = null;
    state.moveAttempts = 0;
    state.desired.servicenow = toServiceNowState(state.settings, result.group.state) ?? null;
    return;
  }
  // Otherwise the group is where the bridge last saw it: plan again, a bounded number of times.
  state.moveAttempts += 1;
}

function applyRefresh(state: PairState, result: Extract<PairResult, { kind: 'refreshed' }>, now: string) {
  const settings = state.settings;
  // A group still where the bridge's own unversioned move put it carries no person's change to ServiceNow.
  const bridgeSet = result.group ? state.oncall.awaitingEcho : null;
  // Nor does a group an untrusted event was checked against, found where the pair already knew it.
  const knownBefore = result.untrusted ? state.oncall.state : null;
  if (result.group) {
    if (bridgeSet) state.oncall.awaitingEcho = null;
    state.oncall.alertGroupId = result.group.id;
    state.oncall.integrationId = result.group.integrationId;
    state.oncall.state = result.group.state;
    state.oncall.version = newestTime(state.oncall.version, result.group.version);
    state.oncall.permalink = result.group.permalink;
    state.title ??= result.group.title;
  }
  if (result.incident) {
    Object.assign(state.servicenow, {
      sysId: result.incident.sysId,
      number: result.incident.number,
      state: result.incident.state,
      modCount: result.incident.modCount,
      updatedOn: result.incident.updatedOn,
    });
    state.title ??= result.incident.shortDescription;
  }
  // Alert groups the bridge already opened (the group was found, or a resend would re-group into it).
  if (state.key.origin === 'servicenow' && result.group) state.oncall.alertRequested = true;
  note(
    state,
    now,
    'bridge',
    'refreshed',
    `OnCall ${state.oncall.state ?? 'unknown'}, ServiceNow ${state.servicenow.state ?? 'unknown'}`,
  );
  if (!settings || result.authorityIsEcho) return;
  if (result.authority === 'oncall' && state.oncall.state && state.oncall.state !== bridgeSet) {
    if (state.oncall.state === knownBefore) return;
    state.desired.servicenow = toServiceNowState(settings, state.oncall.state) ?? null;
  }
  if (result.authority === 'servicenow' && state.servicenow.state) {
    state.desired.oncall = toOnCallStatus(settings, state.servicenow.state) ?? null;
  }
}

function applyFailure(state: PairState, result: Extract<PairResult, { kind: 'writeFailed' }>, now: string) {
  state.pending[result.side] = null;
  state.desired[result.side] = null;
  if (result.side === 'servicenow') fieldsFailed(state);
  // Creation may be tried again by a later event (the create activities look up before creating).
  if (result.command === 'createIncident') state.servicenow.createRequested = false;
  if (result.command === 'createAlertGroup') state.oncall.alertRequested = false;
  state.lastError = { at: now, type: result.type, message: result.message };
  note(state, now, 'bridge', 'write_failed', `${result.command} failed (${result.type}): ${result.message}`);
}

/** Both sides finished: the incident Closed or Canceled, and the alert group resolved (or never opened). */
export function isPairDone(state: PairState): boolean {
  const settings = state.settings;
  const snState = state.servicenow.state;
  if (!settings || snState === null) return false;
  if (!isClosedState(settings, snState) && !isCanceledState(settings, snState)) return false;
  if (state.oncall.alertGroupId === null) return state.key.origin === 'servicenow' && !state.oncall.alertRequested;
  return state.oncall.state === 'resolved';
}
