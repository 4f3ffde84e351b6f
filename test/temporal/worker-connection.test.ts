/**
 * The worker's own native connection is closed when the worker stops: the SDK closes only connections it
 * made itself, and an open one keeps the native runtime (and so the process) alive.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createBridgeWorker } from '../../src/temporal/worker';
import { testServerAddress } from '../helpers/temporal';
import { uniqueId } from '../helpers/wait';

describe('the bridge worker', () => {
  it('when it has been shut down, then its connection is closed', async () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: testServerAddress(),
      TEMPORAL_TASK_QUEUE: uniqueId('worker-connection'),
      BRIDGE_ADMIN_TOKEN: randomBytes(16).toString('hex'),
      BRIDGE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      BRIDGE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bridge-worker-')),
    });
    const { worker, connection, run } = await createBridgeWorker({ config, activities: {} });
    const running = run();
    await expect(connection.workflowService.getSystemInfo({})).resolves.toBeDefined();

    worker.shutdown();
    await running;

    await expect(connection.workflowService.getSystemInfo({})).rejects.toThrow();
  });
});
