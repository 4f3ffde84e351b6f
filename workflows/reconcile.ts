/**
 * `reconcileWorkflow`: one anti-entropy run for one integration, started by its Schedule (or the admin
 * API's "run now"). The scans run as activities because they read both systems and query the pairs; each
 * missed change is delivered to its pair as an ordinary event, so the pair's reducer decides what to write
 * and nothing already in sync is written.
 */
import { patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { bridgeMetrics } from './metrics-sinks';
import { addCounts, INITIAL_CURSOR, type ReconcileActivities, type ReconcileInput } from './reconcile-types';
import type { ReconcileResult, ScanInput, ScanResult } from './reconcile-types';

export const DEFAULT_RECONCILE_LIMIT = 250;

// A scan pages through one system and queries many pairs: minutes, not seconds. It heartbeats per pair,
// so a scan on a worker that died is retried soon rather than blocking the Schedule (which skips runs
// while one is open). Rate limits retry after their `Retry-After`; whatever still fails is retried by the
// next scheduled run, so the attempts are bounded here.
const scans = proxyActivities<ReconcileActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { maximumAttempts: 10, initialInterval: '2 seconds', maximumInterval: '30 seconds' },
});

export async function reconcileWorkflow(input: ReconcileInput): Promise<ReconcileResult> {
  const startedAt = new Date(workflowInfo().startTime).toISOString();
  const limit = input.limit ?? DEFAULT_RECONCILE_LIMIT;
  const cursor = input.cursor ?? INITIAL_CURSOR;
  const scan = { integrationId: input.integrationId, limit, cursor };
  const [incidents, groups] = await scanBothSides(scan);
  const active = incidents.active && groups.active;
  if (active) await scans.saveReconcileCursor({ integrationId: input.integrationId, cursor: groups.cursor });
  const counts = addCounts(incidents.counts, groups.counts);
  // Busy pairs are drift left for the next run; missed changes and adopted orphans were repaired now.
  const repaired = counts.missedChanges + counts.orphansAdopted;
  if (active) bridgeMetrics.reconciled(input.integrationId, repaired + counts.busy, repaired);
  return {
    integrationId: input.integrationId,
    active,
    more: incidents.more || groups.more,
    incidentsMore: incidents.more,
    groupsMore: groups.more,
    cursor: groups.cursor,
    startedAt,
    ...counts,
  };
}

/** Runs started before the scans went side by side (issue 20: a pass over 20,000 pairs) scan one after the other. */
const SIDE_BY_SIDE = 'reconcile-side-by-side';

/**
 * Each side advances its own part of the cursor, so the scans need not wait for each other: side by side
 * a run takes as long as its slower scan. The returned group scan's cursor carries both parts.
 */
async function scanBothSides(scan: ScanInput): Promise<[ScanResult, ScanResult]> {
  if (!patched(SIDE_BY_SIDE)) {
    const incidents = await scans.reconcileIncidents(scan);
    // The group scan starts from the incident scan's cursor so both advance in the one value saved.
    return [incidents, await scans.reconcileAlertGroups({ ...scan, cursor: incidents.cursor })];
  }
  const [incidents, groups] = await Promise.all([scans.reconcileIncidents(scan), scans.reconcileAlertGroups(scan)]);
  const cursor = {
    ...groups.cursor,
    incidentsSince: incidents.cursor.incidentsSince,
    incidentsOffset: incidents.cursor.incidentsOffset,
  };
  return [incidents, { ...groups, cursor }];
}
