/**
 * Runs a pair's note carries after each event (bridge.md §9), through `runCommand` like every other write,
 * so a failed carry is classified and logged the same way and lands on the timeline instead of failing the
 * run. Behind patches: runs that started before notes existed replay their histories without these
 * activities, runs from before lean reads replay a read of OnCall's notes on every OnCall event, and runs
 * from before the acknowledge was left out replay its read.
 */
import { patched } from '@temporalio/workflow';
import { runCommand } from './pair-commands';
import { applyNotesOutcome, planNotes, type NotesContext } from './pair-notes';
import type { PairEvent, PairState } from './pair-types';

const NOTES_PATCH = 'notes-both-ways';
const LEAN_READS_PATCH = 'notes-lean-reads';
const SKIP_ACKNOWLEDGE_PATCH = 'notes-skip-acknowledge';

/** What this run does with notes. */
export interface NotesFeatures {
  enabled: boolean;
  /** OnCall's notes are read only where something can have changed (`planNotes`). */
  leanReads: boolean;
  /** An acknowledge does not read OnCall's notes (`planNotes`). */
  skipAcknowledge: boolean;
}

/**
 * Decided once in the run's first workflow task, before any activity. A `patched()` first called after a
 * local activity can fall into a different workflow task on replay than when the run first executed; the
 * replaying worker then does not know the patch yet, and fails every task of the pair as nondeterministic
 * (seen after a worker was killed mid-create: the pair froze). Runs that started before a patch go on
 * without it until they continue as new.
 */
export function notesPatched(): NotesFeatures {
  const enabled = patched(NOTES_PATCH);
  const leanReads = enabled && patched(LEAN_READS_PATCH);
  return { enabled, leanReads, skipAcknowledge: leanReads && patched(SKIP_ACKNOWLEDGE_PATCH) };
}

export async function carryNotes(
  current: PairState,
  event: PairEvent,
  features: NotesFeatures,
  context: NotesContext,
): Promise<PairState> {
  if (!features.enabled) return current;
  const readsOnAcknowledge = !features.skipAcknowledge;
  const rule = features.leanReads ? context : { dropped: false, oncallQueued: false };
  const planned = planNotes(current, event, { ...rule, readsOnAcknowledge });
  let state = planned.state;
  for (const command of planned.commands) {
    const outcome = await runCommand(command, state.key.integrationId);
    state = applyNotesOutcome(state, command, outcome, new Date().toISOString());
  }
  return state;
}
