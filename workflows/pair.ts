/**
 * One long-lived workflow per alert-group/incident pair. Signals only de-duplicate and enqueue; the main
 * loop applies events one at a time through the pure reducer and runs its commands as activities.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { PairKey } from './ids';
import { getPairQuery, pairEventSignal, type PairView } from './messages';
import { inTraceOf } from './event-trace';
import { runCommand } from './pair-commands';
import { countDuplicate, countEvent, countWrite, dropReason } from './pair-metrics';
import { carryNotes, notesPatched, type NotesFeatures } from './pair-notes-run';
import { isPairDone, reducePair } from './pair-reducer';
import { initialPairState, rememberKey } from './pair-state';
import type { PairEvent, PairInput, PairState } from './pair-types';
import { syncVisibility } from './pair-visibility';

export interface PairWorkflowOptions {
  /** How long a finished pair (Closed and resolved) waits for late events before completing. @default 1 h */
  graceMs?: number;
  /** History length after which the run continues as new, besides the server's suggestion. @default 2000 */
  historyLimit?: number;
}

export interface PairWorkflowInput {
  key: PairKey;
  options?: PairWorkflowOptions;
  /** Carried across continue-as-new. */
  state?: PairState;
  queue?: PairEvent[];
}

export interface PairOutcome {
  view: PairView;
}

/** What a run does beyond the first release, each decided by a patch in the run's first workflow task. */
interface RunFeatures {
  notes: NotesFeatures;
  /** An OnCall event that contradicts the pair is re-read before it is written (`pair-trust.ts`). */
  distrust: boolean;
}

const DISTRUST_PATCH = 'oncall-distrust';

const DEFAULT_GRACE_MS = 60 * 60 * 1000;
const DEFAULT_HISTORY_LIMIT = 2000;
/**
 * The most queued events carried into the next run. A run's input is one payload, refused by the server
 * above 2 MB; events are bounded by the receiver to about 10 KB each plus their settings, so a longer queue
 * is worked off first (the history still grows only by bounded events).
 */
const CARRY_LIMIT = 50;

export async function pairWorkflow(input: PairWorkflowInput): Promise<PairOutcome> {
  const features: RunFeatures = { notes: notesPatched(), distrust: patched(DISTRUST_PATCH) };
  let state = input.state ?? initialPairState(input.key);
  const queue: PairEvent[] = [...(input.queue ?? [])];
  const graceMs = input.options?.graceMs ?? DEFAULT_GRACE_MS;
  const historyLimit = input.options?.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const memoTitle = { current: (workflowInfo().memo?.title as string | undefined) ?? null };

  // Kept apart from the reducer's state because the handler runs while the main loop awaits activities.
  const seenKeys = [...state.seenKeys];
  setHandler(pairEventSignal, (event) => {
    // Webhooks are delivered more than once (OnCall re-sends on timeouts): drop repeats by key.
    if (event.key !== null && rememberKey(seenKeys, event.key)) return countDuplicate(event);
    queue.push(event);
  });
  setHandler(getPairQuery, () => toView(state, queue.length));

  for (;;) {
    if (shouldContinueAsNew(historyLimit) && queue.length <= CARRY_LIMIT) {
      // Let in-flight handlers finish so no signal is lost, then carry the state and the undrained queue.
      await condition(allHandlersFinished);
      const carried = { ...state, seenKeys };
      await continueAsNew<typeof pairWorkflow>({ key: input.key, options: input.options, state: carried, queue });
    }
    if (queue.length === 0) {
      if (isPairDone(state)) {
        // A finished pair lingers for late duplicates; an event after it completes starts a fresh run.
        const more = await condition(() => queue.length > 0, graceMs);
        if (!more && queue.length === 0) break;
      } else {
        // Wake for the next event, or to continue as new when the server asks.
        await condition(() => queue.length > 0 || workflowInfo().continueAsNewSuggested);
        continue;
      }
    }
    const event = queue.shift();
    // In the trace of the webhook that sent it, when the worker traces (a no-op otherwise).
    if (event) state = await inTraceOf(event, () => apply(state, event, queue, memoTitle, features));
  }
  log.info('pair done', { integrationId: state.key.integrationId, origin: state.key.origin });
  return { view: toView(state, 0) };
}

function shouldContinueAsNew(historyLimit: number): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > historyLimit;
}

/** Applies one event and every activity result it leads to, then updates search attributes and memo. */
async function apply(
  initial: PairState,
  event: PairEvent,
  queue: readonly PairEvent[],
  memoTitle: { current: string | null },
  features: RunFeatures,
): Promise<PairState> {
  let state = initial;
  const takenUpMs = Date.now();
  // Asked before any command of the event runs (a patch marker after a local activity's marker in the same
  // task does not replay), and only for events that carry fields, so histories from before replay as is.
  const fieldSync = state.fields !== undefined || (carriesFields(event) && patched(FIELD_SYNC));
  const inputs: PairInput[] = [event];
  let dropped = false;
  for (let input = inputs.shift(); input; input = inputs.shift()) {
    const reduction = reducePair(state, input, new Date().toISOString(), { fieldSync, distrust: features.distrust });
    if (input === event) {
      countEvent(event, state, reduction.state);
      dropped = dropReason(event, state, reduction.state) !== undefined;
    } else countWrite(event, input, takenUpMs);
    state = reduction.state;
    for (const command of reduction.commands) {
      inputs.push(await runCommand(command, state.key.integrationId, { sentAt: event.sentAt, queue }));
    }
  }
  const context = { dropped, oncallQueued: queue.some((next) => next.source === 'oncall') };
  state = await carryNotes(state, event, features.notes, context);
  syncVisibility(state, memoTitle);
  return state;
}

/** Runs that started before field sync (bridge.md §8.2, §8.3) keep only the state. */
const FIELD_SYNC = 'field-sync';

function carriesFields(event: PairEvent): boolean {
  if (event.source === 'oncall') return event.rendered !== undefined || event.settings.fieldMapping !== undefined;
  return event.incident.fields !== undefined;
}

function toView(state: PairState, queued: number): PairView {
  return {
    integrationId: state.key.integrationId,
    origin: state.key.origin,
    alertGroupId: state.oncall.alertGroupId,
    incidentSysId: state.servicenow.sysId,
    incidentNumber: state.servicenow.number,
    oncallState: state.oncall.state,
    servicenowState: state.servicenow.state,
    title: state.title,
    alertGroupUrl: state.oncall.permalink,
    updatedAt: state.updatedAt,
    done: isPairDone(state),
    desired: state.desired,
    pending: state.pending,
    lastError: state.lastError,
    queued,
    timeline: state.timeline,
    notes: state.notes?.carried ?? [],
  };
}
