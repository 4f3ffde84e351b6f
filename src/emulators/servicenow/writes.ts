import { fieldText } from './body';
import { glideDateTime, newSysId } from './clock';
import { SnApiError, notFound } from './envelope';
import { buildInsert, buildUpdate, writableInput, type Actor, type PendingJournal } from './incident';
import { checkPolicies } from './policies';
import { formatJournalEntry, journalEntries } from './journal';
import { displayValue } from './render';
import type { RuleEngine } from './rules/engine';
import type { RuleContext } from './rules/protocol';
import type { Settings } from './settings';
import type { Row, Store } from './store';
import { TABLES, WRITABLE_JOURNALS } from './tables';

export interface WriteDeps {
  store: Store;
  rules: RuleEngine;
  settings: () => Settings;
}

export interface WriteOptions {
  actor: Actor;
  /** True for the "as a person" endpoints (`gs.isInteractive()`). */
  interactive: boolean;
}

/**
 * One incident write as a real instance runs it: platform logic and data policy, before rules (which may
 * change `current` or abort), the database write, after rules, then async rules queued for later.
 */
export function createIncidentWriter({ store, rules, settings }: WriteDeps) {
  const fields = [...TABLES.incident!.fields];

  function context(
    when: 'before' | 'after',
    operation: 'insert' | 'update',
    row: Row,
    previous: Row | null,
    pending: PendingJournal[],
    opts: WriteOptions,
  ): RuleContext {
    const display = (r: Row): Row =>
      Object.fromEntries(fields.map((f) => [f, displayValue(store, 'incident', f, r[f] ?? '')]));
    const journal = Object.fromEntries(
      WRITABLE_JOURNALS.map((el) => [
        el,
        journalEntries(store, row.sys_id ?? '', [el]).map((e) => formatJournalEntry(store, e)),
      ]),
    );
    return {
      table: 'incident',
      when,
      operation,
      fields,
      current: row,
      previous,
      display: display(row),
      previousDisplay: previous ? display(previous) : null,
      journal,
      pendingJournal: Object.fromEntries(pending.map((p) => [p.element, p.value])),
      userName: opts.actor.userName,
      userSysId: opts.actor.sysId,
      interactive: opts.interactive,
      properties: settings().properties,
      javaStrings: settings().javaStrings,
    };
  }

  async function before(
    operation: 'insert' | 'update',
    row: Row,
    previous: Row | null,
    pending: PendingJournal[],
    opts: WriteOptions,
  ): Promise<Row> {
    const result = await rules.runInline(context('before', operation, row, previous, pending, opts));
    if (result.aborted) {
      throw new SnApiError(403, 'Operation Failed', `Error during ${operation} of incident (${row.number})`);
    }
    const changed = { ...row, ...result.current, sys_id: row.sys_id!, number: row.number! };
    checkPolicies(changed, previous, settings());
    return changed;
  }

  async function after(
    operation: 'insert' | 'update',
    row: Row,
    previous: Row | null,
    pending: PendingJournal[],
    opts: WriteOptions,
  ): Promise<void> {
    await rules.runInline(context('after', operation, row, previous, pending, opts));
    const {
      when: _w,
      previous: _p,
      previousDisplay: _d,
      ...rest
    } = context('after', operation, row, previous, pending, opts);
    rules.schedule(rest);
  }

  function writeJournal(sysId: string, pending: PendingJournal[], user: string): void {
    for (const entry of pending) {
      store.insert(
        'sys_journal_field',
        { element_id: sysId, element: entry.element, name: 'incident', value: entry.value },
        user,
      );
    }
  }

  async function insert(body: Record<string, unknown>, opts: WriteOptions): Promise<Row> {
    const { values, journal } = writableInput(body, true);
    if (values.sys_id && store.get('incident', values.sys_id)) {
      throw new SnApiError(
        403,
        'Operation Failed',
        `Error during insert of incident (${values.number ?? values.sys_id})`,
      );
    }
    const number = values.number || store.nextIncidentNumber();
    const draft = buildInsert(values, opts.actor, number, settings().mandatoryOnInsert);
    const now = glideDateTime();
    Object.assign(draft, {
      sys_id: values.sys_id || newSysId(),
      sys_created_on: now,
      sys_updated_on: now,
      sys_mod_count: '0',
    });
    Object.assign(draft, { sys_created_by: opts.actor.userName, sys_updated_by: opts.actor.userName });
    checkPolicies(draft, null, settings());
    const ready = await before('insert', draft, null, journal, opts);
    const row = store.insert('incident', ready, opts.actor.userName);
    writeJournal(row.sys_id!, journal, opts.actor.userName);
    await after('insert', row, null, journal, opts);
    return row;
  }

  async function update(sysId: string, body: Record<string, unknown>, opts: WriteOptions): Promise<Row> {
    const existing = store.get('incident', sysId);
    if (!existing || settings().hiddenSysIds.includes(sysId)) throw notFound();
    const { values, journal } = writableInput(body, false);
    const next = buildUpdate(existing, values, opts.actor);
    if (!next && journal.length === 0) return existing;
    const draft = next ?? { ...existing };
    checkPolicies(draft, existing, settings());
    const ready = await before('update', draft, existing, journal, opts);
    const row: Row = {
      ...ready,
      sys_mod_count: String(Number(existing.sys_mod_count ?? '0') + 1),
      sys_updated_on: glideDateTime(),
      sys_updated_by: opts.actor.userName,
    };
    store.rows('incident').set(sysId, row);
    writeJournal(sysId, journal, opts.actor.userName);
    await after('update', row, existing, journal, opts);
    return row;
  }

  return { insert, update };
}
export type IncidentWriter = ReturnType<typeof createIncidentWriter>;

/** Writes to the other tables: known, non-system fields only; no business logic. */
export function writeGeneric(
  store: Store,
  table: string,
  body: Record<string, unknown>,
  user: string,
  sysId?: string,
): Row {
  const def = TABLES[table]!;
  const values: Row = {};
  for (const [key, raw] of Object.entries(body)) {
    const value = fieldText(raw);
    if (!def.fields.includes(key) || key.startsWith('sys_') || value === undefined) continue;
    values[key] = value;
  }
  if (sysId === undefined)
    return store.insert(table, { ...Object.fromEntries(def.fields.map((f) => [f, ''])), ...values }, user);
  const existing = store.get(table, sysId);
  if (!existing) throw notFound();
  const row = {
    ...existing,
    ...values,
    sys_mod_count: String(Number(existing.sys_mod_count ?? '0') + 1),
    sys_updated_on: glideDateTime(),
    sys_updated_by: user,
  };
  store.rows(table).set(sysId, row);
  return row;
}
