/** The order of the scenarios and what each step is compared with: every figure has a baseline in the same run. */
import type { Client } from '@temporalio/client';
import type { Integration } from './common/bridge';
import type { Emulators } from './common/emulators';
import type { HistoryCost } from './common/history';
import { peak } from './common/report';
import { cpuMsPerEventOf, sampleAll } from './common/proc';
import type { StepResult } from './common/step';
import type { BenchOptions } from './options';
import { startFloor, type Floor } from './scenarios/floor';
import { lifecycles } from './scenarios/lifecycle';
import { useFieldMapping, type Admin } from './scenarios/lifecycle-fields';
import { createStep } from './scenarios/oncall-born';
import { startRelay } from './scenarios/relay';
import { reconcilePass } from './scenarios/reconcile-pass';
import { scale } from './scenarios/scale';
import { resolveStorm } from './scenarios/resolve-storm';
import { storm } from './scenarios/storm';
import { overhead } from './scenarios/overhead';

export interface PlanContext {
  options: BenchOptions;
  emulators: Emulators;
  integration: Integration;
  client: Client;
  address: string;
  bridgePid: number;
  /** The bridge's task queue and payload key (reconciliation runs are started on it, encrypted). */
  taskQueue: string;
  encryptionKey: string;
  /** Every long-lived process of the run (dev server, bridge, emulators), for the CPU split of each step. */
  processes: Record<string, number>;
  steps: StepResult[];
  record: (step: StepResult) => void;
  /** Registers a teardown, run in reverse order at the end. */
  onStop: (stop: () => Promise<void>) => void;
  log: (line: string) => void;
  /** The bridge's admin API. */
  admin: Admin;
  /** Replaces the bridge process by one with this environment (same port, secrets and task queue). */
  replaceBridge: (env: Record<string, string>) => Promise<{ pid: number; metricsUrl: string | undefined }>;
}

export type History = { oncallBorn: HistoryCost; servicenowBorn: HistoryCost } | undefined;

const label = (rate: number) => (Number.isFinite(rate) ? `${rate}/s` : 'burst');

/** Paced steps run for about 8 s; bursts and the fastest rates are capped at `eventsPerStep`. */
function stepSize(options: BenchOptions, rate: number): number {
  return Number.isFinite(rate) ? Math.min(options.eventsPerStep, Math.max(30, rate * 8)) : options.eventsPerStep;
}

/**
 * The p99 steps run about 20 s, up to three times `eventsPerStep`: over 300 events the p99 is the third
 * slowest one, and the bridge-to-floor ratio moved between 0.97x and 1.75x from run to run.
 */
function p99StepSize(options: BenchOptions, rate: number): number {
  return Math.min(3 * options.eventsPerStep, Math.max(stepSize(options, rate), rate * 20));
}

export async function runPlan(ctx: PlanContext): Promise<History> {
  const wants = (name: BenchOptions['scenarios'][number]) => ctx.options.scenarios.includes(name);
  let open = 0;
  const floor = wants('floor') ? await startFloor(ctx.client, ctx.address, Date.now().toString(36)) : undefined;
  if (floor) ctx.onStop(() => floor.stop());
  // Warm-up steps, not recorded: the first workflows of a run pay for bundle loading and cold caches.
  if (floor) await floor.step('warm-up', 10, 20);
  if (wants('bridge')) open += (await bridgeStep(ctx, 'warm-up', 10, 20)).completed;
  if (floor)
    for (const rate of ctx.options.rates)
      ctx.record(await measured(ctx, () => floor.step(label(rate), rate, stepSize(ctx.options, rate))));
  if (wants('relay')) await relaySteps(ctx);
  if (wants('bridge')) open += await bridgeSteps(ctx, floor);
  let history: History;
  if (wants('lifecycle')) {
    const { emulators, integration, client, bridgePid } = ctx;
    const count = ctx.options.lifecycleCount;
    const people = emulators.humanKeys.length;
    const fields = ctx.options.lifecycleFields
      ? await useFieldMapping(ctx.admin, emulators, integration, people)
      : undefined;
    const out = await lifecycles({ emulators, integration, client, bridgePid, rate: 10, count, fields });
    await fields?.restore();
    out.steps.forEach((step) => ctx.record(step));
    open += count * 2;
    history = out.history;
  }
  if (wants('scale')) {
    const { emulators, integration, bridgePid } = ctx;
    const { scaleSizes: sizes, populateRate } = ctx.options;
    const out = await scale({ emulators, integration, bridgePid, sizes, populateRate, openBefore: open, log: ctx.log });
    out.forEach((step) => ctx.record(step));
    open = Math.max(open, ...out.map((step) => Number(step.extra?.openPairs ?? 0)));
  }
  if (wants('reconcile')) {
    const { emulators, integration, client, bridgePid, taskQueue, encryptionKey } = ctx;
    const openPairs = open;
    ctx.record(await reconcilePass({ emulators, integration, client, encryptionKey, bridgePid, taskQueue, openPairs }));
  }
  if (wants('storm')) {
    const { emulators, integration, bridgePid } = ctx;
    const { stormCount: count, stormServiceNowPerHour: servicenowPerHour } = ctx.options;
    ctx.record(await storm({ emulators, integration, bridgePid, count, servicenowPerHour }));
    // A fifth as many ServiceNow resolves, one OnCall call each, against a limit of half that per minute.
    ctx.record(await resolveStorm({ emulators, bridgePid, count: Math.max(10, Math.round(count / 5)) }));
  }
  if (wants('overhead')) {
    const { ocUrl, snUrl } = ctx.emulators;
    const { overheadRounds: rounds, overheadRate: pacedRate, eventsPerStep: count } = ctx.options;
    const { inboundUrl } = ctx.integration;
    const { record, log, replaceBridge } = ctx;
    await overhead({ ocUrl, snUrl, inboundUrl, replaceBridge, rounds, count, pacedRate, record, log });
  }
  return history;
}

async function bridgeStep(ctx: PlanContext, step: string, rate: number, count: number): Promise<StepResult> {
  const { ocUrl, snUrl } = ctx.emulators;
  const inboundUrl = ctx.integration.inboundUrl;
  const base = { scenario: 'bridge', ocUrl, snUrl, inboundUrl, correlationPrefix: 'oncall:', pid: ctx.bridgePid };
  return (await createStep({ ...base, step, rate, count })).result;
}

/** Rising rates, then both the bridge and the floor at half the bridge's peak, for the p99 comparison. */
async function bridgeSteps(ctx: PlanContext, floor: Floor | undefined): Promise<number> {
  let created = 0;
  for (const rate of ctx.options.rates) {
    const step = await measured(ctx, () => bridgeStep(ctx, label(rate), rate, stepSize(ctx.options, rate)));
    created += step.completed;
    ctx.record(step);
  }
  const half = Math.max(1, Math.round(peak(ctx.steps, 'bridge') / 2));
  const size = p99StepSize(ctx.options, half);
  const step = await measured(ctx, () => bridgeStep(ctx, 'half of bridge peak', half, size));
  ctx.record({ ...step, extra: { ...step.extra, rate: half } });
  if (floor) {
    const floorStep = await measured(ctx, () => floor.step('half of bridge peak', half, size));
    ctx.record({ ...floorStep, extra: { ...floorStep.extra, rate: half } });
  }
  return created + step.completed;
}

async function relaySteps(ctx: PlanContext): Promise<void> {
  const relay = await startRelay(ctx.emulators);
  ctx.onStop(() => relay.stop());
  const { ocUrl, snUrl } = ctx.emulators;
  const base = { scenario: 'relay', ocUrl, snUrl, inboundUrl: relay.inboundUrl, correlationPrefix: 'relay:' };
  for (const rate of ctx.options.rates) {
    const step = label(rate);
    const count = stepSize(ctx.options, rate);
    const pid = relay.child.pid;
    ctx.record(await measured(ctx, async () => (await createStep({ ...base, pid, step, rate, count })).result));
  }
}

/** Runs a step and adds each process's CPU ms per completed event: where the time of that step went. */
async function measured(ctx: PlanContext, run: () => Promise<StepResult>): Promise<StepResult> {
  const before = sampleAll(ctx.processes);
  const step = await run();
  const cpuMsPerEventByProcess = cpuMsPerEventOf(before, sampleAll(ctx.processes), step.completed);
  return { ...step, extra: { ...step.extra, cpuMsPerEventByProcess } };
}
