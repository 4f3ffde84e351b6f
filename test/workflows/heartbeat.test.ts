/**
 * The worker's heartbeat interceptor: an activity with a heartbeat timeout that does not heartbeat itself
 * keeps its attempt alive while it runs, so only a dead worker's activity times out (and is retried soon).
 */
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { heartbeatWhileRunning } from '../../src/temporal/heartbeat-interceptor';
import { connectTestEnv, workflowBundle } from '../helpers/temporal';
import { uniqueId } from '../helpers/wait';
import { slowCallWorkflow } from './heartbeat-workflows';

describe('heartbeats of long calls', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await connectTestEnv();
  });
  afterAll(async () => {
    await env.teardown();
  });

  async function runSlowCall(interceptors: WorkerOptions['interceptors']): Promise<string> {
    const taskQueue = uniqueId('heartbeat');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(path.resolve(__dirname, 'heartbeat-workflows.ts')),
      interceptors,
      activities: {
        // Three heartbeat timeouts long, as a slow ServiceNow answer would be.
        slowCall: async () => {
          await new Promise((resolve) => setTimeout(resolve, 6000));
          return Context.current().info.attempt;
        },
      },
    });
    return worker.runUntil(env.client.workflow.execute(slowCallWorkflow, { taskQueue, workflowId: uniqueId('hb') }));
  }

  it('when a call runs longer than its heartbeat timeout on a live worker, then the interceptor keeps it alive', async () => {
    expect(await runSlowCall({ activity: [heartbeatWhileRunning] })).toBe('completed on attempt 1');
  });

  it('when nothing heartbeats, then the same call times out (what the server does for a dead worker)', async () => {
    expect(await runSlowCall({})).toMatch(/^failed: .*heartbeat/i);
  });
});
