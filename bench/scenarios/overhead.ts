/**
 * What metrics and logging cost (issue 16): the same OnCall-born creates through the bridge with metrics on
 * (scraped every 5 s, as a close Prometheus would) and `info` logs, the production defaults, and with
 * `BRIDGE_METRICS_PORT=off` and `error` logs. The bridge process is replaced between variants (same port,
 * secrets and task queue), and the variants alternate within each round, so drift of a shared machine falls
 * on both sides alike. Read the ratios against each variant's spread over the rounds, not the absolute figures.
 */
import { loadavg } from 'node:os';
import { requestJson } from '../common/http';
import { sleep } from '../common/pace';
import { cpuBetween, sample } from '../common/proc';
import type { Target } from '../common/report';
import { round } from '../common/stats';
import type { StepResult } from '../common/step';
import { createStep } from './oncall-born';

export const VARIANTS = {
  on: { BRIDGE_METRICS_PORT: '0', BRIDGE_LOG_LEVEL: 'info' },
  off: { BRIDGE_METRICS_PORT: 'off', BRIDGE_LOG_LEVEL: 'error' },
} as const;
export type Variant = keyof typeof VARIANTS;
type Kind = 'burst' | 'paced';

/** Enough events for the hot paths to be compiled before anything is measured. */
const WARM_UP_EVENTS = 100;
/** How long the bridge is left idle (scrapes go on) to measure what it costs when nothing happens. */
const IDLE_MS = 20_000;

export interface OverheadInput {
  ocUrl: string;
  snUrl: string;
  inboundUrl: string;
  /** Stops the running bridge and starts one with this environment; its pid and `/metrics` URL (when on). */
  replaceBridge: (env: Record<string, string>) => Promise<{ pid: number; metricsUrl: string | undefined }>;
  rounds: number;
  /** Events per burst, and per paced step. */
  count: number;
  /** The paced step's rate, for latency at a load the bridge keeps up with. */
  pacedRate: number;
  record(step: StepResult): void;
  log(line: string): void;
}

/** Medians over the rounds of `on` divided by `off`: 1.05 is 5% more. */
export interface OverheadSummary {
  rounds: number;
  cpuMsPerEventBurst: number;
  throughputBurst: number;
  cpuMsPerEventPaced: number;
  p50Paced: number;
  p99Paced: number;
  /** Bridge CPU ms per second while idle, on minus off. */
  idleCpuMsPerSecond: number;
  /** Each variant's lowest and highest CPU ms per event over the rounds: a ratio inside them is noise. */
  spread: Record<`${Variant} ${Kind}`, [number, number]>;
  /** The 1-minute load average over the measured steps, lowest and highest. */
  load: [number, number];
}

export async function overhead(input: OverheadInput): Promise<OverheadSummary | undefined> {
  const records: StepResult[] = [];
  // Every pair a variant creates stays cached: with the default 200, how many of a burst's pairs are evicted
  // while their write is in flight (and replayed) depends on how the machine's load paces the burst.
  const cacheSize = String(WARM_UP_EVENTS + 2 * input.count);
  for (let round = 1; round <= input.rounds; round++) {
    const order: Variant[] = round % 2 === 1 ? ['on', 'off'] : ['off', 'on'];
    for (const variant of order) {
      const bridge = await input.replaceBridge({ ...VARIANTS[variant], BRIDGE_WORKFLOW_CACHE_SIZE: cacheSize });
      const scraper = bridge.metricsUrl ? scrapeEvery(5000, bridge.metricsUrl) : undefined;
      try {
        const step = async (name: string, rate: number, count: number) => {
          // The previous step's tail (echo webhooks, follow-up writes) is not this step's cost.
          await quiet(bridge.pid);
          const out = await createStep({
            ...input,
            scenario: 'overhead',
            step: `${variant} ${name} r${round}`,
            correlationPrefix: 'oncall:',
            pid: bridge.pid,
            rate,
            count,
          });
          return out.result;
        };
        await step('warm-up', 20, WARM_UP_EVENTS);
        const burst = await step('burst', Number.POSITIVE_INFINITY, input.count);
        const paced = await step(`${input.pacedRate}/s`, input.pacedRate, input.count);
        const idle = await idleCpuMsPerSecond(bridge.pid);
        for (const [kind, result] of [
          ['burst', burst],
          ['paced', paced],
        ] as const) {
          const extra = { variant, kind, round, scrapes: scraper?.count(), idleCpuMsPerSecond: idle, load: load() };
          records.push({ ...result, extra });
          input.record({ ...result, extra });
        }
      } finally {
        scraper?.stop();
      }
    }
  }
  const summary = summarizeOverhead(records);
  input.log(`  overhead, metrics and logs on / off (medians of ${input.rounds} rounds): ${JSON.stringify(summary)}`);
  return summary;
}

/** The on/off ratios from the recorded steps of the overhead scenario; undefined when it did not run. */
export function summarizeOverhead(steps: StepResult[]): OverheadSummary | undefined {
  const of = (variant: Variant, kind: Kind) =>
    steps.filter((s) => s.scenario === 'overhead' && s.extra?.variant === variant && s.extra.kind === kind);
  if (of('on', 'paced').length === 0 || of('off', 'paced').length === 0) return undefined;
  const ratio = (kind: Kind, value: (s: StepResult) => number) =>
    round(median(of('on', kind).map(value)) / median(of('off', kind).map(value)), 3);
  const range = (values: number[]): [number, number] => [round(Math.min(...values), 2), round(Math.max(...values), 2)];
  const cpu = (variant: Variant, kind: Kind) => range(of(variant, kind).map((s) => s.cpuMsPerEvent));
  const idle = (variant: Variant) => median(of(variant, 'paced').map((s) => Number(s.extra?.idleCpuMsPerSecond)));
  return {
    rounds: of('on', 'paced').length,
    cpuMsPerEventBurst: ratio('burst', (s) => s.cpuMsPerEvent),
    throughputBurst: ratio('burst', (s) => s.throughput),
    cpuMsPerEventPaced: ratio('paced', (s) => s.cpuMsPerEvent),
    p50Paced: ratio('paced', (s) => s.latencyMs.p50),
    p99Paced: ratio('paced', (s) => s.latencyMs.p99),
    idleCpuMsPerSecond: round(idle('on') - idle('off'), 2),
    spread: {
      'on burst': cpu('on', 'burst'),
      'off burst': cpu('off', 'burst'),
      'on paced': cpu('on', 'paced'),
      'off paced': cpu('off', 'paced'),
    },
    load: range(steps.filter((s) => s.scenario === 'overhead').map((s) => Number(s.extra?.load))),
  };
}

/** Issue 16's target: metrics and logging cost under 10% CPU per event, in bursts and at the paced rate. */
export function overheadTargets(steps: StepResult[]): Target[] {
  const s = summarizeOverhead(steps);
  if (!s) return [];
  const range = ([low, high]: [number, number]) => `${low}-${high}`;
  return [
    {
      name: 'metrics and info logs cost < 10% CPU per event (on / off, medians)',
      measured:
        `burst ${s.cpuMsPerEventBurst}x (on ${range(s.spread['on burst'])}, off ${range(s.spread['off burst'])} ms), ` +
        `paced ${s.cpuMsPerEventPaced}x (on ${range(s.spread['on paced'])}, off ${range(s.spread['off paced'])} ms), ` +
        `idle +${s.idleCpuMsPerSecond} ms/s; ${s.rounds} rounds, load ${range(s.load)}`,
      met: s.cpuMsPerEventBurst < 1.1 && s.cpuMsPerEventPaced < 1.1,
    },
  ];
}

/** Waits until the bridge used under 5% of a core for a second, at most 15 s. */
async function quiet(pid: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last = sample(pid);
  while (Date.now() < deadline) {
    await sleep(1000);
    const now = sample(pid);
    if (cpuBetween(last, now) < 0.05) return;
    last = now;
  }
}

async function idleCpuMsPerSecond(pid: number): Promise<number> {
  await quiet(pid);
  const before = sample(pid);
  await sleep(IDLE_MS);
  return round((cpuBetween(before, sample(pid)) * 1000) / (IDLE_MS / 1000), 2);
}

const load = () => round(loadavg()[0] ?? Number.NaN, 1);

function scrapeEvery(ms: number, url: string): { count(): number; stop(): void } {
  let scrapes = 0;
  const timer = setInterval(() => {
    void requestJson('GET', url).then(
      (res) => void (res.status === 200 && (scrapes += 1)),
      () => undefined,
    );
  }, ms);
  return { count: () => scrapes, stop: () => clearInterval(timer) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
