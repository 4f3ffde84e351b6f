/**
 * What every role of the bridge runs for its operators: the metrics registry and listener, and on worker
 * roles the outbound-call counting and debug lines. The worker's own hooks (the workflows' sink, the write
 * interceptor) are added where the worker is created.
 */
import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { describeError, type Logger } from '../logger';
import { createMetrics, type BridgeMetrics } from './metrics';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { openPairsRefresher } from './open-pairs';
import { countOutboundCalls } from './outbound-metrics';
import { logOutboundCalls } from './outbound-log';

export interface Observability {
  /** Undefined when metrics are off (`BRIDGE_METRICS_PORT=off`): nothing is counted. */
  metrics: BridgeMetrics | undefined;
  /** Where `/metrics` answers; undefined when the listener could not start (the bridge runs on). */
  metricsUrl: string | undefined;
  stop(): Promise<void>;
}

export interface ObservabilityDeps {
  config: Config;
  logger: Logger;
  client: Client;
  worker: boolean;
  /** The SDK runtime's Prometheus endpoint, from `installRuntime`. */
  sdkMetricsUrl?: string;
}

export async function startObservability(deps: ObservabilityDeps): Promise<Observability> {
  const port = deps.config.metricsPort;
  const metrics = port === undefined ? undefined : createMetrics();
  const unsubscribe = deps.worker
    ? [logOutboundCalls(deps.logger), ...(metrics ? [countOutboundCalls(metrics)] : [])]
    : [];
  let server: MetricsServer | undefined;
  try {
    if (metrics && port !== undefined) {
      server = await startMetricsServer({
        port,
        registry: metrics.registry,
        sdkMetricsUrl: deps.sdkMetricsUrl,
        beforeScrape: openPairsRefresher(metrics, deps.client, deps.config.temporal.taskQueue),
      });
    }
  } catch (error) {
    // Metrics are for operators: a taken port must not stop webhooks from being served. Prometheus shows
    // the target down, and this line says why.
    deps.logger.error({ port, error: describeError(error) }, 'metrics listener not started');
  }
  return {
    metrics,
    metricsUrl: server?.url,
    stop: async () => {
      unsubscribe.forEach((stop) => stop());
      await server?.close();
    },
  };
}
