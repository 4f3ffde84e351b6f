/**
 * SIGTERM while activities fail and wait: the worker process must stop within its grace and exit 0, its
 * in-flight activities handed back to Temporal (retried on the next worker, nothing lost). The bridge's calls
 * take no abort signal, so an activity that ignored the worker's cancellation held the shutdown until the
 * process's 30 s deadline exited it with status 1 (issue 13, item 9).
 */
import type { WorkflowClient } from '@temporalio/client';
import { setUpIntegration, snAsPerson, startRig, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { pairView, servicenowPairKey } from '../e2e/support/actions';
import { startWorkerProcess, type WorkerProcess } from '../e2e/support/worker-process';
import { pairWorkflowId } from '../../workflows/ids';

async function fault(url: string, body: object): Promise<void> {
  const res = await fetch(`${url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`fault refused: ${res.status}`);
}

async function requests(url: string): Promise<{ status: number | null }[]> {
  return (await fetch(`${url}/__emulator/requests`)).json() as Promise<{ status: number | null }[]>;
}

/** An incident raised by a person, and the alert group the bridge opened for it. */
async function raised(rig: Rig, integration: SetUpIntegration, title: string) {
  const incident = await snAsPerson(rig, 'POST', '', { short_description: title });
  const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(incident.number!)), {
    what: `alert group for ${title}`,
  });
  // The pair has heard of its group, so a change in ServiceNow becomes a move (not a look-up first).
  const key = servicenowPairKey(integration, incident.sys_id!);
  await waitFor(async () => (await pairView(rig, key)).oncallState === 'firing', { what: `${title} paired` });
  return { incident, group };
}

/** Whether the pair has an activity running in the worker now (started, not waiting for a retry). */
async function activityRunning(client: WorkflowClient, workflowId: string): Promise<boolean> {
  const { raw } = await client.getHandle(workflowId).describe();
  return (raw.pendingActivities ?? []).some((activity) => Number(activity.state) === 2);
}

describe('SIGTERM while activities fail', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    rig = await startRig({ worker: false });
    worker = await startWorkerProcess({ ...rig.env, BRIDGE_LOG_LEVEL: 'info' });
    integration = await setUpIntegration(rig);
  });
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await rig?.close();
  });

  it('when SIGTERM comes while a write waits out a rate limit and ServiceNow fails, then the worker exits 0 within its grace and the write lands on the next worker', async () => {
    const first = await raised(rig, integration, 'Rate-limited first');
    const second = await raised(rig, integration, 'Rate-limited second');
    // OnCall refuses the first acknowledge with a long Retry-After: the worker's other OnCall calls of this
    // integration then wait it out in the worker (the shared budget), and ServiceNow's answers all fail.
    await fault(rig.oc.url, { status: 429, retryAfter: 35, count: 1, path: '/acknowledge' });
    await snAsPerson(rig, 'PATCH', `/${first.incident.sys_id}`, { state: '2' });
    await waitFor(async () => (await requests(rig.oc.url)).some((r) => r.status === 429), { what: 'the 429' });
    await fault(rig.sn.url, { status: 503, count: 10_000 });
    await snAsPerson(rig, 'PATCH', `/${second.incident.sys_id}`, { state: '2' });
    const secondPair = pairWorkflowId(servicenowPairKey(integration, second.incident.sys_id!));
    await waitFor(() => activityRunning(rig.bridge.client.workflow, secondPair), { what: 'the second move waiting' });

    const stopping = Date.now();
    expect(await worker!.kill('SIGTERM')).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(25_000);
    expect(worker!.output()).not.toContain('shutdown failed');

    // The cancelled move is retried by Temporal on the next worker.
    worker = await startWorkerProcess({ ...rig.env, BRIDGE_LOG_LEVEL: 'info' });
    await waitFor(() => rig.oc.alertGroup(second.group.id)?.state === 'acknowledged', {
      what: 'the second group acknowledged by the next worker',
      timeoutMs: 60_000,
    });
  });
});
