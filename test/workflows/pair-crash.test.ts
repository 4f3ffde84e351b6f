/**
 * A worker that stops in the middle of a pair's write: the write had reached ServiceNow but its answer was
 * lost. A second worker runs the create again, which finds the incident by its marker instead of creating
 * a second one, and the pair carries on.
 */
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { IncidentFields } from '../../src/integrations/servicenow/types';
import { OnCallWebhookSchema } from '../../src/receiver/schemas';
import { oncallWebhookToEvent } from '../../src/receiver/to-events';
import { getPairQuery, pairEventSignal } from '../../workflows/messages';
import { pairWorkflow } from '../../workflows/pair';
import { toPairSettings } from '../../workflows/settings';
import { FakeOnCall, FakeServiceNow } from '../helpers/fake-clients';
import { connectTestEnv } from '../helpers/temporal';
import { uniqueId, waitFor } from '../helpers/wait';
import { integrationSettings } from '../unit/sync/builders';
import { fakeClientWorker } from './pair-harness';

/** Creates the incident, then never answers until the activity is cancelled (the worker stops). */
class LosingServiceNow extends FakeServiceNow {
  loseNextAnswer = true;
  override async createIncident(fields: IncidentFields) {
    const incident = await super.createIncident(fields);
    if (!this.loseNextAnswer) return incident;
    this.loseNextAnswer = false;
    const signal = Context.current().cancellationSignal;
    return new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new Error('worker stopped'))),
    );
  }
}

describe('a worker stopping in the middle of a pair write', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await connectTestEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('then the next worker completes the work, once', async () => {
    const taskQueue = uniqueId('crash');
    const sn = new LosingServiceNow();
    const oc = new FakeOnCall();
    const settings = toPairSettings(integrationSettings({ id: uniqueId('int') }));
    const newWorker = () => fakeClientWorker(env, taskQueue, { sn, oc }, { shutdownGraceTime: '100ms' });

    const bodies: unknown[] = [];
    oc.onWebhook = (body) => bodies.push(body);
    const groupId = oc.fireAlert(settings.bridgeOnCallIntegrationId, { title: 'Crash test', state: 'alerting' });
    const mapped = oncallWebhookToEvent(OnCallWebhookSchema.parse(bodies[0]), settings);
    if (mapped.kind !== 'routed') throw new Error('the created webhook must be routed');
    const handle = await env.client.workflow.signalWithStart(pairWorkflow, {
      workflowId: mapped.workflowId,
      taskQueue,
      args: [{ key: mapped.key }],
      signal: pairEventSignal,
      signalArgs: [mapped.event],
    });

    const first = await newWorker();
    const firstRun = first.run();
    await waitFor(() => sn.incidents.size === 1 && !sn.loseNextAnswer, { what: 'the write to reach ServiceNow' });
    first.shutdown();
    await firstRun;

    const second = await newWorker();
    const view = await second.runUntil(
      waitFor(
        async () => {
          const current = await handle.query(getPairQuery);
          return current.incidentSysId !== null ? current : false;
        },
        { what: 'the pair to learn its incident', timeoutMs: 30_000 },
      ),
    );
    expect(sn.incidents.size).toBe(1);
    expect(sn.writes).toHaveLength(1);
    expect(view.incidentSysId).toBe([...sn.incidents.keys()][0]);
    expect(groupId).toBe(view.alertGroupId);
  });
});
