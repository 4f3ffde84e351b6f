/**
 * The bridge's own Prometheus metrics (prom-client), one registry per process. Labels are bounded: per
 * integration, source, side, system, kind and outcome, never per pair. METRICS below is the one list of
 * names; the dashboard test checks every query against it. What each counts is in README "Metrics".
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export const METRICS = {
  webhooks: 'bridge_webhooks_total',
  events: 'bridge_events_total',
  writes: 'bridge_writes_total',
  syncLag: 'bridge_sync_lag_seconds',
  openPairs: 'bridge_open_pairs',
  reconcileRuns: 'bridge_reconcile_runs_total',
  driftFound: 'bridge_reconcile_drift_found_total',
  driftRepaired: 'bridge_reconcile_drift_repaired_total',
  outboundCalls: 'bridge_outbound_calls_total',
  rateLimited: 'bridge_outbound_rate_limited_total',
  outboundDuration: 'bridge_outbound_call_duration_seconds',
} as const;

/** The label an integration id is counted under when the request named none the bridge knows. */
export const UNKNOWN_INTEGRATION = 'unknown';

export type BridgeMetrics = ReturnType<typeof createMetrics>;

/**
 * How often the event-loop delay is sampled. prom-client's default, 10 ms, wakes the process 100 times a
 * second whatever it is doing: 4 ms of CPU per second on an idle process here, against 0.4 ms at 100 ms
 * (docs/PERFORMANCE.md). A stall still shows, as the lateness of the sample it held up; the lag
 * percentiles just come from 10 samples a second instead of 100.
 */
const EVENT_LOOP_SAMPLE_MS = 100;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'bridge_', eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  const registers = [registry];
  const perIntegration = (name: string, help: string) =>
    new Counter({ name, help, labelNames: ['integration'] as const, registers });
  return {
    registry,
    webhooks: new Counter({
      name: METRICS.webhooks,
      help: 'Webhook calls answered, by source, integration (unknown when not found) and HTTP status',
      labelNames: ['source', 'integration', 'status'] as const,
      registers,
    }),
    events: new Counter({
      name: METRICS.events,
      help: 'Events taken up by pair workflows: applied, or dropped as duplicate, echo, stale or ignored',
      labelNames: ['integration', 'source', 'outcome'] as const,
      registers,
    }),
    writes: new Counter({
      name: METRICS.writes,
      help: 'Write attempts by side, kind and outcome (ok, retried, failed) with the failure type',
      labelNames: ['integration', 'side', 'kind', 'outcome', 'failure_type'] as const,
      registers,
    }),
    syncLag: new Histogram({
      name: METRICS.syncLag,
      help: "From the source's event time (or when the pair took the event up) to the write's success",
      labelNames: ['integration', 'direction'] as const,
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers,
    }),
    openPairs: new Gauge({
      name: METRICS.openPairs,
      help: 'Pair workflows running, per integration (from Temporal visibility at scrape time)',
      labelNames: ['integration'] as const,
      registers,
    }),
    reconcileRuns: perIntegration(METRICS.reconcileRuns, 'Reconciliation runs completed'),
    driftFound: perIntegration(
      METRICS.driftFound,
      'Items reconciliation found out of sync (missed changes, orphans, busy pairs left for later)',
    ),
    driftRepaired: perIntegration(
      METRICS.driftRepaired,
      'Items reconciliation repaired (missed changes delivered, orphans adopted)',
    ),
    outboundCalls: new Counter({
      name: METRICS.outboundCalls,
      help: 'Calls to ServiceNow and OnCall by system and status (HTTP status class, timeout or network)',
      labelNames: ['system', 'status'] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: METRICS.rateLimited,
      help: 'Calls ServiceNow or OnCall answered 429 (the write waits for Retry-After)',
      labelNames: ['system'] as const,
      registers,
    }),
    outboundDuration: new Histogram({
      name: METRICS.outboundDuration,
      help: 'Duration of calls to ServiceNow and OnCall',
      labelNames: ['system'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
  };
}
