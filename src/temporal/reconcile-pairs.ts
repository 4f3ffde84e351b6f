/**
 * Reconciliation's access to the pairs: their search-attribute marks from visibility, a pair's view
 * through its query, and a missed change delivered through the same signal-with-start the receiver uses.
 */
import { WorkflowNotFoundError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import type { PairAccess } from '../../activities/reconcile';
import type { ExpectedMarks, PairMarks } from '../../activities/reconcile-events';
import { pairWorkflowId, type PairKey } from '../../workflows/ids';
import { getPairQuery } from '../../workflows/messages';
import {
  AlertGroupIdKey,
  IncidentSysIdKey,
  OnCallStateKey,
  ServiceNowStateKey,
} from '../../workflows/search-attributes';
import { createPairStarter } from './pair-starter';

/** Ids per list call: a visibility query has a length limit. */
const IDS_PER_LIST = 100;
/** Ids that need no quoting in a visibility query; any other pair is simply queried. */
const PLAIN_ID = /^[\w./:-]+$/;

export function createPairAccess(client: Client, taskQueue: string): PairAccess {
  const starter = createPairStarter(client, { taskQueue, patienceMs: 10_000 });
  return {
    async confirmed(expected, tally) {
      const batches = confirmableBatches(expected);
      const confirmed = new Set<string>();
      // A count costs the server a fraction of a list of the same pairs, whose every row it must build
      // (issue 20: most of a run's time at 20,000 pairs); the batches of a scan page go out together.
      await Promise.all(
        batches.map(async ({ ids, marks }) => {
          const [idKey, stateKey] = ATTRIBUTES[marks[0]!.side];
          const query = [
            `WorkflowId IN (${quoted(ids)})`,
            // At most one run of a workflow id is running, so the count is one per pair that agrees (a pair
            // showing another item's id of the batch would need two pairs to claim one record).
            equalsWithoutIndex('ExecutionStatus', 'Running'),
            `${idKey.name} IN (${quoted(marks.map((m) => m.id))})`,
            equalsWithoutIndex(stateKey.name, marks[0]!.state),
          ].join(' AND ');
          if (tally) tally.visibilityCalls += 1;
          const { count } = await client.workflow.count(query);
          if (count === ids.length) for (const id of ids) confirmed.add(id);
        }),
      );
      return confirmed;
    },
    async marks(keys, tally) {
      const ids = [...new Set(keys.map(pairWorkflowId))].filter((id) => PLAIN_ID.test(id));
      const newest = new Map<string, WorkflowExecutionInfo>();
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += IDS_PER_LIST) chunks.push(ids.slice(i, i + IDS_PER_LIST));
      // The lists of one scan page go out together: one after another they were most of a run's time
      // at 20,000 pairs (issue 20), and a page holds at most a few.
      await Promise.all(
        chunks.map(async (chunk) => {
          if (tally) tally.visibilityCalls += 1;
          for await (const execution of client.workflow.list({ query: `WorkflowId IN (${quoted(chunk)})` })) {
            // A pair that completed and started again has several runs: the latest one is the pair.
            const seen = newest.get(execution.workflowId);
            if (!seen || seen.startTime < execution.startTime) newest.set(execution.workflowId, execution);
          }
        }),
      );
      // A listed id without a run is known to have none: null, unlike an id that could not be listed.
      return new Map(
        ids.map((id) => {
          const execution = newest.get(id);
          return [id, execution ? marksOf(execution) : null];
        }),
      );
    },
    async view(key) {
      const handle = client.workflow.getHandle(pairWorkflowId(key));
      try {
        // A completed run still answers (the worker replays it), so one query tells both apart from "never".
        return { view: await handle.query(getPairQuery) };
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return undefined;
        throw error;
      }
    },
    deliver: (key, event) => starter.deliver(pairWorkflowId(key), key, event),
  };
}

/** The search attributes that show a side's id and state. */
const ATTRIBUTES = {
  incident: [IncidentSysIdKey, ServiceNowStateKey],
  group: [AlertGroupIdKey, OnCallStateKey],
} as const;

/**
 * An equality written as `NOT (a != b)`, which no index serves. SQLite (the dev server's visibility) has no
 * statistics and prefers an index on an equality over one on an id list: `ExecutionStatus = 'Running'`
 * made each count read every running pair (issue 20: 60-80 ms per count at 20,000 pairs, most of a run),
 * while the id lists find the batch's hundred rows directly.
 */
function equalsWithoutIndex(attribute: string, value: string): string {
  return `NOT (${attribute} != '${value}')`;
}

function quoted(values: string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/**
 * The pairs a count can confirm, in batches of one side and one state: each pair once (a pair two items
 * of a page lead to is listed instead), with ids and values that need no quoting.
 */
function confirmableBatches(expected: { key: PairKey; marks: ExpectedMarks }[]) {
  const byId = new Map<string, ExpectedMarks | null>();
  for (const { key, marks } of expected) {
    const id = pairWorkflowId(key);
    const plain = PLAIN_ID.test(id) && PLAIN_ID.test(marks.id) && PLAIN_ID.test(marks.state);
    byId.set(id, byId.has(id) || !plain ? null : marks);
  }
  const groups = new Map<string, { ids: string[]; marks: ExpectedMarks[] }>();
  for (const [id, marks] of byId) {
    if (!marks) continue;
    const name = `${marks.side}:${marks.state}`;
    const group = groups.get(name) ?? { ids: [], marks: [] };
    group.ids.push(id);
    group.marks.push(marks);
    groups.set(name, group);
  }
  return [...groups.values()].flatMap(({ ids, marks }) => {
    const batches: { ids: string[]; marks: ExpectedMarks[] }[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_LIST) {
      batches.push({ ids: ids.slice(i, i + IDS_PER_LIST), marks: marks.slice(i, i + IDS_PER_LIST) });
    }
    return batches;
  });
}

function marksOf(execution: WorkflowExecutionInfo): PairMarks {
  const attributes = execution.typedSearchAttributes;
  return {
    alertGroupId: attributes.get(AlertGroupIdKey) ?? null,
    incidentSysId: attributes.get(IncidentSysIdKey) ?? null,
    oncallState: attributes.get(OnCallStateKey) ?? null,
    servicenowState: attributes.get(ServiceNowStateKey) ?? null,
  };
}
