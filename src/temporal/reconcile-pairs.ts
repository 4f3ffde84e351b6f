/**
 * Reconciliation's access to the pairs: their search-attribute marks from visibility, a pair's view
 * through its query, and a missed change delivered through the same signal-with-start the receiver uses.
 */
import { WorkflowNotFoundError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import type { PairAccess } from '../../activities/reconcile';
import type { PairMarks } from '../../activities/reconcile-events';
import { pairWorkflowId } from '../../workflows/ids';
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
    async marks(keys) {
      const ids = [...new Set(keys.map(pairWorkflowId))].filter((id) => PLAIN_ID.test(id));
      const newest = new Map<string, WorkflowExecutionInfo>();
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += IDS_PER_LIST) chunks.push(ids.slice(i, i + IDS_PER_LIST));
      // The lists of one scan page go out together: one after another they were most of a run's time
      // at 20,000 pairs (issue 20), and a page holds at most a few.
      await Promise.all(
        chunks.map(async (chunk) => {
          const list = chunk.map((id) => `'${id}'`).join(', ');
          for await (const execution of client.workflow.list({ query: `WorkflowId IN (${list})` })) {
            // A pair that completed and started again has several runs: the latest one is the pair.
            const seen = newest.get(execution.workflowId);
            if (!seen || seen.startTime < execution.startTime) newest.set(execution.workflowId, execution);
          }
        }),
      );
      return new Map([...newest].map(([id, execution]) => [id, marksOf(execution)]));
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

function marksOf(execution: WorkflowExecutionInfo): PairMarks {
  const attributes = execution.typedSearchAttributes;
  return {
    alertGroupId: attributes.get(AlertGroupIdKey) ?? null,
    incidentSysId: attributes.get(IncidentSysIdKey) ?? null,
    oncallState: attributes.get(OnCallStateKey) ?? null,
    servicenowState: attributes.get(ServiceNowStateKey) ?? null,
  };
}
