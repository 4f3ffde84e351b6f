/**
 * The `close_code` a resolve from OnCall writes. ServiceNow's list is per instance and its first entry by
 * sequence is often "Duplicate" or "Solved (Work Around)", wrong for an alert resolved in OnCall; so the
 * default is a code whose label says the problem was solved, and an admin may choose another per integration.
 */
import type { ChoiceOption } from './settings';

/** Labels that say "solved", best first: the current list, then the legacy one. */
const PREFERRED = ['solution provided', 'solved (permanently)', 'solved remotely (permanently)'];
const SOLVED = /\b(solved|solution)\b/i;
const NOT_SOLVED = /\b(not solved|no resolution|work ?around)\b/i;

/** Used only when ServiceNow listed no close code at all. */
const FALLBACK = 'Solution provided';

export function defaultCloseCode(codes: ChoiceOption[]): ChoiceOption {
  const label = (code: ChoiceOption) => code.label.trim().toLowerCase();
  for (const preferred of PREFERRED) {
    const found = codes.find((code) => label(code) === preferred);
    if (found) return found;
  }
  const solved = codes.find((code) => SOLVED.test(code.label) && !NOT_SOLVED.test(code.label));
  return solved ?? codes[0] ?? { label: FALLBACK, value: FALLBACK };
}

/** The integration's chosen code when it is still one of ServiceNow's, else the default. */
export function chosenCloseCode(codes: ChoiceOption[], chosen: string | null | undefined): ChoiceOption {
  const found = chosen ? codes.find((code) => code.value === chosen) : undefined;
  return found ?? defaultCloseCode(codes);
}
