/**
 * Turns what the bridge wants into commands, only where a write would change something: the desired state
 * differs from what the side has, no equal write is pending, and the side may be written at all.
 */
import { alertUidFor, correlationIdFor } from './ids';
import type { AlertPayload, IncidentWrite, PairCommand, PairState } from './pair-types';
import { carriedObject, createFields, takeFieldWrites } from './pair-fields';
import { note } from './pair-state';
import { absolutePermalink } from './permalink';
import { isClosedState, isOnHoldState, needsCloseFields, toOnCallStatus, type PairSettings } from './settings';
import { Failure } from './failure-types';

export function planWrites(state: PairState, now: string): PairCommand[] {
  const settings = state.settings;
  if (!settings) return [];
  return [...planServiceNow(state, settings, now), ...planOnCall(state, settings, now)];
}

/** `hold_reason` 1, Awaiting Caller: ServiceNow's first choice, until a template gives another. */
const DEFAULT_HOLD_REASON = '1';

/**
 * The fields a data policy demands with a state: `hold_reason` for On Hold, close fields for Resolved; a
 * template of the same field (bridge.md §8.2) gives the value instead of the default.
 */
function stateFields(state: PairState, settings: PairSettings, value: string): IncidentWrite {
  const defaults = isOnHoldState(settings, value)
    ? { hold_reason: DEFAULT_HOLD_REASON }
    : closeFields(settings, value, state.oncall.alertGroupId);
  const rendered = state.fields?.rendered ?? {};
  for (const name of Object.keys(defaults)) {
    if (rendered[name]) defaults[name] = rendered[name];
  }
  return defaults;
}

function closeFields(settings: PairSettings, value: string, alertGroupId: string | null): Record<string, string> {
  if (!needsCloseFields(settings, value)) return {};
  return {
    close_code: settings.closeCode,
    close_notes: `Resolved in Grafana OnCall${alertGroupId ? ` (alert group ${alertGroupId})` : ''}.`,
  };
}

/** The description's link to the alert group; a relative permalink with no UI URL to complete it is left out. */
function alertGroupLine(state: PairState, settings: PairSettings, now: string): string {
  const { alertGroupId, permalink } = state.oncall;
  if (!permalink) return '';
  const link = absolutePermalink(permalink, settings.oncallUiUrl);
  if (link) return `\n\nAlert group: ${link}`;
  note(
    state,
    now,
    'bridge',
    'no_link',
    `OnCall gave the relative permalink ${permalink.slice(0, 200)}; set the integration's oncall.uiUrl to link incidents to OnCall`,
  );
  return `\n\nAlert group ${alertGroupId} in Grafana OnCall (no link: OnCall has no Grafana URL for its organization)`;
}

/** Alert groups of the bridge's integration may be created for; connected ones only while connected. */
function isBridgedIntegration(settings: PairSettings, integrationId: string | null): boolean {
  if (integrationId === null) return false;
  return integrationId === settings.bridgeOnCallIntegrationId || integrationId in settings.backsync;
}

function planServiceNow(state: PairState, settings: PairSettings, now: string): PairCommand[] {
  const sn = state.servicenow;
  const oncall = state.oncall;
  if (state.key.origin === 'oncall' && sn.sysId === null) {
    if (sn.createRequested || oncall.alertGroupId === null || oncall.state === null) return [];
    if (!isBridgedIntegration(settings, oncall.integrationId)) {
      note(state, now, 'bridge', 'skipped', `integration ${oncall.integrationId} is not connected`);
      state.desired.servicenow = null;
      return [];
    }
    sn.createRequested = true;
    const firing = settings.stateMapping.firing;
    const permalink = alertGroupLine(state, settings, now);
    const fields: IncidentWrite = {
      ...settings.incidentFields,
      short_description: (state.title?.trim() || `Alert group ${oncall.alertGroupId}`).slice(0, 160),
      description: `${oncall.message}${permalink}`.trim(),
      // Templates override the defaults above field by field; never the bridge's own fields below.
      ...createFields(state),
      correlation_id: correlationIdFor(oncall.alertGroupId),
      correlation_display: 'Grafana OnCall',
      ...(firing !== null ? { state: firing } : {}),
    };
    state.pending.servicenow = firing;
    return [{ kind: 'createIncident', correlationId: correlationIdFor(oncall.alertGroupId), fields }];
  }
  if (sn.sysId === null || sn.state === null) return [];
  const stateWrite = planStateWrite(state, settings, now);
  // Field changes ride along with a state write, or go alone; never to a Closed incident.
  const fieldWrite = isClosedState(settings, sn.state) ? {} : takeFieldWrites(state);
  if (stateWrite === null && Object.keys(fieldWrite).length === 0) return [];
  const fields = { ...fieldWrite, ...(stateWrite ?? {}) };
  const known = { modCount: sn.modCount, fields: { state: sn.state } };
  return [{ kind: 'updateIncident', sysId: sn.sysId, fields, known }];
}

/** The state write the desired state asks for, with the fields its data policy needs; `null` = none. */
function planStateWrite(state: PairState, settings: PairSettings, now: string): IncidentWrite | null {
  const sn = state.servicenow;
  const target = state.desired.servicenow;
  if (target === null || sn.state === null) return null;
  if (target === sn.state) {
    state.desired.servicenow = null;
    return null;
  }
  if (state.pending.servicenow === target) return null;
  if (isClosedState(settings, sn.state)) {
    note(state, now, 'bridge', 'terminal', `${sn.number ?? sn.sysId} is Closed; ServiceNow is not written again`);
    state.desired.servicenow = null;
    return null;
  }
  state.pending.servicenow = target;
  return { state: target, ...stateFields(state, settings, target) };
}

/** ServiceNow-born pairs and the bridge's own integration always sync back; connections by their flag. */
export function backsyncAllowed(state: PairState, settings: PairSettings): boolean {
  const integrationId = state.oncall.integrationId;
  if (state.key.origin === 'servicenow' || integrationId === settings.bridgeOnCallIntegrationId) return true;
  return integrationId !== null && settings.backsync[integrationId] === true;
}

const MAX_WRONG_STATE_RETRIES = 3;

/**
 * The group id of a ServiceNow-born pair comes from OnCall's "alert group created" webhook, which OnCall
 * gives up on when the bridge is down. When a write waits for the id, look the group up by `alert_uid`,
 * once per ServiceNow version so a group that does not exist yet is not polled in a loop.
 */
function lookUpAlertGroup(state: PairState, settings: PairSettings): PairCommand[] {
  const sn = state.servicenow;
  // The alert opens the group firing: only another status needs the id before the webhook brings it.
  const target = state.desired.oncall;
  if (target === null || target === 'firing' || sn.sysId === null || state.oncall.lookedUpAt === sn.modCount) {
    return [];
  }
  state.oncall.lookedUpAt = sn.modCount;
  return [
    {
      kind: 'refresh',
      authority: 'servicenow',
      authorityIsEcho: false,
      alertGroupId: null,
      alertUid: alertUidFor(sn.sysId),
      oncallIntegrationId: settings.bridgeOnCallIntegrationId,
      sysId: sn.sysId,
      correlationId: null,
    },
  ];
}

function planOnCall(state: PairState, settings: PairSettings, now: string): PairCommand[] {
  const oncall = state.oncall;
  const sn = state.servicenow;
  if (state.key.origin === 'servicenow' && oncall.alertGroupId === null) {
    if (sn.sysId === null || sn.state === null || sn.number === null) return [];
    if (oncall.alertRequested) return lookUpAlertGroup(state, settings);
    // An incident first seen already resolved or closed gets no alert group.
    if (toOnCallStatus(settings, sn.state) === 'resolved') return [];
    oncall.alertRequested = true;
    return [{ kind: 'createAlertGroup', inboundUrl: settings.inboundUrl, payload: alertPayload(state, settings) }];
  }
  if (
    state.fields?.repost &&
    state.key.origin === 'servicenow' &&
    oncall.alertGroupId !== null &&
    oncall.state !== 'resolved'
  ) {
    // Same alert_uid: OnCall adds the alert to the open group (a resolved group would start a new one).
    state.fields.repost = false;
    return [
      { kind: 'repostAlert', inboundUrl: settings.inboundUrl, payload: alertPayload(state, settings) },
      ...planOnCallState(state, settings, now),
    ];
  }
  return planOnCallState(state, settings, now);
}

/** The alert for a ServiceNow-born incident; with field sync it carries the `servicenow` object (§8.3). */
function alertPayload(state: PairState, settings: PairSettings): AlertPayload {
  const sn = state.servicenow;
  const payload: AlertPayload = {
    alert_uid: alertUidFor(sn.sysId ?? ''),
    title: `${sn.number ?? ''}: ${state.title ?? ''}`.trim(),
    message: state.oncall.message,
    state: 'alerting',
    link_to_upstream_details: `${settings.incidentUrlBase}/nav_to.do?uri=incident.do%3Fsys_id%3D${sn.sysId ?? ''}`,
  };
  if (state.fields) {
    payload.servicenow = carriedObject(state);
    state.fields.posted = payload.servicenow;
  }
  return payload;
}

function planOnCallState(state: PairState, settings: PairSettings, now: string): PairCommand[] {
  const oncall = state.oncall;
  const target = state.desired.oncall;
  if (target === null || oncall.alertGroupId === null || oncall.state === null) return [];
  if (target === oncall.state) {
    state.desired.oncall = null;
    state.moveAttempts = 0;
    return [];
  }
  if (state.pending.oncall === target) return [];
  if (!backsyncAllowed(state, settings)) {
    note(state, now, 'bridge', 'backsync_off', `alert group ${oncall.alertGroupId} is not updated (backsync off)`);
    state.desired.oncall = null;
    return [];
  }
  if (state.moveAttempts >= MAX_WRONG_STATE_RETRIES) {
    const message = `OnCall kept refusing to move ${oncall.alertGroupId} to ${target}`;
    note(state, now, 'bridge', 'gave_up', message);
    state.lastError = { at: now, type: Failure.oncall_wrong_state, message };
    state.desired.oncall = null;
    state.moveAttempts = 0;
    return [];
  }
  state.pending.oncall = target;
  return [{ kind: 'moveAlertGroup', alertGroupId: oncall.alertGroupId, target, from: oncall.state }];
}
