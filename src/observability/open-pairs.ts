import type { Client } from '@temporalio/client';
import { parseIntegrationWorkflowId } from '../../workflows/ids';
import { IntegrationIdKey } from '../../workflows/search-attributes';
import type { BridgeMetrics } from './metrics';

/** Visibility is asked at most this often, however often Prometheus scrapes. */
const REFRESH_MS = 15_000;

/**
 * Sets `bridge_open_pairs` from Temporal visibility: one count of running pair workflows per integration
 * of this task queue. The count lives in Temporal, so any role can report it (Grafana takes the max).
 */
export function openPairsRefresher(metrics: BridgeMetrics, client: Client, taskQueue: string): () => Promise<void> {
  let last = 0;
  return async () => {
    if (Date.now() - last < REFRESH_MS) return;
    last = Date.now();
    const counts = new Map<string, number>();
    for (const id of await integrationIds(client, taskQueue)) {
      const query = `WorkflowType = 'pairWorkflow' AND ExecutionStatus = 'Running' AND ${IntegrationIdKey.name} = '${id}'`;
      counts.set(id, (await client.workflow.count(query)).count);
    }
    metrics.openPairs.reset();
    for (const [integration, count] of counts) metrics.openPairs.set({ integration }, count);
  };
}

async function integrationIds(client: Client, taskQueue: string): Promise<string[]> {
  const queue = taskQueue.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const query = `WorkflowType = 'integrationWorkflow' AND ExecutionStatus = 'Running' AND TaskQueue = '${queue}'`;
  const ids: string[] = [];
  for await (const info of client.workflow.list({ query })) {
    const id = parseIntegrationWorkflowId(info.workflowId);
    if (id) ids.push(id);
  }
  return ids;
}
