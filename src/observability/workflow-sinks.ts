import type { InjectedSinks } from '@temporalio/worker';
import type { BridgeSinks } from '../../workflows/metrics-sinks';
import type { BridgeMetrics } from './metrics';

/**
 * The worker's side of the workflows' metrics sink. `callDuringReplay: false` (the default, spelled out
 * because counting depends on it): a replayed workflow, after a cache eviction or on another worker, does
 * not count its events and writes again.
 */
export function metricsSinks(metrics: BridgeMetrics): InjectedSinks<BridgeSinks> {
  return {
    bridgeMetrics: {
      event: {
        fn: (_info, integration, source, outcome) => metrics.events.inc({ integration, source, outcome }),
        callDuringReplay: false,
      },
      synced: {
        fn: (_info, integration, direction, sinceMs) =>
          metrics.syncLag.observe({ integration, direction }, Math.max(0, Date.now() - sinceMs) / 1000),
        callDuringReplay: false,
      },
      reconciled: {
        fn: (_info, integration, found, repaired) => {
          metrics.reconcileRuns.inc({ integration });
          metrics.driftFound.inc({ integration }, found);
          metrics.driftRepaired.inc({ integration }, repaired);
        },
        callDuringReplay: false,
      },
    },
  };
}
