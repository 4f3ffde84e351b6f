/**
 * The encoded query language, one evaluator for the ServiceNow emulator's Table API and the bridge's
 * incident filter (bridge.md §8.3) (servicenow.md §1.2, §7 item 3): `^` AND, `^OR` OR (binding tighter than AND),
 * `^NQ` a new OR-ed query, `ORDERBY`/`ORDERBYDESC`. Invalid terms (unknown fields, unknown operators) are
 * dropped silently unless `strict`, which then matches no rows, like `glide.invalid_query.returns_no_rows`.
 */

/** Resolves a (possibly dot-walked) field of a row; `undefined` when the field does not exist. */
export type FieldResolver = (row: Record<string, string>, path: string) => string | undefined;

interface Term {
  field: string;
  op: string;
  value: string;
}

export interface ParsedQuery {
  /** OR of groups; each group is an AND of OR-clauses. */
  groups: Term[][][];
  order: { field: string; desc: boolean }[];
  invalid: boolean;
}

const TERM =
  /^([A-Za-z_][A-Za-z0-9_.]*?)(ISNOTEMPTY|ISEMPTY|ANYTHING|NOT IN|NOT LIKE|NOTLIKE|STARTSWITH|ENDSWITH|LIKE|IN|!=|>=|<=|=|>|<)(.*)$/s;

export function parseQuery(query: string, isField: (path: string) => boolean): ParsedQuery {
  const parsed: ParsedQuery = { groups: [[]], order: [], invalid: false };
  for (let part of query.split('^')) {
    if (part === '' || part === 'EQ') continue;
    if (part.startsWith('NQ') && !isField(leadingName(part))) {
      parsed.groups.push([]);
      part = part.slice(2);
      if (part === '') continue;
    }
    const order = /^ORDERBY(DESC)?(.+)$/.exec(part);
    if (order) {
      if (isField(order[2]!)) parsed.order.push({ field: order[2]!, desc: order[1] !== undefined });
      else parsed.invalid = true;
      continue;
    }
    const isOr = part.startsWith('OR') && !isField(leadingName(part));
    const term = parseTerm(isOr ? part.slice(2) : part);
    if (!term || !isField(term.field)) {
      parsed.invalid = true;
      continue;
    }
    const group = parsed.groups[parsed.groups.length - 1]!;
    const last = group[group.length - 1];
    if (isOr && last) last.push(term);
    else group.push([term]);
  }
  return parsed;
}

function leadingName(part: string): string {
  return /^[A-Za-z0-9_.]*/.exec(part)![0];
}

function parseTerm(text: string): Term | undefined {
  const match = TERM.exec(text);
  return match ? { field: match[1]!, op: match[2]!, value: match[3]! } : undefined;
}

export function matches(row: Record<string, string>, query: ParsedQuery, resolve: FieldResolver): boolean {
  return query.groups.some((group) => group.every((clause) => clause.some((term) => test(row, term, resolve))));
}

function test(row: Record<string, string>, term: Term, resolve: FieldResolver): boolean {
  const actual = resolve(row, term.field) ?? '';
  const { value } = term;
  switch (term.op) {
    case '=':
      return actual === value;
    case '!=':
      return actual !== value;
    case 'LIKE':
      return actual.includes(value);
    case 'NOTLIKE':
    case 'NOT LIKE':
      return !actual.includes(value);
    case 'STARTSWITH':
      return actual.startsWith(value);
    case 'ENDSWITH':
      return actual.endsWith(value);
    case 'IN':
      return value.split(',').includes(actual);
    case 'NOT IN':
      return !value.split(',').includes(actual);
    case 'ISEMPTY':
      return actual === '';
    case 'ISNOTEMPTY':
      return actual !== '';
    case 'ANYTHING':
      return true;
    default:
      return compareRelational(actual, term.op, value);
  }
}

function compareRelational(actual: string, op: string, value: string): boolean {
  if (actual === '') return false;
  const cmp = compareValues(actual, value);
  if (op === '>') return cmp > 0;
  if (op === '>=') return cmp >= 0;
  if (op === '<') return cmp < 0;
  return cmp <= 0;
}

/** Numbers compare as numbers; everything else (date-times included) as strings. */
export function compareValues(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortRows<T extends Record<string, string>>(rows: T[], query: ParsedQuery, resolve: FieldResolver): T[] {
  if (query.order.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const { field, desc } of query.order) {
      const cmp = compareValues(resolve(a, field) ?? '', resolve(b, field) ?? '');
      if (cmp !== 0) return desc ? -cmp : cmp;
    }
    return 0;
  });
}
