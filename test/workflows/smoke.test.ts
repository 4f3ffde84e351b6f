import path from 'node:path';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { connectTestEnv, workflowBundle } from '../helpers/temporal';
import { uniqueId } from '../helpers/wait';
import { smokeWorkflow } from './smoke-workflows';

describe('the shared dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await connectTestEnv();
  });
  afterAll(async () => {
    await env.teardown();
  });

  it('runs a workflow and its activity end to end', async () => {
    const taskQueue = uniqueId('smoke');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(path.resolve(__dirname, 'smoke-workflows.ts')),
      activities: { echo: (text: string) => Promise.resolve(text.toUpperCase()) },
    });
    const result = await worker.runUntil(
      env.client.workflow.execute(smokeWorkflow, { taskQueue, workflowId: uniqueId('smoke'), args: ['hello'] }),
    );
    expect(result).toBe('workflow saw: HELLO');
  });
});
