/**
 * An operator reads which pair a workflow is from the Temporal Web UI's summary and details (the SDK's
 * workflow metadata), without opening its encrypted input.
 */
import { pairWorkflowId } from '../../workflows/ids';
import { basicAuth } from '../../src/integrations/http';
import { type Rig, type SetUpIntegration, useIntegrationRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';

interface WorkflowMetadata {
  currentDetails?: string;
}

describe('the summary of a pair in the Temporal Web UI', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  it('when OnCall creates an alert group, then its pair shows the group and title, and later the incident number', async () => {
    const sent = await fetch(integration.inboundUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        alert_uid: 'cpu-7',
        title: 'CPU at 100% on web-7',
        message: 'load 40',
        state: 'alerting',
      }),
    });
    expect(sent.status).toBe(200);
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === 'CPU at 100% on web-7'), {
      what: 'alert group',
    });
    const incident = await waitFor(
      async () => {
        const res = await fetch(
          `${rig.sn.url}/api/now/table/incident?sysparm_query=correlation_id=oncall:${group.id}`,
          {
            headers: { authorization: basicAuth('admin', 'admin'), accept: 'application/json' },
          },
        );
        return ((await res.json()) as { result: { number: string }[] }).result[0];
      },
      { what: 'incident' },
    );
    const handle = rig.bridge.client.workflow.getHandle(
      pairWorkflowId({ integrationId: integration.id, origin: 'oncall', sourceId: group.id }),
    );

    const description = await handle.describe();
    expect(await description.staticSummary()).toBe(`alert group ${group.id} · CPU at 100% on web-7`);
    const details = await waitFor(
      async () => {
        const metadata = await handle.query<WorkflowMetadata>('__temporal_workflow_metadata');
        return metadata.currentDetails?.includes(incident.number) ? metadata.currentDetails : undefined;
      },
      { what: 'current details with the incident number' },
    );
    expect(details).toContain(`**${incident.number} · alert group ${group.id} · CPU at 100% on web-7**`);
    expect(details).toContain(`- OnCall alert group: ${group.id}`);
  });
});
