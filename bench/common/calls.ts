/**
 * The bridge's outbound calls as both emulators logged them (issue 20): reads and writes per side and the
 * 429s, over a step's window, and per synced change. Counted from the emulators' request logs, not from
 * the bridge's own counters, so the figure holds whatever the bridge believes it did.
 */
import { INTEGRATION_USER, type Emulators } from './emulators';
import { apiRequests, bodyField, type ApiRequest } from './logs';
import { sleep } from './pace';
import type { StepResult } from './step';

/** The OnCall user whose API key the bench gives the bridge. */
export const BRIDGE_ONCALL_USER = 'bridge-bot';

export interface SideCalls {
  reads: number;
  writes: number;
  /** Calls answered 429 (counted in reads or writes too). */
  refused429: number;
}

export interface StepCalls {
  servicenow: SideCalls;
  oncall: SideCalls;
  /** Synced changes in the window (the step's completed events). */
  changes: number;
  /** All calls of both sides over `changes`. */
  perChange: number;
}

export interface CallMark {
  sn: number;
  oc: number;
}

export async function markCalls(emulators: Pick<Emulators, 'snUrl' | 'ocUrl'>): Promise<CallMark> {
  const [sn, oc] = await Promise.all([apiRequests(emulators.snUrl), apiRequests(emulators.ocUrl)]);
  return { sn: sn.length, oc: oc.length };
}

const isBridgeServiceNow = (r: ApiRequest) => r.user === INTEGRATION_USER.user_name;
/**
 * API calls with the bridge's key, and the bridge's alerts to the inbound URL (no user: the URL's token is
 * the credential), told from the bench's own alerts by the `alert_uid` the bridge gives ServiceNow-born ones.
 */
const isBridgeOnCall = (r: ApiRequest) =>
  r.user === BRIDGE_ONCALL_USER ||
  (r.path.startsWith('/integrations/') && String(bodyField(r, 'alert_uid') ?? '').startsWith('servicenow:'));

function sideCalls(log: ApiRequest[]): SideCalls {
  const reads = log.filter((r) => r.method === 'GET').length;
  return { reads, writes: log.length - reads, refused429: log.filter((r) => r.status === 429).length };
}

/**
 * The bridge's calls since `mark`, once both logs have stopped growing for `quietMs` (the echoes of the
 * step's writes and whatever they cause belong to the step), at most `maxWaitMs`.
 */
export async function callsSince(
  emulators: Pick<Emulators, 'snUrl' | 'ocUrl'>,
  mark: CallMark,
  changes: number,
  { quietMs = 2000, maxWaitMs = 30_000 } = {},
): Promise<StepCalls> {
  const read = async () => {
    const [sn, oc] = await Promise.all([apiRequests(emulators.snUrl, mark.sn), apiRequests(emulators.ocUrl, mark.oc)]);
    return { sn: sn.filter(isBridgeServiceNow), oc: oc.filter(isBridgeOnCall) };
  };
  const deadline = Date.now() + maxWaitMs;
  let logs = await read();
  for (;;) {
    await sleep(quietMs);
    const next = await read();
    const settled = next.sn.length === logs.sn.length && next.oc.length === logs.oc.length;
    logs = next;
    if (settled || Date.now() > deadline) break;
  }
  const servicenow = sideCalls(logs.sn);
  const oncall = sideCalls(logs.oc);
  const total = servicenow.reads + servicenow.writes + oncall.reads + oncall.writes;
  return { servicenow, oncall, changes, perChange: changes > 0 ? total / changes : 0 };
}

/** The calls of several steps together (the lifecycle mix). */
export function sumCalls(list: StepCalls[]): StepCalls {
  const side = (pick: (c: StepCalls) => SideCalls): SideCalls => ({
    reads: list.reduce((n, c) => n + pick(c).reads, 0),
    writes: list.reduce((n, c) => n + pick(c).writes, 0),
    refused429: list.reduce((n, c) => n + pick(c).refused429, 0),
  });
  const servicenow = side((c) => c.servicenow);
  const oncall = side((c) => c.oncall);
  const changes = list.reduce((n, c) => n + c.changes, 0);
  const total = servicenow.reads + servicenow.writes + oncall.reads + oncall.writes;
  return { servicenow, oncall, changes, perChange: changes > 0 ? total / changes : 0 };
}

/** `SN 1.00w 0.00r, OnCall 0.00w 1.00r` per change, for the table's notes and the targets. */
export function describeCalls(calls: StepCalls): string {
  const per = (n: number) => (calls.changes > 0 ? (n / calls.changes).toFixed(2) : '-');
  const side = (name: string, c: SideCalls) =>
    `${name} ${per(c.writes)} writes + ${per(c.reads)} reads${c.refused429 ? ` (${c.refused429} x 429)` : ''}`;
  return `${calls.perChange.toFixed(2)} calls/change: ${side('ServiceNow', calls.servicenow)}, ${side('OnCall', calls.oncall)}`;
}

export function withCalls(step: StepResult, calls: StepCalls): StepResult {
  return { ...step, extra: { ...step.extra, calls } };
}

/** The calls a step recorded, if it counted them. */
export const callsOf = (step: StepResult): StepCalls | undefined => step.extra?.calls as StepCalls | undefined;
