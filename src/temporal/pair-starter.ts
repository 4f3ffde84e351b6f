/**
 * Delivers a routed pair event: `signalWithStart`, so the server records the signal durably (and starts
 * the pair's workflow if it is not running) even while no worker is up. The receiver answers 202 only
 * after this resolves.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { temporalReachable } from './client';
import { pairEventSignal } from '../../workflows/messages';
import type { PairKey } from '../../workflows/ids';
import { summaryOfEvent } from '../../workflows/pair-summary';
import type { PairEvent } from '../../workflows/pair-types';
import type { PairWorkflowInput, PairWorkflowOptions } from '../../workflows/pair';
import { IntegrationIdKey, PairOriginKey } from '../../workflows/search-attributes';
import { TemporalUnavailableError } from './temporal-errors';

export interface PairStarter {
  deliver(workflowId: string, key: PairKey, event: PairEvent): Promise<void>;
  /**
   * Signals the pair only if its workflow runs (an incident outside the incident filter, bridge.md §8.3:
   * one that stops matching keeps its pair, one that never matched gets none). False when there is none.
   */
  deliverIfRunning(workflowId: string, event: PairEvent): Promise<boolean>;
}

export interface PairStarterOptions {
  taskQueue: string;
  /**
   * After this long without an answer, the server's health decides: unreachable → 503 at once (within
   * OnCall's 4 s timeout); reachable but slow → keep waiting up to `maxWaitMs`. OnCall never re-sends a
   * 503 but does re-send a timed-out call, so under load it is better to be slow than to refuse.
   * @default 3000
   */
  patienceMs?: number;
  /** The longest the receiver waits for the server at all. @default 30000 */
  maxWaitMs?: number;
  pairOptions?: PairWorkflowOptions;
}

export function createPairStarter(client: Client, options: PairStarterOptions): PairStarter {
  const patienceMs = options.patienceMs ?? 3000;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  return {
    async deliver(workflowId, key, event) {
      const input: PairWorkflowInput = { key, ...(options.pairOptions ? { options: options.pairOptions } : {}) };
      const accepted = client.connection.withDeadline(Date.now() + maxWaitMs, () =>
        client.workflow.signalWithStart('pairWorkflow', {
          workflowId,
          taskQueue: options.taskQueue,
          args: [input],
          signal: pairEventSignal,
          // Stamped here, once for the receiver and reconciliation: the pair tells a re-run task by it.
          signalArgs: [{ ...event, sentAt: Date.now() }],
          // Shown on the run's page in the Web UI; used only when this call starts the run.
          staticSummary: summaryOfEvent(event),
          typedSearchAttributes: [
            { key: IntegrationIdKey, value: key.integrationId },
            { key: PairOriginKey, value: key.origin },
          ],
        }),
      );
      // A failure is classified where it is answered (`temporal-errors.ts`): unreachable is a 503, a
      // refusal of what was sent a 400, anything else a bug.
      const first = await Promise.race([accepted.then(() => 'accepted' as const), delay(patienceMs)]);
      // Still waiting: a server that answers a health check is only slow, so wait for the signal;
      // one that does not is down (the signal may still land later: the pair de-duplicates it).
      if (first !== 'accepted' && !(await temporalReachable(client, 500))) {
        accepted.catch(() => undefined);
        throw new TemporalUnavailableError(
          `no answer from Temporal within ${patienceMs} ms and its health check fails`,
        );
      }
      await accepted;
    },

    async deliverIfRunning(workflowId, event) {
      try {
        await client.connection.withDeadline(Date.now() + maxWaitMs, () =>
          client.workflow.getHandle(workflowId).signal(pairEventSignal, { ...event, sentAt: Date.now() }),
        );
        return true;
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      }
    },
  };
}

function delay(ms: number): Promise<'waited'> {
  return new Promise((resolve) => setTimeout(() => resolve('waited'), ms).unref());
}
