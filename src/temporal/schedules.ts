/**
 * The reconciliation Schedule of each integration (`reconcile/<integrationId>`). The watermark travels in
 * the Schedule's own action arguments: each run saves its cursor there, so the next scheduled run (and a
 * "run now") starts where the last one stopped, with no extra workflow or store.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleDescription,
} from '@temporalio/client';
import { DEFAULT_RECONCILE_LIMIT, type reconcileWorkflow } from '../../workflows/reconcile';
import type { ReconcileCursor, ReconcileInput } from '../../workflows/reconcile-types';

/** @default 5 minutes (`BRIDGE_RECONCILE_INTERVAL`) */
export const DEFAULT_RECONCILE_INTERVAL_MS = 5 * 60 * 1000;

export interface ReconcileScheduleOptions {
  taskQueue: string;
  intervalMs?: number;
  limit?: number;
}

export function reconcileScheduleId(integrationId: string): string {
  return `reconcile/${integrationId}`;
}

function inputOf(description: ScheduleDescription, integrationId: string): ReconcileInput {
  const args = description.action.args as [ReconcileInput] | undefined;
  return args?.[0] ?? { integrationId };
}

/** Creates the Schedule, or brings its interval and limit up to date while keeping its watermark. */
export async function ensureReconcileSchedule(
  client: Client,
  integrationId: string,
  options: ReconcileScheduleOptions,
): Promise<void> {
  const every = options.intervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
  const limit = options.limit ?? DEFAULT_RECONCILE_LIMIT;
  const scheduleId = reconcileScheduleId(integrationId);
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'reconcileWorkflow',
        workflowId: scheduleId,
        taskQueue: options.taskQueue,
        args: [{ integrationId, limit } satisfies ReconcileInput],
      },
      // One run at a time: a slow run delays the next one rather than racing it over the same cursor.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: every },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec: { intervals: [{ every }] },
      action: { ...previous.action, args: [{ ...inputOf(previous, integrationId), limit }] },
    }));
  }
}

export async function deleteReconcileSchedule(client: Client, integrationId: string): Promise<void> {
  try {
    await client.schedule.getHandle(reconcileScheduleId(integrationId)).delete();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/** Stores the cursor for the next run; without a Schedule (deleted meanwhile) there is nothing to keep. */
export async function saveReconcileCursor(client: Client, integrationId: string, cursor: ReconcileCursor) {
  try {
    await client.schedule.getHandle(reconcileScheduleId(integrationId)).update((previous) => ({
      ...previous,
      action: { ...previous.action, args: [{ ...inputOf(previous, integrationId), cursor }] },
    }));
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/**
 * How long the admin call waits for the run's result. Without a bound, a wait that was in flight while
 * Temporal restarted could hang for good (the fault suite saw it once); the run itself goes on regardless.
 */
const RUN_NOW_WAIT_MS = 120_000;

/**
 * Runs reconciliation now, from the Schedule's watermark when there is one, and returns the run's result.
 * One run-now at a time per integration: a caller that arrives (or retries after the wait above) while one
 * is open waits for that run instead of starting another, because concurrent scans query the same pairs
 * and slowed each other past the wait in the fault suite.
 */
export async function runReconcileNow(client: Client, integrationId: string, taskQueue: string) {
  let input: ReconcileInput = { integrationId };
  try {
    input = inputOf(await client.schedule.getHandle(reconcileScheduleId(integrationId)).describe(), integrationId);
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
  return client.connection.withDeadline(Date.now() + RUN_NOW_WAIT_MS, () =>
    client.workflow.execute<typeof reconcileWorkflow>('reconcileWorkflow', {
      workflowId: `${reconcileScheduleId(integrationId)}/now`,
      workflowIdConflictPolicy: 'USE_EXISTING',
      taskQueue,
      args: [input],
    }),
  );
}
