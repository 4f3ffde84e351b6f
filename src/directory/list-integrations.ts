import type { Client } from '@temporalio/client';
import { parseIntegrationWorkflowId } from '../../workflows/ids';
import type { IntegrationSettings } from '../../workflows/settings';
import type { IntegrationDirectory } from './integration-directory';

/** Every active integration: running integration workflows from visibility, settings from the directory. */
export async function listIntegrations(
  client: Client,
  directory: IntegrationDirectory,
): Promise<IntegrationSettings[]> {
  const out: IntegrationSettings[] = [];
  const query = `WorkflowType = 'integrationWorkflow' AND ExecutionStatus = 'Running'`;
  for await (const info of client.workflow.list({ query })) {
    const id = parseIntegrationWorkflowId(info.workflowId);
    const settings = id ? await directory.get(id) : undefined;
    if (settings) out.push(settings);
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
