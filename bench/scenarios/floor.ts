/**
 * The floor scenario: signal-with-start into a workflow that runs one no-op activity, at rising rates, on
 * the same dev server as the bridge. Latency runs from the moment signal-with-start returned (the event is
 * durable) to the moment the activity ran, which is what the bridge figures measure too.
 */
import type { Client } from '@temporalio/client';
import { paced, until } from '../common/pace';
import { cpuBetween, sample, spawnNode, type Child } from '../common/proc';
import type { StepResult } from '../common/step';
import { summarize, throughput } from '../common/stats';

export const FLOOR_TASK_QUEUE = 'bench-floor';

export interface Floor {
  worker: Child;
  step(label: string, rate: number, count: number): Promise<StepResult>;
  stop(): Promise<void>;
}

export async function startFloor(client: Client, address: string, runId: string): Promise<Floor> {
  const worker = spawnNode('floor-worker', 'bench/floor/worker-main.js', [address, FLOOR_TASK_QUEUE]);
  await worker.waitForLine(/floor worker polling/);
  const ran = new Map<string, number>();
  worker.onLine((line) => {
    const match = /^ran (\S+) (\d+)$/.exec(line);
    if (match) ran.set(match[1]!, Number(match[2]));
  });
  let serial = 0;
  async function step(label: string, rate: number, count: number): Promise<StepResult> {
    serial += 1;
    const ids = Array.from({ length: count }, (_, i) => `floor-${runId}-${serial}-${i}`);
    const accepted = new Map<string, number>();
    const before = sample(worker.pid);
    const { startedAt, results } = await paced(count, rate, async (i) => {
      const id = ids[i]!;
      await client.workflow.signalWithStart('floorWorkflow', {
        workflowId: id,
        taskQueue: FLOOR_TASK_QUEUE,
        signal: 'floorEvent',
        signalArgs: [id],
      });
      accepted.set(id, Date.now());
    });
    const expected = ids.filter((id) => accepted.has(id));
    await until(
      () => Promise.resolve(expected.every((id) => ran.has(id)) ? true : undefined),
      120_000,
      'floor activities',
    );
    const after = sample(worker.pid);
    const latencies = expected.map((id) => ran.get(id)! - accepted.get(id)!);
    const end = Math.max(...expected.map((id) => ran.get(id)!));
    return {
      scenario: 'floor',
      step: label,
      offeredRate: Number.isFinite(rate) ? rate : null,
      events: count,
      completed: expected.length,
      failed: results.filter((r) => r.status === 'rejected').length,
      throughput: throughput(expected.length, startedAt, end),
      latencyMs: summarize(latencies),
      cpuMsPerEvent: (cpuBetween(before, after) * 1000) / Math.max(1, expected.length),
      rssMb: after.rssMb,
    };
  }
  return { worker, step, stop: () => worker.stop() };
}
