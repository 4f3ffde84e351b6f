/** Construction of pair state and the small pure helpers the reducer shares. */
import type { PairKey } from './ids';
import type { PairState, TimelineEntry } from './pair-types';

export const TIMELINE_LIMIT = 100;
export const SEEN_KEYS_LIMIT = 200;

export function initialPairState(key: PairKey): PairState {
  return {
    key,
    settings: null,
    started: false,
    title: null,
    oncall: {
      alertGroupId: key.origin === 'oncall' ? key.sourceId : null,
      integrationId: null,
      state: null,
      version: null,
      message: '',
      permalink: null,
      alertRequested: false,
    },
    servicenow: {
      sysId: key.origin === 'servicenow' ? key.sourceId : null,
      number: null,
      state: null,
      modCount: null,
      updatedOn: null,
      createRequested: false,
    },
    desired: { servicenow: null, oncall: null },
    pending: { servicenow: null, oncall: null },
    moveAttempts: 0,
    seenKeys: [],
    timeline: [],
    lastError: null,
    updatedAt: null,
  };
}

/** Appends to the bounded timeline (oldest entries drop first). */
export function note(state: PairState, at: string, source: TimelineEntry['source'], kind: string, summary: string) {
  state.timeline.push({ at, source, kind, summary });
  if (state.timeline.length > TIMELINE_LIMIT) state.timeline.splice(0, state.timeline.length - TIMELINE_LIMIT);
  state.updatedAt = at;
}

/** Whether `key` was seen; remembers it when not (bounded: the oldest keys drop first). */
export function rememberKey(seenKeys: string[], key: string): boolean {
  if (seenKeys.includes(key)) return true;
  seenKeys.push(key);
  if (seenKeys.length > SEEN_KEYS_LIMIT) seenKeys.splice(0, seenKeys.length - SEEN_KEYS_LIMIT);
  return false;
}

/** Compares two OnCall times (ISO 8601, `Z` or `+00:00`, micro- or milliseconds). */
export function compareTimes(a: string, b: string): number {
  const [ma, mb] = [Date.parse(a), Date.parse(b)];
  if (!Number.isNaN(ma) && !Number.isNaN(mb) && ma !== mb) return ma < mb ? -1 : 1;
  // Equal to the millisecond: the microseconds of the same format still order them.
  const [na, nb] = [a.replace(/(Z|[+-]00:?00)$/, ''), b.replace(/(Z|[+-]00:?00)$/, '')];
  return na === nb ? 0 : na < nb ? -1 : 1;
}

/** The newer of two optional times. */
export function newestTime(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareTimes(a, b) >= 0 ? a : b;
}

/** A deep copy, so the reducer stays pure for its callers (the state is plain JSON). */
export function cloneState(state: PairState): PairState {
  return JSON.parse(JSON.stringify(state)) as PairState;
}
