/**
 * The OnCall-status → ServiceNow-state mapping: its default (by label, as the seed's setup form does) and
 * its validation against the states read from ServiceNow. Pure, so the admin API validates the same way.
 */
import { ALERT_GROUP_STATES } from './oncall-statuses';
import type { ChoiceOption, StateMapping } from './settings';

const DEFAULT_LABELS: Record<keyof StateMapping, string | null> = {
  firing: 'new',
  acknowledged: 'in progress',
  resolved: 'resolved',
  silenced: null,
};

/** firing → New, acknowledged → In Progress, resolved → Resolved, silenced → none; missing labels → none. */
export function defaultStateMapping(options: readonly ChoiceOption[]): StateMapping {
  const byLabel = (label: string | null) =>
    label === null ? null : (options.find((o) => o.label.trim().toLowerCase() === label)?.value ?? null);
  return {
    firing: byLabel(DEFAULT_LABELS.firing),
    acknowledged: byLabel(DEFAULT_LABELS.acknowledged),
    resolved: byLabel(DEFAULT_LABELS.resolved),
    silenced: byLabel(DEFAULT_LABELS.silenced),
  };
}

/** Problems with a mapping, one per field: a value that is no state option, or one state used twice. */
export function stateMappingProblems(mapping: StateMapping, options: readonly ChoiceOption[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const status of ALERT_GROUP_STATES) {
    const value = mapping[status];
    if (value === null) continue;
    if (!options.some((o) => o.value === value)) {
      problems.push(
        `${status}: "${value}" is not an incident state (${options.map((o) => `${o.value} ${o.label}`).join(', ')})`,
      );
      continue;
    }
    const other = seen.get(value);
    if (other) problems.push(`${status}: state "${value}" is already mapped from ${other}`);
    seen.set(value, status);
  }
  return problems;
}
