/**
 * A reconciliation pass over every open pair (issue 20): the integration's reconciliation runs one after
 * another, each bounded as the Schedule's are (`DEFAULT_RECONCILE_LIMIT` items per side), each starting
 * from the cursor the last one returned, until a run says nothing is left. Reports the pass's duration,
 * the bridge's outbound calls from both emulators' logs, the visibility calls (counts and lists) the runs made,
 * the pairs it had to query or signal, and the bridge's memory.
 */
import { Client } from '@temporalio/client';
import { parseKeyring } from '../../src/security/keyring';
import { createDataConverter, EncryptionCodec } from '../../src/temporal/codec';
import type { Integration } from '../common/bridge';
import { callsSince, markCalls } from '../common/calls';
import type { Emulators } from '../common/emulators';
import { cpuBetween, sample } from '../common/proc';
import type { StepResult } from '../common/step';
import type { ReconcileCursor, ReconcileResult } from '../../workflows/reconcile-types';
import { summarize } from '../common/stats';

export interface ReconcilePassInput {
  emulators: Emulators;
  integration: Integration;
  client: Client;
  /** The bridge's payload key: a run's input and result are encrypted like every pair's. */
  encryptionKey: string;
  bridgePid: number;
  taskQueue: string;
  openPairs: number;
}

const MAX_RUNS = 1000;

export async function reconcilePass(input: ReconcilePassInput): Promise<StepResult> {
  const codec = new EncryptionCodec(parseKeyring(input.encryptionKey));
  const client = new Client({ connection: input.client.connection, dataConverter: createDataConverter(codec) });
  const mark = await markCalls(input.emulators);
  const before = sample(input.bridgePid);
  const startedAt = Date.now();
  let cursor: ReconcileCursor | undefined;
  const runs: ReconcileResult[] = [];
  const runMs: number[] = [];
  // The pass is over once each side has covered everything once. The two sides end their cycles in
  // different runs (the incident scan reads each watermark second again), so waiting for a run in which
  // neither has more started the alert groups over and judged every group twice.
  let incidentsCovered = false;
  let groupsCovered = false;
  for (let i = 0; i < MAX_RUNS; i += 1) {
    const runStarted = Date.now();
    const result = await client.workflow.execute<(input: unknown) => Promise<ReconcileResult>>('reconcileWorkflow', {
      workflowId: `bench-reconcile-${startedAt.toString(36)}-${i}`,
      taskQueue: input.taskQueue,
      args: [{ integrationId: input.integration.id, ...(cursor ? { cursor } : {}) }],
    });
    runMs.push(Date.now() - runStarted);
    runs.push(result);
    cursor = result.cursor;
    // An incident scan within its bound reached the newest; a group scan within its bound wrapped.
    incidentsCovered ||= !result.incidentsMore;
    groupsCovered ||= !result.groupsMore;
    if (!result.more || (incidentsCovered && groupsCovered)) break;
  }
  const durationMs = Date.now() - startedAt;
  const after = sample(input.bridgePid);
  const sum = (pick: (r: ReconcileResult) => number) => runs.reduce((n, r) => n + pick(r), 0);
  const scanned = sum((r) => r.incidentsScanned + r.groupsScanned);
  const visibilityCalls = sum((r) => r.visibilityCalls);
  const calls = await callsSince(input.emulators, mark, 0, { quietMs: 1000 });
  const counts = {
    runs: runs.length,
    // Which side kept the pass going: the last run whose scan of each side found a full bound of items.
    lastFullIncidentRun: lastIndex(runs, (r) => r.incidentsScanned >= limitOf(runs)) + 1,
    lastFullGroupRun: lastIndex(runs, (r) => r.groupsScanned >= limitOf(runs)) + 1,
    incidentsScanned: sum((r) => r.incidentsScanned),
    groupsScanned: sum((r) => r.groupsScanned),
    inSync: sum((r) => r.inSync),
    busy: sum((r) => r.busy),
    missedChanges: sum((r) => r.missedChanges),
    orphansAdopted: sum((r) => r.orphansAdopted),
    pairsQueried: sum((r) => r.pairsQueried),
  };
  return {
    scenario: 'reconcile',
    step: `pass over ${input.openPairs} open pairs`,
    offeredRate: null,
    events: scanned,
    completed: counts.inSync,
    failed: counts.busy,
    throughput: scanned / Math.max(0.001, durationMs / 1000),
    latencyMs: summarize(runMs),
    cpuMsPerEvent: (cpuBetween(before, after) * 1000) / Math.max(1, scanned),
    rssMb: after.rssMb,
    extra: { durationMs, visibilityCalls, outboundCalls: calls, ...counts },
  };
}

function limitOf(runs: ReconcileResult[]): number {
  return Math.max(...runs.map((r) => Math.max(r.incidentsScanned, r.groupsScanned)));
}

function lastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (test(items[i]!)) return i;
  return -1;
}
