import type { Row, Store } from './store';

const LABELS: Record<string, string> = { work_notes: 'Work notes', comments: 'Additional comments' };

/** Journal rows of one record for the given elements, newest first. */
export function journalEntries(store: Store, sysId: string, elements: readonly string[]): Row[] {
  return [...store.rows('sys_journal_field').values()]
    .filter((j) => j.element_id === sysId && elements.includes(j.element!))
    .reverse();
}

/** One entry as `getJournalEntry` and display values show it: a header line, the text, a blank line. */
export function formatJournalEntry(store: Store, entry: Row): string {
  const who = store.account(entry.sys_created_by ?? '')?.name ?? entry.sys_created_by;
  return `${entry.sys_created_on} - ${who} (${LABELS[entry.element!] ?? entry.element})\n${entry.value}\n\n`;
}

export function journalText(store: Store, sysId: string, field: string): string {
  const elements = field === 'comments_and_work_notes' ? ['work_notes', 'comments'] : [field];
  return journalEntries(store, sysId, elements)
    .map((entry) => formatJournalEntry(store, entry))
    .join('');
}
