import type { InjectedSinks } from '@temporalio/worker';
import type { BridgeSinks } from '../../workflows/metrics-sinks';
import type { BridgeMetrics } from './metrics';

const NOTHING = { fn: () => undefined, callDuringReplay: false };

/**
 * The worker's side of the workflows' metrics sink. `callDuringReplay: false` (the default, spelled out
 * because counting depends on it): a replayed workflow, after a cache eviction or on another worker, does
 * not count its events and writes again.
 */
export function metricsSinks(metrics: BridgeMetrics | undefined): InjectedSinks<BridgeSinks> {
  // Registered even when metrics are off: a workflow calling a sink no worker registered logs an error.
  if (!metrics) return { bridgeMetrics: { event: NOTHING, synced: NOTHING, reconciled: NOTHING } };
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
