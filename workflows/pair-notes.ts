/**
 * Notes of a pair (bridge.md §9), decided without Temporal: which carry to run after an event, and what
 * its outcome does to the pair. The carries themselves are activities (activities/notes.ts) that never
 * write a note twice; the pair remembers what it carried, with both ids, so nothing is carried again.
 */
import type { CarryJournalInput, CarryNotesInput } from '../activities/types';
import { BIRTH_EVENT, EVENT_FOR_STATE } from './oncall-statuses';
import { backsyncAllowed } from './pair-plan';
import { note } from './pair-state';
import type { CarriedNote, PairEvent, PairNotes, PairResult, PairState } from './pair-types';
import { DEFAULT_NOTES, type NotesSettings } from './settings';

/** Carried notes kept per pair (oldest drop first); a pair with more is exceptional. */
const CARRIED_LIMIT = 500;

export type NotesCommand =
  | { kind: 'carryJournalToOnCall'; input: Omit<CarryJournalInput, 'integrationId'>; digest: string }
  | { kind: 'carryNotesToServiceNow'; input: Omit<CarryNotesInput, 'integrationId'> };

/** What the pair's event loop knows about the event beyond the event itself. */
export interface NotesContext {
  /** The reducer dropped the event (a stale re-send, the bridge's own echo): nothing happened in OnCall. */
  dropped: boolean;
  /** Another OnCall event of the pair is queued behind this one: it will look for notes. */
  oncallQueued: boolean;
  /** Runs from before patch `notes-skip-acknowledge` read on an acknowledge too, and replay that. */
  readsOnAcknowledge?: boolean;
}

function book(state: PairState): PairNotes {
  return state.notes ?? { carried: [], journalDigest: null };
}

/** The pair after `event`'s notes facts, and the carries to run now (none when a side is not known yet). */
export function planNotes(
  current: PairState,
  event: PairEvent,
  context: NotesContext = { dropped: false, oncallQueued: false },
): { state: PairState; commands: NotesCommand[] } {
  const notes: PairNotes = { ...book(current) };
  if (event.source === 'servicenow' && event.incident.journalDigest) notes.seenDigest = event.incident.journalDigest;
  const state: PairState = { ...current, notes };
  const settings = state.settings;
  const { alertGroupId } = state.oncall;
  const { sysId } = state.servicenow;
  if (!settings || !alertGroupId || !sysId) return { state, commands: [] };
  const wanted: NotesSettings = settings.notes ?? DEFAULT_NOTES;
  const known = knownIds(notes);
  const commands: NotesCommand[] = [];
  const digest = notes.seenDigest;
  // ServiceNow's notes reach a connected integration's groups only with backsync, like its states.
  if (wanted.toOnCall !== 'off' && digest && digest !== notes.journalDigest && backsyncAllowed(state, settings)) {
    const elements = wanted.toOnCall === 'both' ? (['work_notes', 'comments'] as const) : [wanted.toOnCall];
    commands.push({
      kind: 'carryJournalToOnCall',
      input: { sysId, alertGroupId, elements: [...elements], known },
      digest,
    });
  }
  if (wanted.toServiceNow !== 'off' && event.source === 'oncall' && looksForOnCallNotes(event, context)) {
    const input = {
      alertGroupId,
      sysId,
      element: wanted.toServiceNow,
      known,
      bridgeUserId: settings.bridgeOnCallUserId,
    };
    commands.push({ kind: 'carryNotesToServiceNow', input });
  }
  return { state, commands };
}

/**
 * OnCall sends no webhook for notes, so an OnCall event of the pair is the moment to read them; not every
 * one, though, where nothing can have changed: the group's birth (a just-created group has no note), an
 * event the reducer dropped (a re-send, the bridge's own action), or one with another OnCall event queued
 * behind it (that one reads). Nor an acknowledge: a group is acknowledged when the work starts, before
 * notes are written, and the resolve, where OnCall asks for resolution notes, reads them (one call per
 * synced change, issue 20). A note those skip is read with the next event, or by reconciliation, whose
 * nudge (`notesNudge`) always reads.
 */
function looksForOnCallNotes(event: Extract<PairEvent, { source: 'oncall' }>, context: NotesContext): boolean {
  if (event.notesNudge) return true;
  if (event.eventType === EVENT_FOR_STATE.acknowledged && !context.readsOnAcknowledge) return false;
  return event.eventType !== BIRTH_EVENT && !context.dropped && !context.oncallQueued;
}

/** The pair after a carry: what was carried (both ids) and every echo or duplicate avoided, on the timeline. */
export function applyNotesOutcome(current: PairState, command: NotesCommand, outcome: PairResult, now: string) {
  const state: PairState = { ...current, timeline: [...current.timeline] };
  const notes: PairNotes = { ...book(current), carried: [...book(current).carried] };
  state.notes = notes;
  if (outcome.kind === 'writeFailed') {
    note(state, now, 'bridge', 'note_failed', `${command.kind}: ${outcome.type}: ${outcome.message}`);
    return state;
  }
  if (outcome.kind !== 'notesCarried') return state;
  if (command.kind === 'carryJournalToOnCall') notes.journalDigest = command.digest;
  for (const carried of outcome.result.carried) {
    notes.carried.push({ ...carried, at: now } satisfies CarriedNote);
    const what = `journal entry ${carried.journalId} <-> resolution note ${carried.oncallNoteId}`;
    if (carried.found) note(state, now, 'bridge', 'note_duplicate_avoided', `${what}: already written, not again`);
    else note(state, now, 'bridge', 'note_carried', `${arrow(carried.direction)} ${what}`);
  }
  if (notes.carried.length > CARRIED_LIMIT) notes.carried.splice(0, notes.carried.length - CARRIED_LIMIT);
  const echoes = outcome.result.echoes.filter((id) => !(notes.echoes ?? []).includes(id));
  if (echoes.length > 0) {
    notes.echoes = [...(notes.echoes ?? []), ...echoes].slice(-CARRIED_LIMIT);
    note(state, now, 'bridge', 'note_echo', `the bridge's own note(s) ${echoes.join(', ')}: not carried back`);
  }
  return state;
}

function arrow(direction: CarriedNote['direction']): string {
  return direction === 'toOnCall' ? 'ServiceNow -> OnCall:' : 'OnCall -> ServiceNow:';
}

/** Every id, on either side, of what the pair carried or met as its own. */
function knownIds(notes: PairNotes): string[] {
  const ids = notes.carried.flatMap((n) => [n.journalId, n.oncallNoteId]).filter((id) => id !== '');
  return [...new Set([...ids, ...(notes.echoes ?? [])])];
}
