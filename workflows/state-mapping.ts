/**
 * The OnCall-status → ServiceNow-state mapping: its default (by label, as the seed's setup form does) and
 * its validation against the states read from ServiceNow. Pure, so the admin API validates the same way.
 */
import { ALERT_GROUP_STATES, type AlertGroupState } from './oncall-statuses';
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

/** ServiceNow `state` value → OnCall status (many to one); `null` or absent writes nothing to OnCall. */
export type ReverseMapping = Record<string, AlertGroupState | null>;

/** The label defaults of the reverse direction (bridge.md §8.1). */
const REVERSE_LABELS: Record<string, AlertGroupState> = {
  new: 'firing',
  'in progress': 'acknowledged',
  'on hold': 'acknowledged',
  resolved: 'resolved',
  closed: 'resolved',
  canceled: 'resolved',
  cancelled: 'resolved',
};

/**
 * The reverse of a flat mapping: each state it names maps back to its status, every other state by its
 * label (New → firing, In Progress and On Hold → acknowledged, Resolved, Closed, Canceled → resolved).
 */
export function derivedReverseMapping(mapping: StateMapping, options: readonly ChoiceOption[]): ReverseMapping {
  const reverse: ReverseMapping = {};
  for (const option of options) {
    const byLabel = REVERSE_LABELS[option.label.trim().toLowerCase()];
    if (byLabel) reverse[option.value] = byLabel;
  }
  for (const status of ALERT_GROUP_STATES) {
    const value = mapping[status];
    if (value !== null) reverse[value] = status;
  }
  return reverse;
}

/** Problems with a reverse mapping, each naming its key: a key that is no state option, or an unknown status. */
export function reverseMappingProblems(reverse: ReverseMapping, options: readonly ChoiceOption[]): string[] {
  const problems: string[] = [];
  for (const [value, status] of Object.entries(reverse)) {
    if (!options.some((o) => o.value === value)) {
      const known = options.map((o) => `${o.value} ${o.label}`).join(', ');
      problems.push(`serviceNowToOnCall.${value}: "${value}" is not an incident state (${known})`);
    }
    if (status !== null && !(ALERT_GROUP_STATES as readonly string[]).includes(status)) {
      problems.push(`serviceNowToOnCall.${value}: "${String(status)}" is not an OnCall status`);
    }
  }
  return problems;
}

/** The two-way form the admin API shows and accepts (bridge.md §8.1). */
export interface TwoWayStateMapping {
  oncallToServiceNow: StateMapping;
  serviceNowToOnCall: ReverseMapping;
}
