/**
 * Whether an OnCall webhook's payload can be believed before it is written to ServiceNow. The receiver bounds
 * `event.time` to a window around its clock, but an old webhook re-sent with the valid credential and its
 * `event.time` moved to "now" would still look newer than anything the pair heard. Such a payload contradicts
 * what the pair already knows, and then the group is re-read from OnCall (the source of truth) instead: one
 * more call, only for events that contradict, so normal flows keep one call per synced change.
 */
import type { AlertGroupState } from '../src/integrations/oncall/types';
import { compareTimes, note } from './pair-state';
import type { OnCallEvent, PairCommand, PairState } from './pair-types';

/**
 * The timed events a person's single action sends from each status (oncall.md §4.4, the public API's
 * matrix; un-* events carry no time and are always re-read). A compound action (acknowledging a resolved
 * group, silencing an acknowledged one) sends one webhook for two steps, as does any event after a lost one:
 * those are re-read too, and the read shows the change.
 */
const SENT_FROM: Readonly<Record<AlertGroupState, readonly string[]>> = {
  firing: ['acknowledge', 'resolve', 'silence'],
  silenced: ['acknowledge', 'resolve', 'silence'],
  acknowledged: ['resolve'],
  resolved: [],
};

/**
 * Before a timed OnCall event is applied: a re-read of the group when the payload contradicts the pair,
 * `undefined` when the event may be applied (or is dropped as stale or for another group by the reducer).
 */
export function untrustedEvent(state: PairState, event: OnCallEvent, now: string): PairCommand[] | undefined {
  const known = state.oncall;
  // Reconciliation's events come from the bridge's own reads: they are the source of truth.
  if (event.via === 'reconciliation' || event.eventTime === null || known.state === null) return undefined;
  if (known.alertGroupId !== event.alertGroup.id) return undefined;
  if (known.version !== null && compareTimes(event.eventTime, known.version) < 0) return undefined;
  const echo = isOwnEcho(state, event);
  const why = contradiction(state, event, event.eventTime, echo);
  if (why === undefined) return undefined;
  const what = `${event.eventType} at ${event.eventTime}: alert group ${event.alertGroup.id}`;
  note(state, now, 'oncall', 'untrusted', `${what} ${why}; re-reading the group`);
  return [
    {
      kind: 'refresh',
      authority: 'oncall',
      authorityIsEcho: echo,
      alertGroupId: event.alertGroup.id,
      alertUid: null,
      oncallIntegrationId: event.settings.bridgeOnCallIntegrationId,
      sysId: null,
      correlationId: null,
      untrusted: true,
    },
  ];
}

/** What in the event contradicts the pair, or `undefined` when nothing does. */
function contradiction(state: PairState, event: OnCallEvent, eventTime: string, echo: boolean): string | undefined {
  const known = state.oncall;
  const changedAt = event.changedAt ?? null;
  if (changedAt !== null && known.version !== null) {
    const order = compareTimes(changedAt, known.version);
    // OnCall's `event.time` is the group's timestamp of the change: a change older than what the pair heard
    // under a newer `event.time` is an old webhook re-sent.
    if (order < 0) return `changed at ${changedAt}, before ${known.version}`;
    // The change the pair last heard, again: only a redelivery (same state, same time) is believed.
    if (order === 0) {
      const redelivery = event.alertGroup.state === known.state && compareTimes(eventTime, changedAt) === 0;
      return redelivery ? undefined : 'repeats a change already heard';
    }
  }
  // The bridge's own echoes follow its moves, which set the known state before they arrive.
  if (echo || known.state === null) return undefined;
  const redelivery = known.version !== null && compareTimes(eventTime, known.version) === 0;
  if (redelivery && event.alertGroup.state === known.state) return undefined;
  if (SENT_FROM[known.state].includes(event.eventType)) return undefined;
  return `does not follow ${known.state}`;
}

/** The bridge's own action, or the creation of the group its alert opened (as `observeOnCall` tells). */
function isOwnEcho(state: PairState, event: OnCallEvent): boolean {
  const byBridge = event.userId !== null && event.userId === event.settings.bridgeOnCallUserId;
  return byBridge || (state.key.origin === 'servicenow' && event.eventType === 'alert group created');
}
