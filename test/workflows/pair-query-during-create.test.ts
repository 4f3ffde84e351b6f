/**
 * A query that reaches a pair while its create runs as a local activity: when the create's result comes in
 * while the worker answers the query, the worker completes the workflow task with that result and the
 * code after the create runs in the next task. On replay there is no query, and that code runs in the same
 * task as the create. What the pair decides after a create must not depend on which task it runs in; a
 * `patched()` first called there did, and froze the pair on the next worker restart (fault suite,
 * worker-kill case: reconciliation queries pairs while a restarted worker creates).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createMetrics } from '../../src/observability/metrics';
import { metricsSinks } from '../../src/observability/workflow-sinks';
import { OnCallWebhookSchema } from '../../src/receiver/schemas';
import { oncallWebhookToEvent } from '../../src/receiver/to-events';
import { getPairQuery, pairEventSignal, type PairView } from '../../workflows/messages';
import { pairWorkflow } from '../../workflows/pair';
import { toPairSettings } from '../../workflows/settings';
import { FakeOnCall, FakeServiceNow } from '../helpers/fake-clients';
import { connectTestEnv, workflowBundle } from '../helpers/temporal';
import { uniqueId, waitFor } from '../helpers/wait';
import { integrationSettings } from '../unit/sync/builders';
import { fakeClientWorker } from './pair-harness';

// Whether a create's result and a query meet in one task is a race; several pairs make it likely.
const PAIRS = 6;

describe('a query arriving while a pair creates', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await connectTestEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('then every run replays deterministically on a fresh worker', async () => {
    const taskQueue = uniqueId('query-create');
    const sn = new FakeServiceNow();
    const oc = new FakeOnCall();
    const sinks = metricsSinks(createMetrics());
    const settings = toPairSettings(integrationSettings({ id: uniqueId('int') }));
    const bodies: unknown[] = [];
    oc.onWebhook = (body) => bodies.push(body);

    // Started with no worker polling, so each pair's first query waits for the task of its first event.
    const handles: WorkflowHandle<typeof pairWorkflow>[] = [];
    const queries: Promise<PairView>[] = [];
    for (let i = 0; i < PAIRS; i += 1) {
      oc.fireAlert(settings.bridgeOnCallIntegrationId, { title: `Query during create ${i}`, state: 'alerting' });
      const mapped = oncallWebhookToEvent(OnCallWebhookSchema.parse(bodies.at(-1)), settings);
      if (mapped.kind !== 'routed') throw new Error('the created webhook must be routed');
      const handle = await env.client.workflow.signalWithStart(pairWorkflow, {
        workflowId: mapped.workflowId,
        taskQueue,
        args: [{ key: mapped.key }],
        signal: pairEventSignal,
        signalArgs: [mapped.event],
      });
      handles.push(handle);
      queries.push(handle.query(getPairQuery));
    }

    const worker = await fakeClientWorker(env, taskQueue, { sn, oc });
    await worker.runUntil(async () => {
      await Promise.all(queries);
      for (const handle of handles) {
        await waitFor(async () => (await handle.query(getPairQuery)).incidentSysId !== null, {
          what: 'the pair to learn its incident',
        });
      }
    });
    expect(sn.incidents.size).toBe(PAIRS);

    for (const handle of handles) {
      const history = await handle.fetchHistory();
      await expect(
        Worker.runReplayHistory({ workflowBundle: await workflowBundle(), sinks }, history, handle.workflowId),
      ).resolves.toBeUndefined();
    }
  });
});
