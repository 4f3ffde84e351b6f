/**
 * `npm run bench`: the dev server, the bridge, both emulators, the floor worker and the relay as separate
 * processes; the scenarios of issue 8 (bench/plan.ts); a table on stdout and JSON in bench/results/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { locateBinary, TEMPORAL_CLI } from '../src/temporal/binaries';
import { startDevServer } from '../src/temporal/dev-server';
import { setUpIntegration, startBridgeProcess } from './common/bridge';
import { startEmulators } from './common/emulators';
import { freePort } from './common/ports';
import { PROJECT_ROOT, sample } from './common/proc';
import { table, targetLines, targets } from './common/report';
import type { StepResult } from './common/step';
import { parseOptions, type BenchOptions } from './options';
import { runPlan } from './plan';

const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const log = (line: string) => process.stderr.write(`${line}\n`);
const stops: (() => Promise<void>)[] = [];

async function teardown(): Promise<void> {
  for (const stop of stops.splice(0)) await stop().catch((error: unknown) => log(`teardown: ${String(error)}`));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const workDir = mkdtempSync(path.join(tmpdir(), 'bridge-bench-'));
  if (!options.keepTemp) stops.push(() => Promise.resolve(rmSync(workDir, { recursive: true, force: true })));
  const temporal = await temporalServer(options, workDir);
  const emulators = await startEmulators(workDir);
  stops.unshift(() => emulators.stop());
  // A queue of its own on a server others may use: no other bridge's worker takes the bench's tasks.
  const taskQueue = options.temporalAddress ? `bench-${Date.now().toString(36)}` : undefined;
  let bridge = await startBridgeProcess(temporal.address, workDir, taskQueue);
  stops.unshift(() => bridge.stop());
  const replaceBridge = async (env: Record<string, string>) => {
    await bridge.stop();
    bridge = await startBridgeProcess(temporal.address, workDir, taskQueue, env, bridge);
    return { pid: bridge.child.pid, metricsUrl: bridge.metricsUrl };
  };
  const integration = await setUpIntegration(bridge, emulators);
  const connection = await Connection.connect({ address: temporal.address });
  stops.unshift(() => connection.close());
  const steps: StepResult[] = [];
  const history = await runPlan({
    options,
    emulators,
    integration,
    client: new Client({ connection }),
    address: temporal.address,
    bridgePid: bridge.child.pid,
    taskQueue: bridge.taskQueue,
    encryptionKey: bridge.encryptionKey,
    processes: {
      ...(temporal.pid === undefined ? {} : { devServer: temporal.pid }),
      bridge: bridge.child.pid,
      servicenow: emulators.sn.pid,
      oncall: emulators.oc.pid,
      driver: process.pid,
    },
    steps,
    record: (step) => {
      steps.push(step);
      // Kept after every step, so an interrupted run still leaves its figures behind.
      writeFileSync(path.join(RESULTS_DIR, 'partial.json'), `${JSON.stringify(steps, null, 2)}\n`);
      log(
        `  ${step.scenario} / ${step.step}: ${step.completed}/${step.events}, ${step.throughput.toFixed(1)}/s, p99 ${step.latencyMs.p99} ms`,
      );
    },
    onStop: (stop) => stops.unshift(stop),
    log,
    admin: (method, route, body) => bridge.admin(method, route, body),
    replaceBridge,
  });
  const result = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    options: { ...options, rates: options.rates.map((r) => (Number.isFinite(r) ? r : 'max')) },
    temporal: options.temporalAddress ? `external ${options.temporalAddress}` : 'dev server',
    finalProcesses: {
      ...(temporal.pid === undefined ? {} : { devServer: sample(temporal.pid) }),
      bridge: sample(bridge.child.pid),
    },
    steps,
    history,
    targets: targets({ steps, history }),
  };
  writeResults(result);
  process.stdout.write(`\n${table(steps)}\n\nTargets:\n${targetLines(result.targets)}\n`);
  if (history) process.stdout.write(`\nHistory per pair lifecycle: ${JSON.stringify(history)}\n`);
}

/** The bench's own dev server, or the external server `--temporal-address` names (left running). */
async function temporalServer(options: BenchOptions, workDir: string): Promise<{ address: string; pid?: number }> {
  if (options.temporalAddress) return { address: options.temporalAddress, pid: options.temporalPid };
  const cli = locateBinary(TEMPORAL_CLI, { root: PROJECT_ROOT, log });
  // In-memory SQLite unless asked otherwise: disk flushes on a shared machine add noise to both sides alike.
  const dbFilename = options.dbFile ? path.join(workDir, 'temporal.db') : undefined;
  const extraArgs = process.env.BENCH_DEV_SERVER_ARGS?.split(' ').filter(Boolean);
  const server = await startDevServer({ cliPath: cli.path, port: await freePort(), dbFilename, extraArgs });
  stops.unshift(() => server.stop());
  return { address: server.address, pid: server.process.pid };
}

function writeResults(result: object): void {
  const dir = RESULTS_DIR;
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(path.join(dir, `run-${Date.now()}.json`), json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  log(`results written to ${path.join(dir, 'latest.json')}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void teardown().then(() => process.exit(130)));
}

main()
  .then(teardown)
  .catch(async (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await teardown();
    process.exit(1);
  });
