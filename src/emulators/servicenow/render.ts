import { journalText } from './journal';
import type { Row, Store } from './store';
import { CHOICE_FIELDS, tableDef } from './tables';

export type DisplayMode = 'false' | 'true' | 'all';

export interface RenderOptions {
  baseUrl: string;
  display: DisplayMode;
  excludeLinks: boolean;
  /** Requested fields (`sysparm_fields`), unknown ones already dropped; all fields when undefined. */
  fields?: string[];
}

/** Reads a field, following references for dot-walked paths (`caller_id.user_name`). */
export function createResolver(store: Store, table: string) {
  function isField(path: string): boolean {
    return fieldTable(store, table, path) !== undefined;
  }
  function resolve(row: Row, path: string): string | undefined {
    const [head, ...rest] = path.split('.');
    const def = tableDef(table);
    if (!def || !def.fields.includes(head!)) return undefined;
    if (rest.length === 0) return row[head!] ?? '';
    const target = def.references[head!];
    const ref = target ? store.get(target, row[head!] ?? '') : undefined;
    return ref ? createResolver(store, target!).resolve(ref, rest.join('.')) : target ? '' : undefined;
  }
  return { resolve, isField };
}

function fieldTable(store: Store, table: string, path: string): string | undefined {
  const [head, ...rest] = path.split('.');
  const def = tableDef(table);
  if (!def || !def.fields.includes(head!)) return undefined;
  if (rest.length === 0) return table;
  const target = def.references[head!];
  return target && tableDef(target) ? fieldTable(store, target, rest.join('.')) : undefined;
}

/** The value a person sees: a choice label, a referenced record's display field, or the raw value. */
export function displayValue(store: Store, table: string, field: string, value: string): string {
  if (value === '') return '';
  const def = tableDef(table);
  const target = def?.references[field];
  if (target) {
    const ref = store.get(target, value);
    const refDef = tableDef(target);
    return ref && refDef ? (ref[refDef.displayField] ?? '') : '';
  }
  const element = table === 'incident' ? CHOICE_FIELDS[field] : undefined;
  if (element) {
    const choice = [...store.rows('sys_choice').values()].find(
      (c) => c.element === element && c.value === value && c.language === 'en',
    );
    return choice?.label ?? value;
  }
  return value;
}

export function renderRow(store: Store, table: string, row: Row, options: RenderOptions): Record<string, unknown> {
  const def = tableDef(table)!;
  const { resolve } = createResolver(store, table);
  const out: Record<string, unknown> = {};
  for (const path of options.fields ?? def.fields) {
    const isJournal = !path.includes('.') && (def.journals ?? []).includes(path);
    const raw = isJournal ? '' : (resolve(row, path) ?? '');
    const display = isJournal ? journalText(store, row.sys_id!, path) : displayOf(store, table, path, raw);
    const target = path.includes('.') ? undefined : def.references[path];
    const link =
      target && raw !== '' && !options.excludeLinks ? `${options.baseUrl}/api/now/table/${target}/${raw}` : undefined;
    out[path] = renderValue(options.display, raw, display, link);
  }
  return out;
}

function displayOf(store: Store, table: string, path: string, raw: string): string {
  const parts = path.split('.');
  if (parts.length > 1) return raw;
  return displayValue(store, table, path, raw);
}

function renderValue(mode: DisplayMode, raw: string, display: string, link: string | undefined): unknown {
  if (mode === 'false') return link ? { link, value: raw } : raw;
  if (mode === 'true') return link ? { display_value: display, link } : display;
  return link ? { display_value: display, link, value: raw } : { display_value: display, value: raw };
}
