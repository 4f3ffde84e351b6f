import { outboundCalls, type OutboundCall } from '../integrations/calls';
import type { BridgeMetrics } from './metrics';

/** Counts every outbound call by system and status class, its duration, and the 429s. Returns the unsubscribe. */
export function countOutboundCalls(metrics: BridgeMetrics): () => void {
  const listener = (message: unknown) => {
    const { system, status, ms } = message as OutboundCall;
    metrics.outboundCalls.inc({
      system,
      status: typeof status === 'number' ? `${Math.floor(status / 100)}xx` : status,
    });
    metrics.outboundDuration.observe({ system }, ms / 1000);
    if (status === 429) metrics.rateLimited.inc({ system });
  };
  outboundCalls.subscribe(listener);
  return () => void outboundCalls.unsubscribe(listener);
}
