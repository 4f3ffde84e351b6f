/**
 * Act-first moves: the bridge posts an OnCall action from the state the pair knows and learns no time of
 * it. Until the move's echo brings that time, a person's event cannot be ordered against the move.
 */
import type { AlertGroupState } from '../../../workflows/oncall-statuses';
import type { PairInput } from '../../../workflows/pair-types';
import { BRIDGE_INTEGRATION, BRIDGE_USER, created, moved, oncallEvent, run, snEvent, snKey } from './builders';

const SYS_ID = '9d385017c611228701d22104cc95c371';
const alertSent: PairInput = { source: 'bridge', kind: 'alertSent' };
const live = () => run(snKey, [snEvent('1', 0), alertSent, created({ alertUid: `servicenow:${SYS_ID}` })]).state;
/** The incident resolved by a person, and the bridge's resolve landed without a read. */
const resolvedUnversioned = () => run(snKey, [snEvent('6', 1), moved('resolved', false, undefined, null)], live());

function groupRead(state: AlertGroupState, version: string): PairInput {
  const group = { id: 'IAG000000001', integrationId: BRIDGE_INTEGRATION, state, version, title: null, permalink: null };
  return { source: 'bridge', kind: 'refreshed', authority: 'oncall', authorityIsEcho: false, group, incident: null };
}

describe('an act-first move', () => {
  it('when the incident is resolved, then the move starts from the state the pair knows', () => {
    const { commands } = run(snKey, [snEvent('6', 1)], live());
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'resolved', from: 'firing' },
    ]);
  });

  it("when the move's echo comes back, then nothing is read or written and the wait ends", () => {
    const echo = oncallEvent('resolved', { user: BRIDGE_USER, time: '2026-12-01T10:01:00.000000+00:00' });
    const { commands, state } = run(snKey, [echo], resolvedUnversioned().state);
    expect(commands).toEqual([]);
    expect(state.oncall.awaitingEcho).toBeNull();
    expect(state.oncall.version).toBe('2026-12-01T10:01:00.000000+00:00');
  });

  it("when a person's acknowledge arrives before the echo, then the group alone is re-read instead of applied", () => {
    const ack = oncallEvent('acknowledged', { time: '2026-12-01T10:00:30.000000+00:00' });
    const { commands, state } = run(snKey, [ack], resolvedUnversioned().state);
    expect(commands).toEqual([
      {
        kind: 'refresh',
        authority: 'oncall',
        authorityIsEcho: false,
        alertGroupId: 'IAG000000001',
        alertUid: null,
        oncallIntegrationId: BRIDGE_INTEGRATION,
        sysId: null,
        correlationId: null,
      },
    ]);
    expect(state.oncall.state).toBe('resolved');
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'unordered' });
  });

  it('when the re-read finds the group where the bridge put it, then that older acknowledge writes nothing', () => {
    const ack = oncallEvent('acknowledged', { time: '2026-12-01T10:00:30.000000+00:00' });
    const { commands, state } = run(
      snKey,
      [ack, groupRead('resolved', '2026-12-01T10:01:00Z')],
      resolvedUnversioned().state,
    );
    expect(commands.filter((c) => c.kind !== 'refresh')).toEqual([]);
    expect(state.servicenow.state).toBe('6');
    expect(state.oncall.awaitingEcho).toBeNull();
  });

  it("when the re-read finds a person's newer change, then it goes to ServiceNow", () => {
    const ack = oncallEvent('acknowledged', { time: '2026-12-01T10:02:00.000000+00:00' });
    const { last } = run(snKey, [ack, groupRead('acknowledged', '2026-12-01T10:02:00Z')], resolvedUnversioned().state);
    expect(last.commands).toMatchObject([{ kind: 'updateIncident', fields: { state: '2' } }]);
  });

  it('when the echo came back first, then a later person event applies directly', () => {
    const echo = oncallEvent('acknowledged', { user: BRIDGE_USER, time: '2026-12-01T10:01:00.000000+00:00' });
    const mid = run(snKey, [snEvent('2', 1), moved('acknowledged', false, undefined, null), echo], live());
    const resolve = oncallEvent('resolved', { time: '2026-12-01T10:02:00.000000+00:00' });
    const { commands } = run(snKey, [resolve], mid.state);
    expect(commands).toMatchObject([{ kind: 'updateIncident', fields: { state: '6' } }]);
  });

  it('when a move read the group back (a retry), then nothing waits for its echo', () => {
    const { state } = run(snKey, [snEvent('6', 1), moved('resolved')], live());
    expect(state.oncall.awaitingEcho ?? null).toBeNull();
  });
});
