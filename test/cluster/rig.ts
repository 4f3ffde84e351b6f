/**
 * The cluster tier's rig: the production topology of docker-compose.yml without Docker. A real Temporal
 * cluster (scripts/cluster/temporal-cluster.ts: PostgreSQL, the 1.30.1 server, the project's deploy
 * scripts), the bridge as one `start:server` process and two `start:worker` processes (the built `lib/`
 * entry files, the workers on the pre-built workflow bundle), and both emulators in this process. It has
 * the fault rig's shape, so the fault suite's workload and tally run on it unchanged; `killWorker` kills
 * the first worker with SIGKILL while the second keeps polling.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTemporalCluster, type TemporalCluster } from '../../scripts/cluster/temporal-cluster';
import { startOnCallEmulator } from '../../src/emulators/oncall';
import { startServiceNowEmulator } from '../../src/emulators/servicenow';
import { locateBinary, TEMPORAL_CLI } from '../../src/temporal/binaries';
import { startSlowProxy } from '../faults/proxy';
import type { FaultRig } from '../faults/rig';
import { INTEGRATION_USER, SN_HUMAN } from '../helpers/e2e';
import { freePort } from '../../bench/common/ports';
import { PROJECT_ROOT, spawnNode, type Spawned } from '../helpers/processes';
import { waitFor } from '../helpers/wait';

export interface ClusterRig extends FaultRig {
  cluster: TemporalCluster;
  /** Live bridge processes by role, for the test's own checks. */
  roles(): { server: number; workers: number };
}

export async function startClusterRig(log: (line: string) => void): Promise<ClusterRig> {
  if (!existsSync(path.join(PROJECT_ROOT, 'lib/workflow-bundle.js'))) {
    throw new Error('lib/workflow-bundle.js is missing: run `npm run build:workflows` (npm run test:cluster does)');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'bridge-cluster-test-'));
  const cli = locateBinary(TEMPORAL_CLI, { root: PROJECT_ROOT, install: false });
  const cluster = await startTemporalCluster({ dir, cliPath: cli.path, log });
  const sn = await startServiceNowEmulator({
    users: [{ user_name: 'admin', password: 'admin', roles: ['admin'] }, INTEGRATION_USER, SN_HUMAN],
  });
  // As in the fault suite: OnCall's per-key rate limit would turn the load into a rate-limit case.
  const oc = await startOnCallEmulator({ retryIntervalMs: 1000, rateLimitPerMinute: false });
  const bot = oc.addUser({ username: 'bridge-bot', email: 'bridge@example.com' });
  const human = oc.addUser({ username: 'alice', email: 'alice@example.com' });
  const httpPort = await freePort();
  const proxy = await startSlowProxy(`http://127.0.0.1:${httpPort}`, await freePort());
  const env = {
    TEMPORAL_ADDRESS: cluster.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'oncall-servicenow',
    BRIDGE_HTTP_PORT: String(httpPort),
    BRIDGE_METRICS_PORT: '0',
    BRIDGE_PUBLIC_URL: proxy.url,
    BRIDGE_ADMIN_TOKEN: randomBytes(16).toString('hex'),
    BRIDGE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BRIDGE_DATA_DIR: path.join(dir, 'bridge'),
    BRIDGE_ALLOW_INSECURE_URLS: 'true',
    BRIDGE_LOG_LEVEL: 'info',
    // The test runs reconciliation itself, to count its repairs; the Schedule stays out of the way.
    BRIDGE_RECONCILE_INTERVAL: '1000h',
  };
  const roles = new Roles(env);
  const bridgeUrl = `http://127.0.0.1:${httpPort}`;
  await roles.start('lib/src/server.js', async () => (await fetch(`${bridgeUrl}/readyz`).catch(() => undefined))?.ok);
  const startWorker = () => roles.start('lib/src/worker.js', (role) => role.output().includes('worker polling'));
  await startWorker();
  await startWorker();

  const admin: FaultRig['admin'] = async (method, route, body) => {
    const res = await fetch(`${bridgeUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${env.BRIDGE_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(150_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const post = async (url: string, body: object = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${url} refused: ${res.status} ${await res.text()}`);
  };
  return {
    cluster,
    sn,
    oc,
    proxy,
    humanKey: human.apiKey,
    botKey: bot.apiKey,
    admin,
    fault: (system, body) => post(`${(system === 'sn' ? sn : oc).url}/__emulator/faults`, body),
    resetEmulators: async () => {
      await post(`${sn.url}/__emulator/reset`);
      await post(`${oc.url}/__emulator/reset`);
    },
    killWorker: () => roles.killFirstWorker(),
    startWorker: async () => void (await startWorker()),
    stopTemporal: () => cluster.stopServer(),
    startTemporal: () => cluster.startServer(),
    output: () => roles.output(),
    roles: () => roles.live(),
    close: async () => {
      await roles.stopAll();
      await proxy.close();
      await oc.close();
      await sn.close();
      await cluster.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The bridge's processes: one server, the workers in start order. */
class Roles {
  private readonly all: Spawned[] = [];
  private server: Spawned | undefined;
  private workers: Spawned[] = [];

  constructor(private readonly env: Record<string, string>) {}

  async start(entry: string, ready: (role: Spawned) => Promise<boolean | undefined> | boolean): Promise<Spawned> {
    const role = spawnNode(entry, this.env);
    this.all.push(role);
    if (entry.endsWith('server.js')) this.server = role;
    else this.workers.push(role);
    await waitFor(
      async () => {
        if (role.child.exitCode !== null) throw new Error(`${entry} exited:\n${role.output()}`);
        return (await ready(role)) === true;
      },
      { timeoutMs: 180_000, intervalMs: 300, what: `${entry} to start` },
    );
    return role;
  }

  async killFirstWorker(): Promise<void> {
    const victim = this.workers.shift();
    if (!victim || victim.child.exitCode !== null) throw new Error('no live worker to kill');
    victim.child.kill('SIGKILL');
    await victim.exited;
  }

  live(): { server: number; workers: number } {
    const alive = (role: Spawned | undefined) => role !== undefined && role.child.exitCode === null;
    return { server: alive(this.server) ? 1 : 0, workers: this.workers.filter(alive).length };
  }

  output(): string {
    return this.all.map((role) => role.output()).join('\n');
  }

  async stopAll(): Promise<void> {
    for (const role of [...this.workers, this.server]) {
      if (!role || role.child.exitCode !== null || role.child.signalCode !== null) continue;
      role.child.kill('SIGTERM');
      await role.exited;
    }
  }
}
