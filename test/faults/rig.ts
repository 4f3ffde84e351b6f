/**
 * The fault rig: a Temporal dev server of its own on a SQLite file (so it can be restarted with its
 * state), both emulators in this process, and the bridge as two processes (HTTP server and worker, the
 * built `lib/` entry files) so the worker can be killed with SIGKILL and started again.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startOnCallEmulator, type OnCallEmulator } from '../../src/emulators/oncall';
import { startServiceNowEmulator, type ServiceNowEmulator } from '../../src/emulators/servicenow';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server';
import { INTEGRATION_USER, SN_HUMAN } from '../helpers/e2e';
import { freePort } from '../../bench/common/ports';
import { spawnNode, type Spawned } from '../helpers/processes';
import { uniqueId, waitFor } from '../helpers/wait';
import { startSlowProxy, type SlowProxy } from './proxy';

export interface FaultRig {
  sn: ServiceNowEmulator;
  oc: OnCallEmulator;
  proxy: SlowProxy;
  humanKey: string;
  botKey: string;
  admin(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** `POST /__emulator/faults` of one emulator (`{}` clears). */
  fault(system: 'sn' | 'oc', body: object): Promise<void>;
  /** Both emulators back to their start state (users and their keys kept). */
  resetEmulators(): Promise<void>;
  killWorker(): Promise<void>;
  startWorker(): Promise<void>;
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  /** Every line both bridge processes printed, for the secret check. */
  output(): string;
  close(): Promise<void>;
}

export async function startFaultRig(): Promise<FaultRig> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bridge-faults-'));
  const temporalPort = await freePort();
  const cliPath = process.env.TEMPORAL_CLI_PATH;
  if (!cliPath) throw new Error('TEMPORAL_CLI_PATH is not set: the jest global setup did not run');
  const devServer = () =>
    startDevServer({
      cliPath,
      port: temporalPort,
      dbFilename: path.join(dir, 'temporal.db'),
      extraArgs: ['--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true'],
    });
  let temporal: DevServer | undefined = await devServer();
  const sn = await startServiceNowEmulator({
    users: [{ user_name: 'admin', password: 'admin', roles: ['admin'] }, INTEGRATION_USER, SN_HUMAN],
  });
  // OnCall's own per-key rate limit (300/min) would make every case a rate-limit case and take minutes;
  // the storm case injects 429s instead.
  const oc = await startOnCallEmulator({ retryIntervalMs: 1000, rateLimitPerMinute: false });
  const bot = oc.addUser({ username: 'bridge-bot', email: 'bridge@example.com' });
  const human = oc.addUser({ username: 'alice', email: 'alice@example.com' });
  const httpPort = await freePort();
  const proxy = await startSlowProxy(`http://127.0.0.1:${httpPort}`, await freePort());
  const env = {
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: uniqueId('faults'),
    BRIDGE_HTTP_PORT: String(httpPort),
    BRIDGE_PUBLIC_URL: proxy.url,
    BRIDGE_ADMIN_TOKEN: randomBytes(16).toString('hex'),
    BRIDGE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BRIDGE_DATA_DIR: dir,
    BRIDGE_ALLOW_INSECURE_URLS: 'true',
    BRIDGE_LOG_LEVEL: 'info',
    // Both roles and each restart listen on a port of their own (a fixed one is taken by the first).
    BRIDGE_METRICS_PORT: '0',
    // The suite runs reconciliation itself, to count its repairs; the Schedule stays out of the way.
    BRIDGE_RECONCILE_INTERVAL: '1000h',
  };
  const logs: Spawned[] = [];
  const spawnRole = async (entry: string, ready: (role: Spawned) => Promise<boolean> | boolean) => {
    const role = spawnNode(entry, env);
    logs.push(role);
    // For a case that hangs: each process's lines as they come, not only at the end of the run.
    const logDir = process.env.FAULT_LOG_DIR;
    if (logDir) {
      const file = createWriteStream(path.join(logDir, `${path.basename(entry, '.js')}-${role.child.pid}.log`));
      role.child.stdout?.pipe(file);
      role.child.stderr?.pipe(file);
    }
    await waitFor(
      async () => {
        if (role.child.exitCode !== null) throw new Error(`${entry} exited:\n${role.output()}`);
        return ready(role);
      },
      { timeoutMs: 120_000, intervalMs: 300, what: `${entry} to start` },
    );
    return role;
  };
  const bridgeUrl = `http://127.0.0.1:${httpPort}`;
  const server = await spawnRole('lib/src/server.js', async () => {
    const res = await fetch(`${bridgeUrl}/healthz`).catch(() => undefined);
    return res?.status === 200;
  });
  let worker: Spawned | undefined;
  const startWorker = async () => {
    worker = await spawnRole('lib/src/worker.js', (role) => role.output().includes('worker polling'));
  };
  await startWorker();

  const admin: FaultRig['admin'] = async (method, route, body) => {
    const res = await fetch(`${bridgeUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${env.BRIDGE_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // Callers retry: a call that hangs must not hold up a whole case.
      signal: AbortSignal.timeout(150_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const stopRole = async (role: Spawned | undefined, signal: NodeJS.Signals) => {
    if (!role || role.child.exitCode !== null) return;
    role.child.kill(signal);
    await role.exited;
  };
  return {
    sn,
    oc,
    proxy,
    humanKey: human.apiKey,
    botKey: bot.apiKey,
    admin,
    fault: async (system, body) => {
      const res = await fetch(`${(system === 'sn' ? sn : oc).url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`fault refused: ${res.status} ${await res.text()}`);
    },
    resetEmulators: async () => {
      await resetEmulator(sn.url);
      await resetEmulator(oc.url);
    },
    killWorker: () => stopRole(worker, 'SIGKILL'),
    startWorker,
    stopTemporal: async () => {
      await temporal?.stop();
      temporal = undefined;
    },
    startTemporal: async () => {
      temporal = await devServer();
    },
    output: () => logs.map((role) => role.output()).join('\n'),
    close: async () => {
      await stopRole(worker, 'SIGTERM');
      await stopRole(server, 'SIGTERM');
      await proxy.close();
      await oc.close();
      await sn.close();
      await temporal?.stop();
    },
  };
}

async function resetEmulator(url: string): Promise<void> {
  const res = await fetch(`${url}/__emulator/reset`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`reset refused: ${res.status}`);
}
