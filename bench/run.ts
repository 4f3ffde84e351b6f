/**
 * `npm run bench`: the dev server, the bridge, both emulators, the floor worker and the relay as separate
 * processes; the scenarios of issue 8; a table on stdout and JSON in bench/results/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { locateBinary, TEMPORAL_CLI } from '../src/temporal/binaries';
import { startDevServer } from '../src/temporal/dev-server';
import { setUpIntegration, startBridgeProcess } from './lib/bridge';
import { startEmulators } from './lib/emulators';
import type { HistoryCost } from './lib/history';
import { freePort } from './lib/ports';
import { PROJECT_ROOT, sample } from './lib/proc';
import { peak, table, targetLines, targets } from './lib/report';
import type { StepResult } from './lib/step';
import { parseOptions, type BenchOptions } from './options';
import { startFloor } from './scenarios/floor';
import { lifecycles } from './scenarios/lifecycle';
import { createStep } from './scenarios/oncall-born';
import { startRelay } from './scenarios/relay';
import { scale } from './scenarios/scale';
import { storm } from './scenarios/storm';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const workDir = mkdtempSync(path.join(tmpdir(), 'bridge-bench-'));
  const cli = locateBinary(TEMPORAL_CLI, { root: PROJECT_ROOT, log });
  const server = await startDevServer({
    cliPath: cli.path,
    port: await freePort(),
    dbFilename: path.join(workDir, 'temporal.db'),
  });
  const stops: (() => Promise<void>)[] = [() => server.stop()];
  try {
    const emulators = await startEmulators(workDir);
    stops.unshift(() => emulators.stop());
    const bridge = await startBridgeProcess(server.address, workDir);
    stops.unshift(() => bridge.stop());
    const integration = await setUpIntegration(bridge, emulators);
    const connection = await Connection.connect({ address: server.address });
    stops.unshift(() => connection.close());
    const client = new Client({ connection });
    const steps: StepResult[] = [];
    const record = (step: StepResult) => {
      steps.push(step);
      log(
        `  ${step.scenario} / ${step.step}: ${step.completed}/${step.events}, ${step.throughput.toFixed(1)}/s, p99 ${step.latencyMs.p99} ms`,
      );
    };
    const ctx = {
      options,
      emulators,
      integration,
      client,
      bridgePid: bridge.child.pid,
      record,
      steps,
      address: server.address,
    };
    const history = await runScenarios(ctx, stops);
    const result = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      options: { ...options, rates: options.rates.map((r) => (Number.isFinite(r) ? r : 'max')) },
      processes: { devServer: sample(server.process.pid!), bridge: sample(bridge.child.pid) },
      steps,
      history,
      targets: targets({ steps, history }),
    };
    writeResults(result);
    process.stdout.write(`\n${table(steps)}\n\nTargets:\n${targetLines(result.targets)}\n`);
    if (history) process.stdout.write(`\nHistory per pair lifecycle: ${JSON.stringify(history)}\n`);
  } finally {
    for (const stop of stops) await stop().catch((error: unknown) => log(`teardown: ${String(error)}`));
    if (!options.keepTemp) rmSync(workDir, { recursive: true, force: true });
  }
}

interface Ctx {
  options: BenchOptions;
  emulators: Awaited<ReturnType<typeof startEmulators>>;
  integration: Awaited<ReturnType<typeof setUpIntegration>>;
  client: Client;
  bridgePid: number;
  address: string;
  steps: StepResult[];
  record(step: StepResult): void;
}

type History = { oncallBorn: HistoryCost; servicenowBorn: HistoryCost } | undefined;

async function runScenarios(ctx: Ctx, stops: (() => Promise<void>)[]): Promise<History> {
  const { options, emulators, integration } = ctx;
  const wants = (name: (typeof options.scenarios)[number]) => options.scenarios.includes(name);
  const count = (rate: number) =>
    Number.isFinite(rate) ? Math.min(options.eventsPerStep, Math.max(30, rate * 8)) : options.eventsPerStep;
  const label = (rate: number) => (Number.isFinite(rate) ? `${rate}/s` : 'burst');
  const bridgeStep = (step: string, rate: number, n: number) =>
    createStep({
      scenario: 'bridge',
      step,
      ocUrl: emulators.ocUrl,
      snUrl: emulators.snUrl,
      inboundUrl: integration.inboundUrl,
      correlationPrefix: 'oncall:',
      pid: ctx.bridgePid,
      rate,
      count: n,
    });
  let open = 0;
  const floor = wants('floor') ? await startFloor(ctx.client, ctx.address, Date.now().toString(36)) : undefined;
  if (floor) stops.unshift(() => floor.stop());
  if (floor) for (const rate of options.rates) ctx.record(await floor.step(label(rate), rate, count(rate)));
  if (wants('relay')) {
    const relay = await startRelay(emulators);
    stops.unshift(() => relay.stop());
    for (const rate of options.rates) {
      const out = await createStep({
        scenario: 'relay',
        step: label(rate),
        ocUrl: emulators.ocUrl,
        snUrl: emulators.snUrl,
        inboundUrl: relay.inboundUrl,
        correlationPrefix: 'relay:',
        pid: relay.child.pid,
        rate,
        count: count(rate),
      });
      ctx.record(out.result);
    }
  }
  if (wants('bridge')) {
    for (const rate of options.rates) {
      const out = await bridgeStep(label(rate), rate, count(rate));
      open += out.result.completed;
      ctx.record(out.result);
    }
    const half = Math.max(1, Math.round(peak(ctx.steps, 'bridge') / 2));
    const out = await bridgeStep('half of bridge peak', half, count(half));
    open += out.result.completed;
    ctx.record({ ...out.result, extra: { rate: half } });
    if (floor) ctx.record({ ...(await floor.step('half of bridge peak', half, count(half))), extra: { rate: half } });
  }
  let history: History;
  if (wants('lifecycle')) {
    const out = await lifecycles({
      emulators,
      integration,
      client: ctx.client,
      bridgePid: ctx.bridgePid,
      rate: 10,
      count: options.lifecycleCount,
    });
    out.steps.forEach(ctx.record);
    open += options.lifecycleCount * 2;
    history = out.history;
  }
  if (wants('scale')) {
    const out = await scale({
      emulators,
      integration,
      bridgePid: ctx.bridgePid,
      sizes: options.scaleSizes,
      populateRate: options.populateRate,
      openBefore: open,
      log,
    });
    out.forEach(ctx.record);
  }
  if (wants('storm'))
    ctx.record(
      await storm({
        emulators,
        integration,
        bridgePid: ctx.bridgePid,
        count: options.stormCount,
        servicenowPerHour: options.stormServiceNowPerHour,
      }),
    );
  return history;
}

function writeResults(result: object): void {
  const dir = path.join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(path.join(dir, `run-${Date.now()}.json`), json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  log(`results written to ${path.relative(process.cwd(), path.join(dir, 'latest.json'))}`);
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
