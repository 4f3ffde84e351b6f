/**
 * Reconciliation's access to the pairs: read a pair's view through its query, and deliver a missed change
 * through the same signal-with-start the receiver uses.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { PairAccess } from '../../activities/reconcile';
import { pairWorkflowId } from '../../workflows/ids';
import { getPairQuery } from '../../workflows/messages';
import { createPairStarter } from './pair-starter';

export function createPairAccess(client: Client, taskQueue: string): PairAccess {
  const starter = createPairStarter(client, { taskQueue, patienceMs: 10_000 });
  return {
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
