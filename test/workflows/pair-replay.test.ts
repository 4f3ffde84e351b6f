/**
 * Records the history of whole pair lifecycles and replays it against the current workflow code. With
 * `RECORD_HISTORIES=1` the histories are also written to test/fixtures/histories/, which the unit-tier
 * replay test keeps replaying so a non-deterministic change to the workflow fails CI.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { PairHarness, oncallPairId, servicenowPairId } from './pair-harness';

const FIXTURES = path.resolve(__dirname, '../fixtures/histories');

describe('pair workflow histories', () => {
  let harness: PairHarness;
  beforeAll(async () => {
    harness = await PairHarness.start();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  async function replayAndKeep(workflowId: string, name: string) {
    const history = await harness.env.client.workflow.getHandle(workflowId).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId);
    if (process.env.RECORD_HISTORIES === '1') {
      writeFileSync(path.join(FIXTURES, `${name}.json`), `${JSON.stringify(history, null, 1)}\n`);
    }
    return history.events?.length ?? 0;
  }

  it('replays a ServiceNow-born lifecycle (create, acknowledge in OnCall, resolve and close in ServiceNow)', async () => {
    const s = harness.scenario({ graceMs: 500 });
    const incident = s.sn.humanCreate({ short_description: 'Disk full on db-1', description: 'Volume at 100%' });
    const id = servicenowPairId(s, incident.sys_id);
    const { alertGroupId } = await s.waitForView(id, 'alert group learned', (v) => v.alertGroupId !== null);
    s.oc.humanAction(alertGroupId!, 'acknowledge');
    await waitFor(() => s.sn.incidents.get(incident.sys_id)?.state === '2');
    s.sn.humanUpdate(incident.sys_id, { state: '7', close_code: 'Solution provided', close_notes: 'fixed' });
    await s.pair(id).result();
    expect(await replayAndKeep(id, 'servicenow-born-lifecycle')).toBeGreaterThan(10);
  });

  it('replays an OnCall-born lifecycle with field sync (templates, updateOnChange, assign on acknowledge)', async () => {
    const fieldMapping = {
      incident: {
        urgency: "{{ 2 if alert_group.state == 'acknowledged' else 3 }}",
        assignment_group: 'Network',
        u_source: 'grafana',
      },
      updateOnChange: ['urgency'],
      assignOnAcknowledge: true,
    };
    const s = harness.scenario({ graceMs: 500 }, { fieldMapping });
    s.sn.records = {
      sys_user_group: [{ sys_id: '0123456789abcdef0123456789abcdef', name: 'Network' }],
      sys_user: [{ sys_id: 'fedcba9876543210fedcba9876543210', email: 'UALICE0000001@example.com' }],
    };
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, { title: 'Disk full', state: 'alerting' });
    const id = oncallPairId(s, groupId);
    const { incidentSysId } = await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    expect(s.sn.writes[0]?.fields).toMatchObject({
      urgency: '3',
      assignment_group: '0123456789abcdef0123456789abcdef',
      u_source: 'grafana',
    });
    s.oc.humanAction(groupId, 'acknowledge');
    await waitFor(() => s.sn.incidents.get(incidentSysId!)?.state === '2');
    expect(s.sn.writes[1]?.fields).toMatchObject({
      state: '2',
      urgency: '2',
      assigned_to: 'fedcba9876543210fedcba9876543210',
    });
    s.oc.humanAction(groupId, 'resolve');
    await waitFor(() => s.sn.incidents.get(incidentSysId!)?.state === '6');
    s.sn.humanUpdate(incidentSysId!, { state: '7', close_code: 'Solution provided', close_notes: 'closed' });
    await s.pair(id).result();
    expect(await replayAndKeep(id, 'oncall-born-lifecycle.fields')).toBeGreaterThan(10);
  });

  it('replays an OnCall-born lifecycle that continues as new', async () => {
    const s = harness.scenario({ graceMs: 500, historyLimit: 20 });
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, { title: 'CPU high', state: 'alerting' });
    const id = oncallPairId(s, groupId);
    const { incidentSysId } = await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    s.oc.humanAction(groupId, 'acknowledge');
    await waitFor(() => s.sn.incidents.get(incidentSysId!)?.state === '2');
    s.oc.humanAction(groupId, 'resolve');
    await waitFor(() => s.sn.incidents.get(incidentSysId!)?.state === '6');
    s.sn.humanUpdate(incidentSysId!, { state: '7', close_code: 'Solution provided', close_notes: 'closed' });
    await s.pair(id).result();
    expect(await replayAndKeep(id, 'oncall-born-lifecycle')).toBeGreaterThan(5);
  });
});
