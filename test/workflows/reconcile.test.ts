/**
 * Reconciliation on the real dev server with both emulators and the real bridge: webhooks switched off in
 * OnCall, a revoked Business Rule token in ServiceNow, and then one run that repairs exactly the drift.
 */
import { createOnCallClient } from '../../src/integrations/oncall';
import { basicAuth } from '../../src/integrations/http';
import { createPairAccess } from '../../src/temporal/reconcile-pairs';
import { reconcileScheduleId } from '../../src/temporal/schedules';
import { pairWorkflowId } from '../../workflows/ids';
import type { ReconcileResult } from '../../workflows/reconcile-types';
import {
  oncallAction,
  revokeInstalledBusinessRule,
  setUpIntegration,
  snAsPerson,
  startRig,
  type Rig,
  type SetUpIntegration,
} from '../helpers/e2e';
import { waitFor } from '../helpers/wait';

type Row = Record<string, string>;

async function incidents(rig: Rig, query: string): Promise<Row[]> {
  const res = await fetch(`${rig.sn.url}/api/now/table/incident?sysparm_query=${encodeURIComponent(query)}`, {
    headers: { authorization: basicAuth('admin', 'admin'), accept: 'application/json' },
  });
  return ((await res.json()) as { result: Row[] }).result;
}

async function sendAlert(url: string, alertUid: string, title: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ alert_uid: alertUid, title, message: 'reconcile test', state: 'alerting' }),
  });
  expect(res.status).toBe(200);
}

/** Writes by the bridge to either system, from the emulators' own request logs. */
async function bridgeWrites(rig: Rig): Promise<number> {
  const sn = (await (await fetch(`${rig.sn.url}/__emulator/requests`)).json()) as { method: string; path: string }[];
  const oc = (await (await fetch(`${rig.oc.url}/__emulator/requests`)).json()) as { method: string; path: string }[];
  const snWrites = sn.filter((r) => r.method !== 'GET' && r.path.startsWith('/api/now/table/incident'));
  const ocWrites = oc.filter((r) => r.method === 'POST' && /alert_groups|integrations\/v1/.test(r.path));
  return snWrites.length + ocWrites.length;
}

describe('reconciliation repairs drift that webhooks missed', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  const reconcile = async (): Promise<ReconcileResult> => {
    const res = await rig.admin('POST', `/api/v1/integrations/${integration.id}/reconcile`);
    expect(res.status).toBe(200);
    return res.body as ReconcileResult;
  };
  const groupByTitle = (title: string) =>
    waitFor(() => rig.oc.alertGroups().find((g) => g.title === title), { what: `alert group ${title}` });

  beforeAll(async () => {
    rig = await startRig();
    integration = await setUpIntegration(rig);
    // The test runs reconciliation itself; a scheduled run at a 5-minute boundary would share the work.
    await rig.bridge.client.schedule.getHandle(reconcileScheduleId(integration.id)).pause('test drives runs');
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('when an integration is set up, then its Schedule runs reconcileWorkflow every BRIDGE_RECONCILE_INTERVAL', async () => {
    const described = await rig.bridge.client.schedule.getHandle(reconcileScheduleId(integration.id)).describe();
    expect(described.action.workflowType).toBe('reconcileWorkflow');
    expect(described.spec.intervals).toMatchObject([{ every: rig.config.reconcileIntervalMs }]);
  });

  it('when OnCall webhooks are off, then a lost creation is adopted, a lost acknowledge is carried, and a second run writes nothing', async () => {
    await sendAlert(integration.inboundUrl, 'rec-1', 'Reconcile known group');
    const known = await groupByTitle('Reconcile known group');
    await waitFor(async () => (await incidents(rig, `correlation_id=oncall:${known.id}`)).length === 1, {
      what: 'incident of the known group',
    });
    const oncall = createOnCallClient({ apiUrl: rig.oc.url, apiToken: rig.botKey });
    const webhooks = (await oncall.listWebhooks()).results;
    for (const webhook of webhooks)
      await oncall.updateWebhook(webhook.id, {
        is_webhook_enabled: false,
        integration_filter: webhook.integration_filter,
      });

    expect(await oncallAction(rig, known.id, 'acknowledge')).toBe(200);
    await sendAlert(integration.inboundUrl, 'rec-2', 'Reconcile orphan group');
    const orphan = await groupByTitle('Reconcile orphan group');

    const first = await reconcile();
    expect(first.orphansAdopted).toBeGreaterThanOrEqual(1);
    expect(first.missedChanges).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await incidents(rig, `correlation_id=oncall:${known.id}`))[0]?.state === '2', {
      what: 'the missed acknowledge reaching ServiceNow',
    });
    await waitFor(async () => (await incidents(rig, `correlation_id=oncall:${orphan.id}`)).length === 1, {
      what: 'an incident for the orphan group',
    });
    const pairPath = `/api/v1/pairs/${encodeURIComponent(`pair/${integration.id}/oncall/${known.id}`)}`;
    await waitFor(
      async () => {
        const kinds = ((await rig.admin('GET', pairPath)).body.timeline as { kind: string }[]).map((e) => e.kind);
        return kinds.includes('reconciled') && kinds.includes('acknowledge') && kinds.includes('incident_updated');
      },
      { what: 'the repair on the pair timeline' },
    );

    const writesBefore = await bridgeWrites(rig);
    const second = await reconcile();
    expect(second).toMatchObject({ missedChanges: 0, orphansAdopted: 0, pairsCreated: 0 });
    expect(second.inSync).toBeGreaterThanOrEqual(2);
    // Pairs in sync show it in their search attributes: the run lists them instead of querying each one.
    expect(second.pairsQueried).toBeLessThan(second.incidentsScanned + second.groupsScanned);
    expect(await bridgeWrites(rig)).toBe(writesBefore);
    expect(await incidents(rig, `correlation_id=oncall:${orphan.id}`)).toHaveLength(1);
    for (const webhook of webhooks)
      await oncall.updateWebhook(webhook.id, {
        is_webhook_enabled: true,
        integration_filter: webhook.integration_filter,
      });
  });

  it('when the Business Rule token is revoked, then a lost incident gets its alert group and a lost state change moves it', async () => {
    const before = await snAsPerson(rig, 'POST', '', { short_description: 'Reconcile known incident' });
    const knownGroup = await waitFor(
      () => rig.oc.alertGroups().find((g) => g.title?.includes('Reconcile known incident')),
      { what: "the known incident's alert group" },
    );
    await revokeInstalledBusinessRule(rig, integration);
    await snAsPerson(rig, 'PATCH', `/${before.sys_id}`, { state: '2' });
    const lost = await snAsPerson(rig, 'POST', '', { short_description: 'Reconcile orphan incident' });

    const first = await reconcile();
    expect(first.orphansAdopted).toBeGreaterThanOrEqual(1);
    expect(first.missedChanges).toBeGreaterThanOrEqual(1);
    expect(first.pairsCreated).toBeGreaterThanOrEqual(1);
    await waitFor(() => rig.oc.alertGroups().find((g) => g.id === knownGroup.id)?.state === 'acknowledged', {
      what: 'the missed In Progress reaching OnCall',
    });
    await waitFor(() => rig.oc.alertGroups().some((g) => g.title?.includes('Reconcile orphan incident')), {
      what: 'an alert group for the lost incident',
    });
    const second = await reconcile();
    expect(second).toMatchObject({ missedChanges: 0, orphansAdopted: 0 });
    expect(rig.oc.alertGroups().filter((g) => g.title?.includes(lost.number ?? '-'))).toHaveLength(1);
  });

  it('when a run is bounded, then it stops at the bound and says there is more', async () => {
    const result = await rig.bridge.client.workflow.execute('reconcileWorkflow', {
      workflowId: `${reconcileScheduleId(integration.id)}/bounded-${Date.now()}`,
      taskQueue: rig.config.temporal.taskQueue,
      args: [{ integrationId: integration.id, limit: 1 }],
    });
    expect(result).toMatchObject({
      incidentsScanned: 1,
      groupsScanned: 1,
      more: true,
      incidentsMore: true,
      groupsMore: true,
    });
  });

  it('when pairs show what their groups show, then a count confirms them, and a pair that does not (or none) spoils only its own batch', async () => {
    const access = createPairAccess(rig.bridge.client, rig.config.temporal.taskQueue);
    const known = await groupByTitle('Reconcile known group');
    const orphan = await groupByTitle('Reconcile orphan group');
    const expectation = (id: string, state: string) => ({
      key: { integrationId: integration.id, origin: 'oncall' as const, sourceId: id },
      marks: { side: 'group' as const, id, state },
    });
    const tally = { visibilityCalls: 0 };
    const agreeing = [expectation(known.id, known.state), expectation(orphan.id, orphan.state)];
    expect(known.state).not.toBe(orphan.state);
    await waitFor(async () => (await access.confirmed(agreeing, tally)).size === 2, {
      what: 'both pairs confirmed by their counts',
    });
    // One count per side and state.
    expect(tally.visibilityCalls % 2).toBe(0);
    const stale = await access.confirmed([expectation(known.id, 'resolved'), expectation(orphan.id, orphan.state)]);
    expect([...stale]).toEqual([pairWorkflowId(agreeing[1]!.key)]);
    const missing = await access.confirmed([
      expectation('INOPAIR000001', orphan.state),
      expectation(orphan.id, orphan.state),
    ]);
    expect(missing.size).toBe(0);
  });

  it('refuses a caller without the admin token and an unknown integration', async () => {
    const res = await fetch(`${rig.bridgeUrl}/api/v1/integrations/${integration.id}/reconcile`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect((await rig.admin('POST', '/api/v1/integrations/inope/reconcile')).status).toBe(404);
  });

  it('when the integration is deleted, then its Schedule is deleted too', async () => {
    expect((await rig.admin('DELETE', `/api/v1/integrations/${integration.id}`)).status).toBe(200);
    await expect(rig.bridge.client.schedule.getHandle(reconcileScheduleId(integration.id)).describe()).rejects.toThrow(
      /not found/i,
    );
  });
});
