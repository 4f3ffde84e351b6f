import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { integrationWorkflowId } from '../../workflows/ids';
import { integrationWorkflow } from '../../workflows/integration';
import {
  configureIntegrationUpdate,
  deleteIntegrationUpdate,
  getIntegrationQuery,
  patchIntegrationUpdate,
  removeConnectionUpdate,
  setConnectionUpdate,
} from '../../workflows/messages';
import { connectTestEnv, workflowBundle } from '../helpers/temporal';
import { uniqueId } from '../helpers/wait';
import { integrationSettings } from '../unit/sync/builders';

describe('the integration workflow', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const taskQueue = uniqueId('integrations');

  beforeAll(async () => {
    env = await connectTestEnv();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: {},
    });
    running = worker.run();
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  async function start() {
    const settings = integrationSettings({ id: uniqueId('int') });
    const handle = await env.client.workflow.start(integrationWorkflow, {
      taskQueue,
      workflowId: integrationWorkflowId(settings.id),
      args: [{ settings }],
    });
    return { settings, handle };
  }

  it('holds its settings, changed only through validated updates and read through a query', async () => {
    const { settings, handle } = await start();
    expect(await handle.query(getIntegrationQuery)).toEqual(settings);

    const patched = await handle.executeUpdate(patchIntegrationUpdate, {
      args: [{ name: 'Renamed', stateMapping: { firing: '1', acknowledged: '3', resolved: '6', silenced: null } }],
    });
    expect(patched).toMatchObject({ name: 'Renamed', stateMapping: { acknowledged: '3' } });

    await expect(
      handle.executeUpdate(patchIntegrationUpdate, {
        args: [{ stateMapping: { firing: '1', acknowledged: '1', resolved: '6', silenced: null } }],
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/used twice/), type: 'invalid_settings' } });
    await expect(
      handle.executeUpdate(patchIntegrationUpdate, { args: [{ id: 'other' } as never] }),
    ).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/cannot be changed/) },
    });
    await expect(
      handle.executeUpdate(configureIntegrationUpdate, { args: [{ ...settings, id: 'another' }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/cannot change/) } });
    expect((await handle.query(getIntegrationQuery)).name).toBe('Renamed');
  });

  it('adds, changes and removes connections', async () => {
    const { handle } = await start();
    await handle.executeUpdate(setConnectionUpdate, {
      args: [{ oncallIntegrationId: 'CNEW00000001', backsync: true }],
    });
    const changed = await handle.executeUpdate(setConnectionUpdate, {
      args: [{ oncallIntegrationId: 'CNEW00000001', backsync: false }],
    });
    expect(changed.connections.filter((c) => c.oncallIntegrationId === 'CNEW00000001')).toEqual([
      { oncallIntegrationId: 'CNEW00000001', backsync: false },
    ]);
    const removed = await handle.executeUpdate(removeConnectionUpdate, {
      args: [{ oncallIntegrationId: 'CNEW00000001' }],
    });
    expect(removed.connections.some((c) => c.oncallIntegrationId === 'CNEW00000001')).toBe(false);
    await expect(
      handle.executeUpdate(removeConnectionUpdate, { args: [{ oncallIntegrationId: 'CNEW00000001' }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not connected/) } });
  });

  it('completes when deleted, returning its final settings', async () => {
    const { handle } = await start();
    await handle.executeUpdate(deleteIntegrationUpdate, { args: [] });
    expect(await handle.result()).toMatchObject({ status: 'deleted' });
  });
});
