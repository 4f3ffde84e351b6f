/**
 * Counts every attempt of a write activity by side, kind and outcome: `ok`, `retried` (a failure a retry
 * can fix; writes retry without limit) or `failed` (non-retryable, final) with the failure's type. Local
 * first attempts of creates count too: one that fails retryably hands over to the activity, so `retried`.
 */
import type { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { NON_RETRYABLE_TYPES, type FailureType } from '../../workflows/failure-types';
import { UNKNOWN_INTEGRATION, type BridgeMetrics } from './metrics';

const WRITES: Record<string, { side: 'servicenow' | 'oncall'; kind: string }> = {
  createIncident: { side: 'servicenow', kind: 'create' },
  updateIncident: { side: 'servicenow', kind: 'update' },
  createAlertGroup: { side: 'oncall', kind: 'create' },
  moveAlertGroup: { side: 'oncall', kind: 'move' },
};

export function countWrites(metrics: BridgeMetrics): ActivityInterceptorsFactory {
  return (ctx: Context) => ({
    inbound: {
      async execute(input, next) {
        const write = WRITES[ctx.info.activityType];
        if (!write) return next(input);
        const integration = integrationOf(input.args[0]);
        try {
          const result = await next(input);
          metrics.writes.inc({ integration, ...write, outcome: 'ok', failure_type: '' });
          return result;
        } catch (error) {
          const { final, type } = classify(error);
          metrics.writes.inc({ integration, ...write, outcome: final ? 'failed' : 'retried', failure_type: type });
          throw error;
        }
      },
    },
  });
}

function integrationOf(arg: unknown): string {
  const id = (arg as { integrationId?: unknown } | undefined)?.integrationId;
  return typeof id === 'string' ? id : UNKNOWN_INTEGRATION;
}

function classify(error: unknown): { final: boolean; type: string } {
  if (!(error instanceof ApplicationFailure)) return { final: false, type: 'error' };
  const type = error.type ?? 'error';
  return { final: error.nonRetryable || NON_RETRYABLE_TYPES.includes(type as FailureType), type };
}
