/**
 * The running integration workflows of this deployment's task queue (from
 * visibility), each read through the directory. The shared Temporal namespace may hold integration
 * workflows of other deployments (or stopped ones) that no worker here answers; they are left out, and an
 * integration whose query fails is skipped rather than failing the whole list.
 */
import type { Client } from '@temporalio/client';
import { parseIntegrationWorkflowId } from '../../workflows/ids';
import type { IntegrationSettings } from '../../workflows/settings';
import type { IntegrationDirectory } from './integration-directory';
import { TemporalUnavailableError } from '../temporal/temporal-errors';

export interface ListIntegrationsDeps {
  client: Client;
  directory: IntegrationDirectory;
  taskQueue: string;
}

export async function listOwnIntegrations({
  client,
  directory,
  taskQueue,
}: ListIntegrationsDeps): Promise<IntegrationSettings[]> {
  const query = [
    `WorkflowType = 'integrationWorkflow'`,
    `ExecutionStatus = 'Running'`,
    `TaskQueue = '${taskQueue.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  ].join(' AND ');
  const ids: string[] = [];
  for await (const info of client.workflow.list({ query })) {
    const id = parseIntegrationWorkflowId(info.workflowId);
    if (id) ids.push(id);
  }
  const read = await Promise.all(ids.map((id) => readOrSkip(directory, id)));
  return read
    .filter((settings): settings is IntegrationSettings => settings !== undefined)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function readOrSkip(directory: IntegrationDirectory, id: string): Promise<IntegrationSettings | undefined> {
  try {
    return await directory.get(id);
  } catch (error) {
    if (error instanceof TemporalUnavailableError) return undefined;
    throw error;
  }
}
