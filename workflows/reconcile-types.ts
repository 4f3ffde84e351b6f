/**
 * The contract of reconciliation (anti-entropy): its workflow input and result, the watermark carried from
 * run to run, and the activities that scan one side each. Shared by the workflow, the activities, the
 * Schedule and the admin route.
 */

/** Where the next run starts. Carried in the Schedule's action arguments (see src/temporal/schedules.ts). */
export interface ReconcileCursor {
  /** Table API date-time (`YYYY-MM-DD HH:mm:ss`, UTC): incidents updated at or after it are scanned. */
  incidentsSince: string | null;
  /** Incidents at `incidentsSince` to skip: non-zero only while a burst bigger than the bound shares that second. */
  incidentsOffset: number;
  /** Next page of alert groups per covered OnCall integration; wraps to 1 after the last page. */
  groupPages: Record<string, number>;
  /** Groups at the start of that page already scanned (a run's bound fell inside it); absent in older cursors. */
  groupsDone?: Record<string, number>;
  /** Passes over all groups completed; turns which groups' notes a page reads (absent in older cursors). */
  groupPasses?: number;
}

export interface ReconcileInput {
  integrationId: string;
  /** At most this many incidents and this many alert groups per run. @default 250 */
  limit?: number;
  cursor?: ReconcileCursor;
}

/** What one scan found and repaired; summed over both sides in the run's result. */
export interface ReconcileCounts {
  incidentsScanned: number;
  groupsScanned: number;
  /** Items whose pair already knows their current state: nothing is sent. */
  inSync: number;
  /** Items whose pair is busy (events queued or a write in flight): left for the next run. */
  busy: number;
  /** Items the bridge does not pair (its own records without a pair, groups older than the integration). */
  skipped: number;
  /** Changes a pair had not seen, delivered to it as ordinary events. */
  missedChanges: number;
  /** Items without a pair (their "created" event was lost) that got one. */
  orphansAdopted: number;
  /** Pairs told of a person's note they had not carried (its signal was lost, or OnCall sends none). */
  notesNudged: number;
  /** Pair workflows this run started where none had ever run (adopted orphans). */
  pairsCreated: number;
  /** Pairs asked for their view: those whose search attributes did not already show the item's state. */
  pairsQueried: number;
  /** Calls to Temporal's visibility (counts and lists) that judged the scanned items. */
  visibilityCalls: number;
}

export interface ReconcileResult extends ReconcileCounts {
  integrationId: string;
  /** False when the integration no longer exists; the run then did nothing. */
  active: boolean;
  /** True when a bound was hit: the rest continues in the next run. */
  more: boolean;
  /** The incident scan stopped at its bound: newer updated incidents are left for the next run. */
  incidentsMore: boolean;
  /** The alert-group scan stopped at its bound rather than wrapping to the first page: the pass goes on. */
  groupsMore: boolean;
  cursor: ReconcileCursor;
  startedAt: string;
}

export interface ScanInput {
  integrationId: string;
  limit: number;
  cursor: ReconcileCursor;
}

export interface ScanResult {
  counts: ReconcileCounts;
  cursor: ReconcileCursor;
  more: boolean;
  active: boolean;
}

export interface ReconcileActivities {
  reconcileIncidents(input: ScanInput): Promise<ScanResult>;
  reconcileAlertGroups(input: ScanInput): Promise<ScanResult>;
  /** Stores the watermark for the next scheduled run; a missing Schedule is not an error. */
  saveReconcileCursor(input: { integrationId: string; cursor: ReconcileCursor }): Promise<void>;
}

export function emptyCounts(): ReconcileCounts {
  return {
    incidentsScanned: 0,
    groupsScanned: 0,
    inSync: 0,
    busy: 0,
    skipped: 0,
    missedChanges: 0,
    orphansAdopted: 0,
    notesNudged: 0,
    pairsCreated: 0,
    pairsQueried: 0,
    visibilityCalls: 0,
  };
}

/** Partial: the scan results of runs from before a count existed (replayed from history) lack it. */
export function addCounts(a: Partial<ReconcileCounts>, b: Partial<ReconcileCounts>): ReconcileCounts {
  const out = emptyCounts();
  for (const name of Object.keys(out) as (keyof ReconcileCounts)[]) out[name] = (a[name] ?? 0) + (b[name] ?? 0);
  return out;
}

export const INITIAL_CURSOR: ReconcileCursor = { incidentsSince: null, incidentsOffset: 0, groupPages: {} };
