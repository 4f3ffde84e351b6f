/**
 * Exactly-once creates across crashes. A create's first attempt runs as a local activity inside the
 * workflow task that decided it; if that worker dies before the task completes, nothing of the attempt is
 * in the history and the next worker runs the task, and the create, again, although the incident or alert
 * may already exist. Looking it up first every time would cost a call on every create; instead the pair
 * looks only when an earlier attempt is possible, and first at what it already holds
 * (docs/RELIABILITY.md, "Exactly once across crashes").
 */
import { workflowInfo } from '@temporalio/workflow';
import type { IncidentSnapshot, PairEvent } from './pair-types';

/** What the pair knows when it runs a command: the event being applied and the events still queued. */
export interface CommandContext {
  /** When the bridge handed the event being applied to Temporal (absent in older histories). */
  sentAt?: number;
  queue: readonly PairEvent[];
}

/** Histories written before creates used what the queue shows run the create without looking. */
export const FIND_BEFORE_CREATE = 'find-before-create';

/**
 * Whether this create may have run before, in an earlier attempt of this workflow task. A task that is
 * run again after its worker died starts at least one task timeout (10 s by default) after the first
 * attempt started, which was after the event arrived; an event sent less than half that before this task
 * started (workflow time is the task's start) cannot be such a re-run. The other half is room for the
 * clocks of the bridge's hosts and the Temporal server to differ. A later task (a backlog, an activity in
 * between) only makes the create look when it need not.
 */
export function mayHaveRunBefore(context: CommandContext | undefined): boolean {
  if (context?.sentAt === undefined) return true;
  return Date.now() - context.sentAt >= workflowInfo().taskTimeoutMs / 2;
}

/**
 * The incident the queue already shows for this correlation id: the Business Rule reported the insert
 * made by an earlier attempt of this create before the pair got to apply it.
 */
export function queuedIncident(context: CommandContext | undefined, correlationId: string): IncidentSnapshot | null {
  for (const event of context?.queue ?? []) {
    if (event.source === 'servicenow' && event.incident.correlationId === correlationId) {
      const { description: _description, ...incident } = event.incident;
      return incident;
    }
  }
  return null;
}

/** Whether the queue holds OnCall's webhook of an alert group opened by this `alert_uid`. */
export function queuedAlertGroup(context: CommandContext | undefined, alertUid: string): boolean {
  return (context?.queue ?? []).some((event) => event.source === 'oncall' && event.alertGroup.alertUid === alertUid);
}
