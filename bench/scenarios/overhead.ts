/**
 * What metrics and logging cost (issue 16): the same OnCall-born creates through the bridge with metrics on
 * (scraped every 5 s, as a close Prometheus would) and `info` logs, the production defaults, and with
 * `BRIDGE_METRICS_PORT=off` and `error` logs. The bridge process is replaced between variants (same port,
 * secrets and task queue), and the variants alternate within each round, so drift of a shared machine falls
 * on both sides alike. Read the ratios, not the absolute figures.
 */
import { requestJson } from '../common/http';
import { round } from '../common/stats';
import type { StepResult } from '../common/step';
import { createStep } from './oncall-born';

export const VARIANTS = {
  on: { BRIDGE_METRICS_PORT: '0', BRIDGE_LOG_LEVEL: 'info' },
  off: { BRIDGE_METRICS_PORT: 'off', BRIDGE_LOG_LEVEL: 'error' },
} as const;
export type Variant = keyof typeof VARIANTS;

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
  cpuMsPerEventBurst: number;
  throughputBurst: number;
  cpuMsPerEventPaced: number;
  p50Paced: number;
  p99Paced: number;
}

export async function overhead(input: OverheadInput): Promise<OverheadSummary> {
  const steps: Record<Variant, { burst: StepResult[]; paced: StepResult[] }> = {
    on: { burst: [], paced: [] },
    off: { burst: [], paced: [] },
  };
  for (let round = 1; round <= input.rounds; round++) {
    const order: Variant[] = round % 2 === 1 ? ['on', 'off'] : ['off', 'on'];
    for (const variant of order) {
      const bridge = await input.replaceBridge({ ...VARIANTS[variant] });
      const scraper = bridge.metricsUrl ? scrapeEvery(5000, bridge.metricsUrl) : undefined;
      try {
        const step = (name: string, rate: number, count: number) =>
          createStep({
            ...input,
            scenario: 'overhead',
            step: `${variant} ${name} r${round}`,
            correlationPrefix: 'oncall:',
            pid: bridge.pid,
            rate,
            count,
          });
        await step('warm-up', 10, 20);
        const burst = (await step('burst', Number.POSITIVE_INFINITY, input.count)).result;
        const paced = (await step(`${input.pacedRate}/s`, input.pacedRate, input.count)).result;
        for (const [kind, result] of [
          ['burst', burst],
          ['paced', paced],
        ] as const) {
          steps[variant][kind].push(result);
          input.record({ ...result, extra: { variant, round, scrapes: scraper?.count() } });
        }
      } finally {
        scraper?.stop();
      }
    }
  }
  const ratio = (kind: 'burst' | 'paced', of: (s: StepResult) => number) =>
    round(median(steps.on[kind].map(of)) / median(steps.off[kind].map(of)), 3);
  const summary: OverheadSummary = {
    cpuMsPerEventBurst: ratio('burst', (s) => s.cpuMsPerEvent),
    throughputBurst: ratio('burst', (s) => s.throughput),
    cpuMsPerEventPaced: ratio('paced', (s) => s.cpuMsPerEvent),
    p50Paced: ratio('paced', (s) => s.latencyMs.p50),
    p99Paced: ratio('paced', (s) => s.latencyMs.p99),
  };
  input.log(`  overhead, metrics and logs on / off (medians of ${input.rounds} rounds): ${JSON.stringify(summary)}`);
  return summary;
}

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
