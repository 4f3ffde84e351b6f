/**
 * The pair's counts for the worker's metrics, taken at one place in the pair workflow (`apply` and the
 * signal handler): what became of each event, judged from the notes the reducer put on the timeline, and
 * the sync lag of each write an event caused. Everything here reads the workflow's state only.
 */
import { bridgeMetrics, type EventOutcome } from './metrics-sinks';
import type { PairEvent, PairInput, PairState, TimelineEntry } from './pair-types';

const DROPS: Record<string, EventOutcome> = { stale: 'stale', echo: 'echo', ignored: 'ignored' };

export function countDuplicate(event: PairEvent): void {
  bridgeMetrics.event(event.settings.integrationId, event.source, 'duplicate');
}

/** Counts the event once its reduction is known: dropped if the reducer noted why, applied otherwise. */
export function countEvent(event: PairEvent, before: PairState, after: PairState): void {
  bridgeMetrics.event(event.settings.integrationId, event.source, dropReason(event, before, after) ?? 'applied');
}

/** Why the reducer dropped the event, from the note it put on the timeline; undefined when it applied it. */
export function dropReason(event: PairEvent, before: PairState, after: PairState): EventOutcome | undefined {
  const drop = newNotes(before, after).find((entry) => entry.source === event.source && DROPS[entry.kind]);
  return drop ? DROPS[drop.kind] : undefined;
}

/**
 * Counts the lag of a write to the side the event did not come from, once it succeeded: from the event's
 * own time, or from `takenUpMs` (workflow time when the pair took it up) for events without one.
 */
export function countWrite(event: PairEvent, result: PairInput, takenUpMs: number): void {
  if (result.source !== 'bridge') return;
  const side =
    result.kind === 'incidentWritten'
      ? 'servicenow'
      : result.kind === 'alertSent' || (result.kind === 'alertGroupMoved' && !result.wrongState)
        ? 'oncall'
        : undefined;
  if (side === undefined || side === event.source) return;
  const direction = side === 'servicenow' ? 'oncall_to_servicenow' : 'servicenow_to_oncall';
  bridgeMetrics.synced(event.settings.integrationId, direction, eventTimeMs(event) ?? takenUpMs);
}

function eventTimeMs(event: PairEvent): number | undefined {
  // ServiceNow's `sys_updated_on` is `YYYY-MM-DD HH:mm:ss` in UTC.
  const text = event.source === 'oncall' ? event.eventTime : `${event.incident.updatedOn.replace(' ', 'T')}Z`;
  const ms = text === null ? NaN : Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The timeline entries the reduction added (the timeline is bounded, so its length alone does not say). */
function newNotes(before: PairState, after: PairState): TimelineEntry[] {
  const last = before.timeline[before.timeline.length - 1];
  if (!last) return after.timeline;
  const lastText = JSON.stringify(last);
  for (let i = after.timeline.length - 1; i >= 0; i--) {
    if (JSON.stringify(after.timeline[i]) === lastText) return after.timeline.slice(i + 1);
  }
  return after.timeline;
}
