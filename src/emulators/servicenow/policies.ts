import { SnApiError, aclUpdateDenied } from './envelope';
import type { Settings } from './settings';
import type { Row } from './store';

/** Fields the "mandatory on insert" data policy can name (the ones instances commonly make mandatory). */
export const MANDATORY_ON_INSERT_FIELDS = ['assignment_group', 'category'] as const;

/** The field labels a Data Policy Exception names (the incident form's labels). */
const LABELS: Readonly<Record<string, string>> = {
  close_code: 'Resolution code',
  close_notes: 'Close notes',
  hold_reason: 'On hold reason',
  assignment_group: 'Assignment group',
  category: 'Category',
};

/** The fields the switched-on data policies demand of this write (servicenow.md §2.2, §2.3). */
function mandatoryFields(row: Row, previous: Row | null, settings: Settings): string[] {
  const fields: string[] = [];
  if (previous === null) fields.push(...settings.mandatoryOnInsert);
  if (settings.onHoldPolicy && row.state === '3') fields.push('hold_reason');
  if (settings.dataPolicy && (row.state === '6' || row.state === '7')) fields.push('close_code', 'close_notes');
  return fields;
}

/** The data policies and the Closed lock; throws the 403 a real instance answers. */
export function checkPolicies(row: Row, previous: Row | null, settings: Settings): void {
  if (previous?.state === '7' && settings.closedImmutable) throw aclUpdateDenied();
  const missing = mandatoryFields(row, previous, settings).filter((field) => !(row[field] ?? '').trim());
  if (missing.length > 0) {
    throw new SnApiError(
      403,
      'Operation Failed',
      `Data Policy Exception: \n\tThe following fields are mandatory: ${missing.map((f) => LABELS[f] ?? f).join(', ')}`,
    );
  }
}
