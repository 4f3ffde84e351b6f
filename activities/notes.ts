/**
 * Notes both ways, exactly once (bridge.md §9). Neither a journal write nor a resolution note create is
 * idempotent, so every note the bridge writes ends with a marker naming the note it came from; a retry
 * (whose earlier attempt may have written before its answer was lost) first looks for that marker on the
 * other side and does not write again what it finds. The first attempt needs no such read.
 */
import type { OnCallClient, ResolutionNote } from '../src/integrations/oncall/types';
import type { JournalElement, JournalEntry, ServiceNowClient } from '../src/integrations/servicenow/types';
import { isRetry } from './attempt';
import type { CarriedNotesResult, CarryJournalInput, CarryNotesInput, NoteActivities } from './types';

const JOURNAL_LABEL: Record<JournalElement, string> = { work_notes: 'work note', comments: 'comment' };

/** The last line of a resolution note the bridge wrote from a journal entry. */
export const journalMarker = (journalId: string) => `[ServiceNow journal entry ${journalId}]`;
/** The last line of a journal entry the bridge wrote from a resolution note. */
export const noteMarker = (noteId: string) => `[Grafana OnCall note ${noteId}]`;
const MARKED = /\[(ServiceNow journal entry|Grafana OnCall note) [^\]]+\]\s*$/;

/** OnCall pages resolution notes fifty at a time; a group with more than this many is read no further. */
const MAX_NOTE_PAGES = 20;

export interface NoteActivityDeps {
  serviceNow: (integrationId: string) => Promise<ServiceNowClient>;
  onCall: (integrationId: string) => Promise<OnCallClient>;
}

export function createNoteActivities(deps: NoteActivityDeps): NoteActivities {
  return {
    async carryJournalToOnCall(input: CarryJournalInput): Promise<CarriedNotesResult> {
      const sn = await deps.serviceNow(input.integrationId);
      const oc = await deps.onCall(input.integrationId);
      const known = new Set(input.known);
      const entries = await sn.listJournalEntries(input.sysId, input.elements);
      const echoes = entries.filter((e) => isBridges(e.createdBy === sn.username, e.text) && !known.has(e.sysId));
      const fresh = entries.filter((e) => !isBridges(e.createdBy === sn.username, e.text) && !known.has(e.sysId));
      if (fresh.length === 0) return { carried: [], echoes: echoes.map((e) => e.sysId) };
      const names = await sn.displayNames(fresh.map((e) => e.createdBy));
      const already = isRetry() ? await markedNotes(oc, input.alertGroupId) : new Map<string, string>();
      const carried: CarriedNotesResult['carried'] = [];
      for (const entry of fresh) {
        const found = already.get(journalMarker(entry.sysId));
        const noteId = found ?? (await oc.createResolutionNote(input.alertGroupId, noteText(entry, names))).id;
        carried.push({
          direction: 'toOnCall',
          journalId: entry.sysId,
          oncallNoteId: noteId,
          ...(found && { found: true }),
        });
      }
      return { carried, echoes: echoes.map((e) => e.sysId) };
    },

    async carryNotesToServiceNow(input: CarryNotesInput): Promise<CarriedNotesResult> {
      const sn = await deps.serviceNow(input.integrationId);
      const oc = await deps.onCall(input.integrationId);
      const known = new Set(input.known);
      const notes = await allNotes(oc, input.alertGroupId);
      const bridges = (note: ResolutionNote) => isBridges(note.author === input.bridgeUserId, note.text);
      // A note with no author was written by a service account, not a person.
      const fresh = notes.filter((n) => n.author !== null && !bridges(n) && !known.has(n.id));
      const echoes = notes.filter((n) => bridges(n) && !known.has(n.id)).map((n) => n.id);
      const carried: CarriedNotesResult['carried'] = [];
      const usernames = new Map<string, string>();
      for (const note of fresh) {
        const marker = noteMarker(note.id);
        const [found] = isRetry() ? await sn.listJournalEntries(input.sysId, [input.element], marker) : [];
        if (!found) {
          const author = await usernameOf(oc, usernames, note.author!);
          await sn.addJournalEntry(input.sysId, input.element, `${author} (Grafana OnCall): ${note.text}\n\n${marker}`);
        }
        // The journal entry's own id is only known by reading it back (a write answers with the incident).
        const [written] = found ? [found] : await sn.listJournalEntries(input.sysId, [input.element], marker);
        carried.push({
          direction: 'toServiceNow',
          journalId: written?.sysId ?? '',
          oncallNoteId: note.id,
          ...(found && { found: true }),
        });
      }
      return { carried, echoes };
    },
  };
}

/** The bridge's own: written by its user, or carrying its marker (a copy made by someone else's tool). */
export function isBridges(byBridgeUser: boolean, text: string): boolean {
  return byBridgeUser || MARKED.test(text);
}

function noteText(entry: JournalEntry, names: Record<string, string>): string {
  const author = names[entry.createdBy] ?? entry.createdBy;
  return `${author} (ServiceNow ${JOURNAL_LABEL[entry.element]}): ${entry.text}\n\n${journalMarker(entry.sysId)}`;
}

export async function allNotes(oc: OnCallClient, alertGroupId: string): Promise<ResolutionNote[]> {
  const notes: ResolutionNote[] = [];
  for (let page = 1; page <= MAX_NOTE_PAGES; page += 1) {
    const found = await oc.listResolutionNotes(alertGroupId, page);
    notes.push(...found.results);
    if (found.nextPage === undefined) break;
  }
  return notes;
}

/** The bridge's notes on the group by the marker they end with, for a retry to find what it wrote. */
async function markedNotes(oc: OnCallClient, alertGroupId: string): Promise<Map<string, string>> {
  const marked = new Map<string, string>();
  for (const note of await allNotes(oc, alertGroupId)) {
    const marker = MARKED.exec(note.text)?.[0]?.trim();
    if (marker) marked.set(marker, note.id);
  }
  return marked;
}

async function usernameOf(oc: OnCallClient, cache: Map<string, string>, userId: string): Promise<string> {
  const cached = cache.get(userId);
  if (cached) return cached;
  const username = (await oc.getUser(userId)).username;
  cache.set(userId, username);
  return username;
}
