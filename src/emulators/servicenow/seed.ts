/** The sys_choice rows a fresh instance has for incident (servicenow.md §2.2, §2.3, §3). */

export type CloseCodeSet = 'current' | 'legacy' | 'both';

export interface ChoiceSeed {
  element: string;
  value: string;
  label: string;
  sequence: number;
  language?: string;
}

const STATES: [string, string][] = [
  ['1', 'New'],
  ['2', 'In Progress'],
  ['3', 'On Hold'],
  ['6', 'Resolved'],
  ['7', 'Closed'],
  ['8', 'Canceled'],
];
// A second language makes the `language=en` filter matter, as on an instance with a language pack.
const STATES_DE: [string, string][] = [
  ['1', 'Neu'],
  ['2', 'In Bearbeitung'],
  ['3', 'Zurückgestellt'],
  ['6', 'Gelöst'],
  ['7', 'Geschlossen'],
  ['8', 'Abgebrochen'],
];
export const CURRENT_CLOSE_CODES = [
  'Duplicate',
  'Known error',
  'No resolution provided',
  'Resolved by caller',
  'Resolved by change',
  'Resolved by problem',
  'Resolved by request',
  'Solution provided',
  'Workaround provided',
  'User error',
];
export const LEGACY_CLOSE_CODES = [
  'Solved (Work Around)',
  'Solved (Permanently)',
  'Solved Remotely (Work Around)',
  'Solved Remotely (Permanently)',
  'Not Solved (Not Reproducible)',
  'Not Solved (Too Costly)',
  'Closed/Resolved by Caller',
];
const HOLD_REASONS: [string, string][] = [
  ['1', 'Awaiting Caller'],
  ['3', 'Awaiting Problem'],
  ['4', 'Awaiting Vendor'],
  ['5', 'Awaiting Change'],
];
const LEVELS: [string, string][] = [
  ['1', '1 - High'],
  ['2', '2 - Medium'],
  ['3', '3 - Low'],
];
const PRIORITIES: [string, string][] = [
  ['1', '1 - Critical'],
  ['2', '2 - High'],
  ['3', '3 - Moderate'],
  ['4', '4 - Low'],
  ['5', '5 - Planning'],
];

function rows(element: string, pairs: [string, string][], language = 'en'): ChoiceSeed[] {
  return pairs.map(([value, label]) => ({ element, value, label, sequence: Number(value), language }));
}

export function choiceSeeds(closeCodes: CloseCodeSet): ChoiceSeed[] {
  const codes = [
    ...(closeCodes === 'legacy' ? [] : CURRENT_CLOSE_CODES),
    ...(closeCodes === 'current' ? [] : LEGACY_CLOSE_CODES),
  ];
  return [
    ...rows('state', STATES),
    ...rows('state', STATES_DE, 'de'),
    ...rows('incident_state', STATES),
    ...codes.map((code, index) => ({ element: 'close_code', value: code, label: code, sequence: index + 1 })),
    ...rows('hold_reason', HOLD_REASONS),
    ...rows('impact', LEVELS),
    ...rows('urgency', LEVELS),
    ...rows('priority', PRIORITIES),
  ];
}

/** Priority lookup rules (servicenow.md §2.4): impact × urgency. */
export function priorityOf(impact: string, urgency: string): string {
  const i = Number(impact);
  const u = Number(urgency);
  if (![1, 2, 3].includes(i) || ![1, 2, 3].includes(u)) return '5';
  return String(i + u - 1);
}
