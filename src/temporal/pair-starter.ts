/**
 * Delivers a routed pair event: `signalWithStart`, so the server records the signal durably (and starts
 * the pair's workflow if it is not running) even while no worker is up. The receiver answers 202 only
 * after this resolves.
 */
import type { Client } from '@temporalio/client';
import { pairEventSignal } from '../../workflows/messages';
import type { PairKey } from '../../workflows/ids';
import type { PairEvent } from '../../workflows/pair-types';
import type { PairWorkflowInput, PairWorkflowOptions } from '../../workflows/pair';
import { IntegrationIdKey, PairOriginKey } from '../../workflows/search-attributes';

export class TemporalUnavailableError extends Error {
  override readonly name = 'TemporalUnavailableError';
}

export interface PairStarter {
  deliver(workflowId: string, key: PairKey, event: PairEvent): Promise<void>;
}

export interface PairStarterOptions {
  taskQueue: string;
  /**
   * How long to wait for the server before answering 503. Just under OnCall's 4 s timeout: a 503 is never
   * re-sent by OnCall, while a slow answer past 4 s is, so under load it is better to be slow than to refuse.
   * @default 3500
   */
  timeoutMs?: number;
  pairOptions?: PairWorkflowOptions;
}

export function createPairStarter(client: Client, options: PairStarterOptions): PairStarter {
  const timeoutMs = options.timeoutMs ?? 3500;
  return {
    async deliver(workflowId, key, event) {
      const input: PairWorkflowInput = { key, ...(options.pairOptions ? { options: options.pairOptions } : {}) };
      try {
        await client.connection.withDeadline(Date.now() + timeoutMs, () =>
          client.workflow.signalWithStart('pairWorkflow', {
            workflowId,
            taskQueue: options.taskQueue,
            args: [input],
            signal: pairEventSignal,
            signalArgs: [event],
            typedSearchAttributes: [
              { key: IntegrationIdKey, value: key.integrationId },
              { key: PairOriginKey, value: key.origin },
            ],
          }),
        );
      } catch (error) {
        throw new TemporalUnavailableError(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
