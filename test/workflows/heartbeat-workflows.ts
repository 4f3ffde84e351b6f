import { ActivityFailure, proxyActivities } from '@temporalio/workflow';

/** A call longer than its heartbeat timeout, which it never heartbeats itself; one attempt only. */
const { slowCall } = proxyActivities<{ slowCall(): Promise<number> }>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '2 seconds',
  retry: { maximumAttempts: 1 },
});

/** The attempt that completed, or the timeout type that ended it. */
export async function slowCallWorkflow(): Promise<string> {
  try {
    return `completed on attempt ${await slowCall()}`;
  } catch (error) {
    if (error instanceof ActivityFailure) return `failed: ${error.cause?.message ?? 'unknown'}`;
    throw error;
  }
}
