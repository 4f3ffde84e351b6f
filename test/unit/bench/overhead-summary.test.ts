import type { StepResult } from '../../../bench/common/step';
import { overheadTargets, summarizeOverhead } from '../../../bench/scenarios/overhead';

/** One recorded step of the overhead scenario, as `overhead()` records it. */
function step(variant: 'on' | 'off', kind: 'burst' | 'paced', round: number, cpuMsPerEvent: number): StepResult {
  return {
    scenario: 'overhead',
    step: `${variant} ${kind} r${round}`,
    offeredRate: kind === 'burst' ? null : 10,
    events: 300,
    completed: 300,
    failed: 0,
    throughput: kind === 'burst' ? 20 : 10,
    latencyMs: { n: 300, p50: 20, p95: 40, p99: 60, max: 80 },
    cpuMsPerEvent,
    rssMb: 300,
    extra: { variant, kind, round, idleCpuMsPerSecond: variant === 'on' ? 3 : 1, load: 4 + round },
  };
}

function rounds(on: number[], off: number[]): StepResult[] {
  return on.flatMap((cpu, i) => [
    step('on', 'burst', i + 1, cpu),
    step('on', 'paced', i + 1, cpu),
    step('off', 'burst', i + 1, off[i]!),
    step('off', 'paced', i + 1, off[i]!),
  ]);
}

describe('the overhead summary and its target', () => {
  it('when on costs 5% more per event at the medians, then the ratio, spreads, idle cost and load are reported and the target is met', () => {
    const steps = rounds([21, 19, 25], [20, 18, 24]);
    expect(summarizeOverhead(steps)).toMatchObject({
      rounds: 3,
      cpuMsPerEventBurst: 1.05,
      cpuMsPerEventPaced: 1.05,
      idleCpuMsPerSecond: 2,
      spread: { 'on burst': [19, 25], 'off paced': [18, 24] },
      load: [5, 7],
    });
    expect(overheadTargets(steps)).toEqual([expect.objectContaining({ met: true })]);
  });

  it('when on costs 20% more per event, then the target is missed', () => {
    expect(overheadTargets(rounds([24, 24, 24], [20, 20, 20]))).toEqual([expect.objectContaining({ met: false })]);
  });

  it('when the scenario did not run, then there is no target line', () => {
    expect(overheadTargets([{ ...step('on', 'paced', 1, 20), scenario: 'bridge' }])).toEqual([]);
  });
});
