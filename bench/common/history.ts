/**
 * History events and encoded bytes of pair workflows, as the server stores them, and where their time
 * went: waiting in a task queue versus running on the worker, for workflow tasks and activities.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const EventType = temporal.api.enums.v1.EventType;

export interface HistoryCost {
  pairs: number;
  eventsMean: number;
  eventsMax: number;
  bytesMean: number;
  /** Mean count per event type over the sampled pairs. */
  byType: Record<string, number>;
  /** Mean ms per pair lifecycle spent in each phase. */
  phasesMs: Record<Phase, number>;
}

type Phase = 'workflowTaskQueued' | 'workflowTaskRunning' | 'activityQueued' | 'activityRunning';

const millis = (event: HistoryEvent | undefined) => {
  const time = event?.eventTime;
  return time ? Number(time.seconds ?? 0) * 1000 + (time.nanos ?? 0) / 1e6 : Number.NaN;
};

/** Sums the phases of one history, pairing each started/completed event with the one it refers to. */
function phases(events: HistoryEvent[]): Record<Phase, number> {
  const byId = new Map(events.map((e) => [Number(e.eventId), e]));
  const out: Record<Phase, number> = {
    workflowTaskQueued: 0,
    workflowTaskRunning: 0,
    activityQueued: 0,
    activityRunning: 0,
  };
  const add = (phase: Phase, from: HistoryEvent | undefined, to: HistoryEvent) => {
    const ms = millis(to) - millis(from);
    if (Number.isFinite(ms)) out[phase] += ms;
  };
  for (const e of events) {
    const wftStarted = e.workflowTaskStartedEventAttributes;
    if (wftStarted) add('workflowTaskQueued', byId.get(Number(wftStarted.scheduledEventId)), e);
    const wftDone = e.workflowTaskCompletedEventAttributes;
    if (wftDone) add('workflowTaskRunning', byId.get(Number(wftDone.startedEventId)), e);
    const actDone = e.activityTaskCompletedEventAttributes;
    if (actDone) {
      // Activity started events are written at completion, so their time is taken from the scheduled one.
      const scheduled = byId.get(Number(actDone.scheduledEventId));
      const started = byId.get(Number(actDone.startedEventId));
      add('activityQueued', scheduled, started ?? e);
      if (started) add('activityRunning', started, e);
    }
  }
  return out;
}

export async function historyCost(client: Client, workflowIds: string[]): Promise<HistoryCost> {
  const counts: number[] = [];
  const bytes: number[] = [];
  const byType: Record<string, number> = {};
  const phaseTotals: Record<Phase, number> = {
    workflowTaskQueued: 0,
    workflowTaskRunning: 0,
    activityQueued: 0,
    activityRunning: 0,
  };
  for (const id of workflowIds) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const events = history.events ?? [];
    counts.push(events.length);
    bytes.push(temporal.api.history.v1.History.encode(history).finish().length);
    for (const e of events) {
      const name = (EventType[e.eventType ?? 0] ?? 'UNKNOWN').replace('EVENT_TYPE_', '');
      byType[name] = (byType[name] ?? 0) + 1;
    }
    const p = phases(events);
    for (const key of Object.keys(p) as Phase[]) phaseTotals[key] += p[key];
  }
  const n = Math.max(1, workflowIds.length);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / n;
  const perPair = <K extends string>(record: Record<K, number>) =>
    Object.fromEntries(Object.entries<number>(record).map(([k, v]) => [k, Math.round((v / n) * 10) / 10])) as Record<
      K,
      number
    >;
  return {
    pairs: workflowIds.length,
    eventsMean: mean(counts),
    eventsMax: Math.max(0, ...counts),
    bytesMean: mean(bytes),
    byType: perPair(byType),
    phasesMs: perPair(phaseTotals),
  };
}
