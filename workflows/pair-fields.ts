/**
 * The reducer's rules for fields beyond the state (bridge.md §8.2, §8.3), kept per field as `desired` and
 * `pending` are for the state. Pure: the reducer calls these on its own draft of the state. Runs that
 * started before field sync have no `state.fields` and none of this applies to them.
 */
import { BRIDGE_OWNED_FIELDS, CARRIED_FIELDS, type FieldValue } from './field-mapping';
import { note } from './pair-state';
import type {
  IncidentWrite,
  OnCallEvent,
  PairFields,
  PairState,
  ServiceNowEvent,
  UnresolvedReference,
} from './pair-types';

export function emptyFields(): PairFields {
  return { rendered: {}, problems: [], written: {}, held: {}, desired: {}, pending: {}, posted: null, repost: false };
}

function holds(held: FieldValue | undefined, value: string): boolean {
  return held !== undefined && (held.value === value || held.display === value);
}

/** Takes the event's rendered templates; a template problem goes on the timeline when it is new. */
export function takeRendered(state: PairState, event: OnCallEvent, now: string): void {
  const fields = state.fields;
  if (!fields || !event.rendered) return;
  fields.rendered = { ...event.rendered.values };
  const problems = event.rendered.problems;
  if (problems.join('\n') !== fields.problems.join('\n')) {
    for (const problem of problems) note(state, now, 'bridge', 'template_error', `left unset: ${problem}`);
    fields.problems = [...problems];
  }
}

/** The templated fields of a new incident; they become pending until the create's result. */
export function createFields(state: PairState): IncidentWrite {
  const fields = state.fields;
  if (!fields) return {};
  const values: IncidentWrite = {};
  for (const [name, value] of Object.entries(fields.rendered)) {
    if (value !== '' && !BRIDGE_OWNED_FIELDS.includes(name)) values[name] = value;
  }
  fields.pending = { ...values };
  return values;
}

/**
 * A person acted in OnCall: the `updateOnChange` fields whose rendering changed are wanted in ServiceNow,
 * unless ServiceNow holds that already, or a person changed the field there since the bridge wrote it (their
 * edit wins). `assignOnAcknowledge` wants the acknowledging person as `assigned_to`.
 */
export function wantFieldChanges(state: PairState, event: OnCallEvent, now: string): void {
  const fields = state.fields;
  const mapping = event.settings.fieldMapping;
  if (!fields || !mapping || state.servicenow.sysId === null) return;
  for (const name of mapping.updateOnChange) {
    const value = fields.rendered[name];
    if (value === undefined || value === '' || BRIDGE_OWNED_FIELDS.includes(name)) continue;
    if (value === fields.written[name] || value === fields.pending[name]) continue;
    const held = fields.held[name];
    const written = fields.written[name];
    if (held !== undefined && written !== undefined && !holds(held, written)) {
      note(state, now, 'bridge', 'kept_edit', `${name} was changed in ServiceNow; ${value} is not written over it`);
      continue;
    }
    if (holds(held, value)) continue;
    fields.desired[name] = value;
  }
  if (mapping.assignOnAcknowledge && event.eventType === 'acknowledge') {
    if (event.actorEmail) fields.desired.assigned_to = event.actorEmail;
    else note(state, now, 'bridge', 'not_assigned', 'the acknowledging user has no e-mail; assigned_to unchanged');
  }
}

/** Field writes wanted and not yet in flight; they become pending. Nothing while a field write is in flight. */
export function takeFieldWrites(state: PairState): IncidentWrite {
  const fields = state.fields;
  if (!fields || Object.keys(fields.pending).length > 0) return {};
  const values = { ...fields.desired };
  fields.desired = {};
  fields.pending = { ...values };
  return values;
}

/** A write landed: its fields are what the bridge last wrote; names that matched no record are noted. */
export function fieldsWritten(state: PairState, unresolved: UnresolvedReference[] | undefined, now: string): void {
  const fields = state.fields;
  if (!fields) return;
  Object.assign(fields.written, fields.pending);
  fields.pending = {};
  for (const { field, value } of unresolved ?? []) {
    delete fields.written[field];
    const what = field === 'assigned_to' ? 'user' : 'record';
    note(
      state,
      now,
      'bridge',
      'unresolved',
      `${field}: no ServiceNow ${what} named ${value.slice(0, 200)}; left unset`,
    );
  }
}

/** A write failed for good: its fields are not wanted any more (a later change asks again). */
export function fieldsFailed(state: PairState): void {
  if (state.fields) state.fields.pending = {};
}

/** The incident's fields as a ServiceNow event shows them. */
export function holdFields(state: PairState, event: ServiceNowEvent): void {
  const fields = state.fields;
  if (!fields || !event.incident.fields) return;
  Object.assign(fields.held, event.incident.fields);
}

/**
 * After `holdFields`: the bridge's own write coming back clears what it had in flight; a person's change
 * wins over what the bridge still wanted for that field, and a change of a carried field re-posts the alert.
 */
export function observeFieldChanges(state: PairState, echo: boolean): void {
  const fields = state.fields;
  if (!fields) return;
  if (echo) {
    for (const [name, value] of Object.entries(fields.pending)) {
      if (holds(fields.held[name], value)) delete fields.pending[name];
    }
    return;
  }
  for (const name of Object.keys(fields.desired)) {
    const written = fields.written[name];
    if (fields.held[name] !== undefined && written !== undefined && !holds(fields.held[name], written)) {
      delete fields.desired[name];
    }
  }
  if (state.key.origin !== 'servicenow' || !state.oncall.alertRequested) return;
  const carried = carriedObject(state);
  // An alert posted before field sync carried no object: what ServiceNow shows now is the baseline.
  if (fields.posted === null) fields.posted = carried;
  else if (JSON.stringify(carried) !== JSON.stringify(fields.posted)) fields.repost = true;
}

/** The alert's `servicenow` object (bridge.md §8.3): number, sys_id and the carried fields' display values. */
export function carriedObject(state: PairState): Record<string, string> {
  const held = state.fields?.held ?? {};
  const object: Record<string, string> = {
    number: state.servicenow.number ?? '',
    sys_id: state.servicenow.sysId ?? '',
  };
  for (const name of CARRIED_FIELDS) object[name] = held[name]?.display ?? '';
  return object;
}
