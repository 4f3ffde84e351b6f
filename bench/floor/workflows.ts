/**
 * The floor: the least a Temporal design can do per event. The event arrives by signal-with-start and the
 * workflow runs one no-op activity for it, then completes.
 */
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { FloorActivities } from './activities';

export const floorEventSignal = defineSignal<[string]>('floorEvent');

const { noop } = proxyActivities<FloorActivities>({ startToCloseTimeout: '30 seconds' });

export async function floorWorkflow(): Promise<void> {
  let event: string | undefined;
  setHandler(floorEventSignal, (value) => void (event = value));
  // The signal arrives with the start, so this resolves on the first workflow task.
  await condition(() => event !== undefined);
  await noop(event!);
}
