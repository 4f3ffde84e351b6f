/**
 * Runs a pair's note carries as activities after each event (bridge.md §9). Behind a patch: runs that
 * started before notes existed replay their histories without these activities.
 */
import { ApplicationFailure, patched, proxyActivities } from '@temporalio/workflow';
import type { NoteActivities } from '../activities/types';
import { serviceNowWrites } from './activity-options';
import { failureCause } from './pair-commands';
import { applyNotesOutcome, planNotes, type NotesCommand, type NotesOutcome } from './pair-notes';
import type { PairEvent, PairState } from './pair-types';

const NOTES_PATCH = 'notes-both-ways';

// Writes retry until they land, as state writes do: a note is never dropped for an outage.
const notes = proxyActivities<NoteActivities>(serviceNowWrites);

/**
 * Whether this run carries notes, decided once in its first workflow task, before any activity. A
 * `patched()` first called after a local activity can fall into a different workflow task on replay than
 * when the run first executed; the replaying worker then does not know the patch yet, and fails every task
 * of the pair as nondeterministic (seen after a worker was killed mid-create: the pair froze). Runs that
 * started before notes existed go on without them until they continue as new.
 */
export function notesPatched(): boolean {
  return patched(NOTES_PATCH);
}

export async function carryNotes(current: PairState, event: PairEvent, enabled: boolean): Promise<PairState> {
  if (!enabled) return current;
  const planned = planNotes(current, event);
  let state = planned.state;
  for (const command of planned.commands) {
    state = applyNotesOutcome(state, command, await run(command, state.key.integrationId), new Date().toISOString());
  }
  return state;
}

async function run(command: NotesCommand, integrationId: string): Promise<NotesOutcome> {
  try {
    const result =
      command.kind === 'carryJournalToOnCall'
        ? await notes.carryJournalToOnCall({ integrationId, ...command.input })
        : await notes.carryNotesToServiceNow({ integrationId, ...command.input });
    return { ok: true, result };
  } catch (error) {
    const cause = failureCause(error);
    if (!cause) throw error;
    const type = cause instanceof ApplicationFailure && cause.type ? cause.type : 'activity_failed';
    return { ok: false, type, message: cause.message };
  }
}
