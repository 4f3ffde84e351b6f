/**
 * The incident filter (bridge.md §8.3): a ServiceNow encoded query an incident must match to get an alert
 * group. Evaluated with the same parser and matcher as the emulator's Table API, over the fields the
 * Business Rule (or reconciliation's read) sends: `field` is the stored value, `field.name` (any dot-walk)
 * the display value of a reference.
 */
import { CARRIED_FIELDS, type FieldValue } from '../../workflows/field-mapping';
import { matches, parseQuery } from './encoded-query';

const FIELD_PATH = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
const TERM =
  /^(?:NQ|OR)?([A-Za-z_][A-Za-z0-9_.]*?)(ISNOTEMPTY|ISEMPTY|ANYTHING|NOT IN|NOT LIKE|NOTLIKE|STARTSWITH|ENDSWITH|LIKE|IN|!=|>=|<=|=|>|<)(.*)$/s;

/** Fields every Business Rule sends, at the top level of its body. */
export const BASE_FIELDS = ['number', 'state', 'short_description', 'description', 'correlation_id'] as const;

/** What is wrong with a condition, naming the term and where it starts; `undefined` when it is valid. */
export function conditionProblem(condition: string): string | undefined {
  let at = 0;
  for (const [index, part] of condition.split('^').entries()) {
    const start = at;
    at += part.length + 1;
    if (part === '' || part === 'EQ' || part === 'NQ') continue;
    if (/^ORDERBY/.test(part))
      return `term ${index + 1} at character ${start + 1}: ordering has no meaning in a filter`;
    const term = TERM.exec(part);
    if (!term) return `term ${index + 1} at character ${start + 1} (${part.slice(0, 60)}): no field and operator`;
    if (!FIELD_PATH.test(term[1]!)) {
      return `term ${index + 1} at character ${start + 1}: ${term[1]!.slice(0, 60)} is not a field name`;
    }
  }
  return undefined;
}

/** The incident fields a condition reads (a dot-walk reads its reference field). */
export function conditionFields(condition: string): string[] {
  const fields = new Set<string>();
  for (const part of condition.split('^')) {
    const term = TERM.exec(part);
    if (term && FIELD_PATH.test(term[1]!)) fields.add(term[1]!.split('.')[0]!);
  }
  return [...fields].sort();
}

/** Fields a rule must send beyond the base and carried ones for this condition. */
export function extraConditionFields(condition: string): string[] {
  const known = new Set<string>([...BASE_FIELDS, ...CARRIED_FIELDS]);
  return conditionFields(condition).filter((field) => !known.has(field));
}

/**
 * The routing fields, sent as value and display value: the carried ones, then the extra ones a filter needs.
 * The Business Rule sends these (with the extra fields of its filter when it was issued); reconciliation's
 * list read asks for them with the current filter's, so both deliver the same fields.
 */
export function routingFields(extraFields: readonly string[]): string[] {
  return [...new Set<string>([...CARRIED_FIELDS, ...extraFields])];
}

/** Whether the issued rule sends every field the condition needs; it must be re-issued otherwise. */
export function businessRuleOutdated(condition: string | undefined, ruleFields: readonly string[] = []): boolean {
  return extraConditionFields(condition ?? '').some((field) => !ruleFields.includes(field));
}

/** `""` matches every incident. A field the incident does not show is empty. */
export function incidentMatches(condition: string | undefined, fields: Record<string, FieldValue>): boolean {
  if (!condition) return true;
  const query = parseQuery(condition, (path) => FIELD_PATH.test(path));
  if (query.invalid) return false;
  const row: Record<string, string> = {};
  return matches(row, query, (_row, path) => {
    const [base, walk] = path.split('.');
    const field = fields[base!];
    return walk === undefined ? (field?.value ?? '') : (field?.display ?? '');
  });
}
