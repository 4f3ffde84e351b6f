/**
 * Counts that only workflow code can see, handed out through a Temporal sink: workflow code cannot touch
 * prom-client (the sandbox, and replays would count twice), and a sink call is not part of the history. The
 * worker registers the sink with `callDuringReplay: false`, so each call counts once however often the
 * workflow is replayed. Arguments are plain values; the worker turns them into labelled metrics.
 */
import { proxySinks, type Sinks } from '@temporalio/workflow';

/** What became of an event a pair took up (`duplicate` ones are dropped by the signal handler). */
export type EventOutcome = 'applied' | 'duplicate' | 'echo' | 'stale' | 'ignored';
export type SyncDirection = 'oncall_to_servicenow' | 'servicenow_to_oncall';

export interface BridgeSinks extends Sinks {
  bridgeMetrics: {
    event(integrationId: string, source: 'oncall' | 'servicenow', outcome: EventOutcome): void;
    /** A write caused by an event succeeded; `sinceMs` is the event's time (epoch ms). */
    synced(integrationId: string, direction: SyncDirection, sinceMs: number): void;
    reconciled(integrationId: string, found: number, repaired: number): void;
  };
}

export const { bridgeMetrics } = proxySinks<BridgeSinks>();
