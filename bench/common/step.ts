/** One measured step of a scenario: what every row of the table and every JSON record holds. */
import type { LatencySummary } from './stats';

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
