/**
 * Open pairs: the bridge's cost as the number of live pair workflows grows. Pairs are built up through the
 * real path (OnCall alerts, webhooks, the bridge creating incidents) at a rate the receiver accepts, then
 * a probe of fresh alert groups is measured at a modest rate at each size.
 */
import type { Integration } from '../common/bridge';
import type { Emulators } from '../common/emulators';
import { sample } from '../common/proc';
import type { StepResult } from '../common/step';
import { createStep } from './oncall-born';

export interface ScaleInput {
  emulators: Emulators;
  integration: Integration;
  bridgePid: number;
  sizes: number[];
  populateRate: number;
  /** Pairs already open before the scenario (earlier scenarios leave theirs running). */
  openBefore: number;
  log: (line: string) => void;
}

const PROBE = { rate: 10, count: 50 };

export async function scale(input: ScaleInput): Promise<StepResult[]> {
  const steps: StepResult[] = [];
  let open = input.openBefore;
  const base = {
    ocUrl: input.emulators.ocUrl,
    snUrl: input.emulators.snUrl,
    inboundUrl: input.integration.inboundUrl,
    correlationPrefix: 'oncall:',
    pid: input.bridgePid,
  };
  for (const size of input.sizes) {
    while (open < size) {
      const batch = Math.min(2000, size - open);
      input.log(`  scale: building up open pairs ${open} -> ${open + batch}`);
      const built = await createStep({
        ...base,
        scenario: 'scale-populate',
        step: `populate ${batch}`,
        rate: input.populateRate,
        count: batch,
        timeoutMs: 600_000,
      });
      open += built.result.completed;
      if (built.result.completed === 0) throw new Error('no pair was created while building up open pairs');
    }
    const probe = await createStep({ ...base, scenario: 'scale', step: `${size} open pairs`, ...PROBE });
    open += probe.result.completed;
    steps.push({ ...probe.result, rssMb: sample(input.bridgePid).rssMb, extra: { openPairs: open } });
  }
  return steps;
}
