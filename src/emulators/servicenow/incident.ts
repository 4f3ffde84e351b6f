import { fieldText } from './body';
import { glideDateTime } from './clock';
import { priorityOf } from './seed';
import type { Row } from './store';
import { CHOICE_FIELDS, TABLES, WRITABLE_JOURNALS } from './tables';

/** Who makes a write: the authenticated API user or the person of the "as a person" endpoints. */
export interface Actor {
  userName: string;
  sysId: string;
}

/** Journal text waiting to be written with the record. */
export interface PendingJournal {
  element: string;
  value: string;
}

const FIELDS = TABLES.incident!.fields;

/** Defaults of a minimal POST, as the recorded insert shows them (servicenow.md §2.1). */
function defaults(actor: Actor, now: string): Row {
  const row: Row = Object.fromEntries(FIELDS.map((f) => [f, '']));
  return Object.assign(row, {
    made_sla: 'true',
    upon_reject: 'cancel',
    child_incidents: '0',
    state: '1',
    incident_state: '1',
    knowledge: 'false',
    impact: '3',
    urgency: '3',
    priority: '5',
    severity: '3',
    active: 'true',
    sys_domain: 'global',
    sys_domain_path: '/',
    notify: '1',
    sys_class_name: 'incident',
    reassignment_count: '0',
    reopen_count: '0',
    approval: 'not requested',
    escalation: '0',
    upon_approval: 'proceed',
    category: 'inquiry',
    opened_by: actor.sysId,
    opened_at: now,
  });
}

/**
 * Keeps the writable part of a request body: known fields, as strings; `sys_` fields, `priority` (derived)
 * and unknown keys are dropped silently (servicenow.md §1.8); choice fields cannot be cleared with `""`.
 */
export function writableInput(
  body: Record<string, unknown>,
  insert: boolean,
): { values: Row; journal: PendingJournal[] } {
  const values: Row = {};
  const journal: PendingJournal[] = [];
  for (const [key, raw] of Object.entries(body)) {
    const value = fieldText(raw);
    if (value === undefined) continue;
    if ((WRITABLE_JOURNALS as readonly string[]).includes(key)) {
      if (value.trim() !== '') journal.push({ element: key, value });
      continue;
    }
    if (!FIELDS.includes(key) || key === 'priority' || key === 'comments_and_work_notes') continue;
    if (key.startsWith('sys_') && !(insert && key === 'sys_id')) continue;
    if (CHOICE_FIELDS[key] && value === '') continue;
    values[key] = value;
  }
  if (values.state !== undefined) values.incident_state = values.state;
  else if (values.incident_state !== undefined) values.state = values.incident_state;
  return { values, journal };
}

/** The new record: defaults, except for fields a policy makes mandatory (the insert must give those). */
export function buildInsert(values: Row, actor: Actor, number: string, noDefault: readonly string[] = []): Row {
  const now = glideDateTime();
  const base = defaults(actor, now);
  for (const field of noDefault) base[field] = '';
  const row = { ...base, number, ...values };
  derive(row, null, values, actor, now);
  return row;
}

/** The record after the update, or `undefined` when nothing would change (no update happens then). */
export function buildUpdate(existing: Row, values: Row, actor: Actor): Row | undefined {
  const row = { ...existing, ...values };
  derive(row, existing, values, actor, glideDateTime());
  const changed = FIELDS.some((f) => !f.startsWith('sys_') && row[f] !== existing[f]);
  return changed ? row : undefined;
}

/** The platform's own business logic on write (servicenow.md §2.1–§2.4, §7 item 4). */
function derive(row: Row, previous: Row | null, input: Row, actor: Actor, now: string): void {
  row.priority = priorityOf(row.impact ?? '3', row.urgency ?? '3');
  const stateChanged = previous === null ? row.state !== '1' : row.state !== previous.state;
  if (stateChanged && row.state === '6' && input.resolved_at === undefined) {
    row.resolved_at = now;
    row.resolved_by = input.resolved_by ?? actor.sysId;
  }
  if (stateChanged && row.state === '7') {
    row.closed_at = now;
    row.closed_by = input.closed_by ?? actor.sysId;
    if (!row.resolved_at) Object.assign(row, { resolved_at: now, resolved_by: actor.sysId });
  }
  if (stateChanged) row.active = row.state === '7' || row.state === '8' ? 'false' : 'true';
  if (previous?.state === '6' && ['1', '2', '3'].includes(row.state ?? '')) {
    row.reopen_count = String(Number(previous.reopen_count || '0') + 1);
  }
  if (previous && row.assignment_group !== previous.assignment_group) {
    if (input.assigned_to === undefined) row.assigned_to = '';
    if (previous.assignment_group) row.reassignment_count = String(Number(previous.reassignment_count || '0') + 1);
  }
}
