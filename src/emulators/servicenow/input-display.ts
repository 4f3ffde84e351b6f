import type { Row, Store } from './store';
import { CHOICE_FIELDS, tableDef } from './tables';

/**
 * Columns besides the display field a reference to this table is looked up by, as an instance resolves a
 * user given by user name or e-mail.
 */
const ALSO_BY: Readonly<Record<string, readonly string[]>> = { sys_user: ['user_name', 'email'] };

/**
 * `sysparm_input_display_value=true` (servicenow.md §1.2): a reference field given by a record's display
 * value becomes that record's sys_id (a sys_id is kept), a choice field given by its label becomes its
 * value. A display value that names no record leaves the reference empty and the write goes on, as
 * unknown input is dropped silently elsewhere (servicenow.md §1.8).
 */
export function fromDisplayValues(store: Store, table: string, body: Record<string, unknown>): Record<string, unknown> {
  const def = tableDef(table);
  if (!def) return body;
  const out: Record<string, unknown> = { ...body };
  for (const [field, raw] of Object.entries(body)) {
    if (typeof raw !== 'string' || raw === '') continue;
    const target = def.references[field];
    if (target) out[field] = referenceId(store, target, raw);
    else if (table === 'incident' && CHOICE_FIELDS[field]) out[field] = choiceValue(store, CHOICE_FIELDS[field], raw);
  }
  return out;
}

function referenceId(store: Store, table: string, text: string): string {
  const rows = store.rows(table);
  if (rows.has(text)) return text;
  const columns = [tableDef(table)?.displayField ?? 'name', ...(ALSO_BY[table] ?? [])];
  for (const column of columns) {
    const found = [...rows.values()].find((row: Row) => row[column] === text);
    if (found) return found.sys_id ?? '';
  }
  return '';
}

function choiceValue(store: Store, element: string, text: string): string {
  const choice = [...store.rows('sys_choice').values()].find(
    (c) => c.name === 'incident' && c.element === element && c.language === 'en' && c.label === text,
  );
  return choice?.value ?? text;
}
