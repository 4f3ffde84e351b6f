/**
 * The cluster test tier (`npm run test:cluster`, not part of `npm test`): the bridge on a real Temporal
 * cluster, 1.30.1 on PostgreSQL, deployed by the project's own scripts, with one server and two worker
 * processes. It plays the seed scenario, then a load of pairs (CLUSTER_PAIRS, default 200) with a worker
 * killed by SIGKILL halfway through the births and the Temporal server restarted halfway through the
 * acknowledges, and counts every write both emulators saw: one incident per pair, one alert per alert
 * group, no state written twice. Prints the fault suite's summary line for each case.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { markLogs, summaryLine, tally } from '../faults/tally';
import { runBurst, setUpCaseIntegration, type CaseIntegration } from '../faults/workload';
import { SN_HUMAN } from '../helpers/e2e';
import { uniqueId, waitFor } from '../helpers/wait';
import { startClusterRig, type ClusterRig } from './rig';

const PAIRS = Number(process.env.CLUSTER_PAIRS ?? 200);
const log = (line: string) => process.stdout.write(`cluster: ${line}\n`);

async function reconcileNow(rig: ClusterRig, integrationId: string): Promise<number> {
  for (;;) {
    const res = await rig.admin('POST', `/api/v1/integrations/${integrationId}/reconcile`).catch(() => undefined);
    if (res?.status === 200) {
      const body = res.body as { missedChanges: number; orphansAdopted: number };
      return body.missedChanges + body.orphansAdopted;
    }
    await sleep(1000);
  }
}

async function asPerson(rig: ClusterRig, method: 'POST' | 'PATCH', route: string, fields: object) {
  const res = await fetch(`${rig.sn.url}/__emulator/incidents${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: SN_HUMAN.user_name, fields }),
  });
  expect(res.status).toBeLessThan(300);
  return ((await res.json()) as { result: Record<string, string> }).result;
}

const incident = (rig: ClusterRig, sysId: string) => rig.sn.store.rows('incident').get(sysId) as Record<string, string>;

describe('the bridge on a real Temporal cluster (server 1.30.1, PostgreSQL, one server and two workers)', () => {
  let rig: ClusterRig;
  let integration: CaseIntegration;

  beforeAll(async () => {
    rig = await startClusterRig(log);
    integration = await setUpCaseIntegration(rig, 'cluster tier');
  }, 600_000);
  afterAll(async () => {
    if (process.env.CLUSTER_DEBUG) process.stdout.write(rig?.output().slice(-20_000) ?? '');
    await rig?.close();
  }, 120_000);

  it('plays the seed scenario: a ServiceNow incident opens one alert group, an OnCall acknowledge sets In Progress, a ServiceNow resolve resolves the group; three writes in all', async () => {
    const marks = await markLogs(rig);
    const created = await asPerson(rig, 'POST', '', { short_description: 'Checkout down', description: 'HTTP 500s' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(created.number!)), {
      what: 'the alert group of the incident',
      timeoutMs: 120_000,
    });
    expect(group.title).toBe(`${created.number}: Checkout down`);

    const ack = await fetch(`${rig.oc.url}/api/v1/alert_groups/${group.id}/acknowledge/`, {
      method: 'POST',
      headers: { authorization: rig.humanKey },
    });
    expect(ack.status).toBe(200);
    await waitFor(() => incident(rig, created.sys_id!).state === '2', { what: 'In Progress', timeoutMs: 120_000 });

    await asPerson(rig, 'PATCH', `/${created.sys_id}`, {
      state: '6',
      close_code: 'Solution provided',
      close_notes: 'ok',
    });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'resolved', { what: 'resolved', timeoutMs: 120_000 });
    await rig.oc.idle();

    const figures = await tally(
      rig,
      integration,
      { groups: [], incidents: [created.sys_id!], events: 3, notedGroups: [], notedIncidents: [] },
      marks,
      {
        case: 'seed',
        fault: 'none',
        repaired: 0,
        seconds: 0,
      },
    );
    log(summaryLine(figures));
    // The alert posted once, In Progress written once, the resolve sent once, and nothing else.
    expect(figures).toMatchObject({ pairs: 1, lost: 0, duplicated: 0, extraStateWrites: 0, writes: 3 });
    expect(rig.oc.alertGroups().filter((g) => g.title?.includes(created.number!))).toHaveLength(1);
    expect(rig.oc.alertGroup(group.id)?.alerts_count).toBe(1);
  });

  it(`carries ${PAIRS} pairs through a worker killed with SIGKILL and a Temporal server restart: every pair ends right on both sides, each write made once`, async () => {
    const marks = await markLogs(rig);
    const started = Date.now();
    let repaired = 0;
    let background: Promise<void> = Promise.resolve();
    const pairs = await runBurst(rig, integration, {
      pairs: PAIRS,
      tag: uniqueId('cluster'),
      timeoutMs: 420_000,
      midPhase: async (phase) => {
        if (phase === 'births') {
          // The first worker dies mid-create (both origins); the second takes its tasks, a new one joins.
          await rig.killWorker();
          expect(rig.roles()).toEqual({ server: 1, workers: 1 });
          background = rig.startWorker();
        }
        if (phase === 'acks') {
          await background;
          // Changes keep coming while the server is down; their webhooks are answered 503.
          await rig.stopTemporal();
          background = sleep(5000).then(() => rig.startTemporal());
        }
      },
      // What a webhook refused during the outage lost, reconciliation (every 15 s here) brings back.
      whileWaiting: async () => {
        repaired += await reconcileNow(rig, integration.id);
      },
    });
    await background;
    await rig.oc.idle();
    const finalRepairs = await reconcileNow(rig, integration.id);
    const figures = await tally(rig, integration, pairs, marks, {
      case: 'cluster-load',
      fault: 'worker SIGKILL mid-births, Temporal server restart mid-acks',
      repaired,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    log(summaryLine(figures));
    expect(rig.roles()).toEqual({ server: 1, workers: 2 });
    expect(figures).toMatchObject({
      pairs: PAIRS,
      lost: 0,
      duplicated: 0,
      extraAlerts: 0,
      extraStateWrites: 0,
      extraIncidentWrites: 0,
    });
    expect(figures.writes).toBe(figures.expectedWrites);
    expect(finalRepairs).toBe(0);
  });
});
