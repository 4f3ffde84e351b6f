/**
 * Ordering OnCall events against the bridge's own moves when the move did not read the group back. An
 * action's answer carries no time, so until the move's echo webhook brings it, a person's event cannot be
 * told apart from one that happened before the move (and would undo it if applied): the group is re-read
 * instead, which costs one call only in that race.
 */
import { note } from './pair-state';
import type { MovedAlertGroup, OnCallEvent, PairCommand, PairState } from './pair-types';

/** After a move: wait for its echo when the move learnt no version of the group. */
export function awaitEcho(state: PairState, group: MovedAlertGroup, wrongState: boolean, acted: boolean): void {
  const waits = !wrongState && acted && group.version === null;
  if (waits) state.oncall.awaitingEcho = group.state;
  else if (state.oncall.awaitingEcho) state.oncall.awaitingEcho = null;
}

/**
 * Before an OnCall event with a time is applied: the move's own echo ends the wait (its time becomes the
 * version); anyone else's event while waiting becomes a re-read of the group, with OnCall as the authority.
 */
export function unorderedEvent(state: PairState, event: OnCallEvent, now: string): PairCommand[] | undefined {
  const waiting = state.oncall.awaitingEcho;
  if (!waiting || event.eventTime === null || event.alertGroup.id !== state.oncall.alertGroupId) return undefined;
  const ownEcho = event.userId !== null && event.userId === event.settings.bridgeOnCallUserId;
  if (ownEcho) {
    if (event.alertGroup.state === waiting) state.oncall.awaitingEcho = null;
    return undefined;
  }
  const what = `${event.eventType} at ${event.eventTime}: alert group ${event.alertGroup.id}`;
  note(state, now, 'oncall', 'unordered', `${what} may be older than the bridge's ${waiting}; re-reading the group`);
  return [
    {
      kind: 'refresh',
      authority: 'oncall',
      authorityIsEcho: false,
      alertGroupId: event.alertGroup.id,
      alertUid: null,
      oncallIntegrationId: event.settings.bridgeOnCallIntegrationId,
      sysId: null,
      correlationId: null,
    },
  ];
}
