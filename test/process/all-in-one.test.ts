import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../../bench/common/ports';
import { descendants, isAlive, spawnNode, type Spawned } from '../helpers/processes';
import { uniqueId, waitFor } from '../helpers/wait';

interface Ports {
  http: number;
  temporal: number;
  ui: number;
}

async function startAllInOne(dataDir: string, ports: Ports): Promise<Spawned> {
  const bridge = spawnNode('lib/src/main.js', {
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_HTTP_PORT: String(ports.http),
    BRIDGE_TEMPORAL_PORT: String(ports.temporal),
    BRIDGE_TEMPORAL_UI_PORT: String(ports.ui),
    TEMPORAL_ADDRESS: '',
  });
  await waitFor(
    async () => {
      if (bridge.child.exitCode !== null) throw new Error(`exited early:\n${bridge.output()}`);
      const res = await fetch(`http://127.0.0.1:${ports.http}/readyz`);
      return res.status === 200;
    },
    { timeoutMs: 120_000, intervalMs: 500, what: '/readyz to answer 200' },
  );
  return bridge;
}

async function stop(bridge: Spawned): Promise<number[]> {
  const children = descendants(bridge.child.pid!);
  bridge.child.kill('SIGTERM');
  expect(await bridge.exited).toBe(0);
  return children;
}

/**
 * The embedded Web UI is wired to the codec through the codec token in its endpoint's path (the UI sends
 * no credential of its own), and the bare endpoint refuses a caller that only claims the UI's origin.
 */
async function expectUiCodecNeedsTheToken(dataDir: string, ports: Ports): Promise<void> {
  const token = readFileSync(path.join(dataDir, 'codec-token'), 'utf8').trim();
  const settings = (await (await fetch(`http://127.0.0.1:${ports.ui}/api/v1/settings`)).json()) as {
    Codec: { Endpoint: string };
  };
  expect(settings.Codec.Endpoint).toBe(`http://localhost:${ports.http}/codec/${token}`);
  const post = (url: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://localhost:${ports.ui}` },
      body: JSON.stringify({ payloads: [] }),
    });
  expect((await post(`${settings.Codec.Endpoint}/decode`)).status).toBe(200);
  expect((await post(`http://127.0.0.1:${ports.http}/codec/decode`)).status).toBe(401);
}

describe('npm start (the all-in-one process)', () => {
  // Two cold starts and two stops of the embedded server: on a loaded machine more than the default limit.
  it('serves /readyz and the Web UI, then leaves no process behind on SIGTERM, and keeps its state', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bridge-aio-'));
    // As a dir made by hand under a usual umask would be: the bridge must close it to its own user.
    chmodSync(dataDir, 0o755);
    const ports = { http: await freePort(), temporal: await freePort(), ui: await freePort() };
    const first = await startAllInOne(dataDir, ports);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dataDir, 'temporal.db')).mode & 0o777).toBe(0o600);
    expect(first.output()).toContain(`HTTP API:        http://localhost:${ports.http}`);
    expect(first.output()).toContain(`Admin UI:        http://localhost:${ports.http}/`);
    expect(first.output()).toContain(`Temporal Web UI: http://localhost:${ports.ui}`);
    expect(first.output()).toContain(`Admin token:     ${path.join(dataDir, 'admin-token')}`);
    const health = await fetch(`http://127.0.0.1:${ports.http}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
    await expectUiCodecNeedsTheToken(dataDir, ports);
    expect(first.output()).not.toContain(readFileSync(path.join(dataDir, 'codec-token'), 'utf8').trim());

    // Leave a trace in the embedded server's SQLite file: a workflow no worker knows, so it stays open.
    const workflowId = uniqueId('persisted');
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    await new Client({ connection }).workflow.start('unknownWorkflowType', {
      taskQueue: uniqueId('nobody'),
      workflowId,
    });
    await connection.close();

    const children = await stop(first);
    expect(children.length).toBeGreaterThan(0);
    await waitFor(() => children.every((pid) => !isAlive(pid)), { timeoutMs: 10_000, what: 'children to exit' });

    const second = await startAllInOne(dataDir, ports);
    const again = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    const description = await new Client({ connection: again }).workflow.getHandle(workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    await again.close();
    await stop(second);
  }, 300_000);

  it('refuses to start with an invalid configuration and names every problem', async () => {
    const bridge = spawnNode('lib/src/main.js', { BRIDGE_HTTP_PORT: 'x', BRIDGE_LOG_LEVEL: 'loud' });
    expect(await bridge.exited).toBe(1);
    expect(bridge.output()).toContain('BRIDGE_HTTP_PORT');
    expect(bridge.output()).toContain('BRIDGE_LOG_LEVEL');
  });
});
