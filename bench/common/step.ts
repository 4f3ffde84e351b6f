/** One measured step of a scenario: what every row of the table and every JSON record holds. */
import { latencies } from './logs';
import { cpuBetween, type ProcSample } from './proc';
import { summarize, throughput, type LatencySummary } from './stats';

export interface StepResult {
  scenario: string;
  step: string;
  /** Offered events per second; `null` is an unpaced burst. */
  offeredRate: number | null;
  events: number;
  completed: number;
  failed: number;
  /** Completed events per second, first send to last effect. */
  throughput: number;
  latencyMs: LatencySummary;
  /** CPU ms per completed event of the process doing the work (floor worker, relay, bridge). */
  cpuMsPerEvent: number;
  /** Resident memory of that process at the end of the step. */
  rssMb: number;
  extra?: Record<string, unknown>;
}

export interface Observed {
  scenario: string;
  step: string;
  /** Offered events per second; Infinity for a burst. */
  rate: number;
  events: number;
  startedAt: number;
  /** When each event was caused and when it took effect (epoch ms), by the event's key. */
  causes: Map<string, number>;
  effects: Map<string, number>;
  /** The events that completed. */
  keys: string[];
  /** The working process before and after the step. */
  before: ProcSample;
  after: ProcSample;
}

/** A step's row from what the emulators' logs showed and what the process used. */
export function stepResult(o: Observed): StepResult {
  const end = Math.max(o.startedAt, ...o.keys.map((key) => o.effects.get(key) ?? 0));
  return {
    scenario: o.scenario,
    step: o.step,
    offeredRate: Number.isFinite(o.rate) ? o.rate : null,
    events: o.events,
    completed: o.keys.length,
    failed: o.events - o.keys.length,
    throughput: throughput(o.keys.length, o.startedAt, end),
    latencyMs: summarize(latencies(o.causes, o.effects, o.keys)),
    cpuMsPerEvent: (cpuBetween(o.before, o.after) * 1000) / Math.max(1, o.keys.length),
    rssMb: o.after.rssMb,
  };
}
