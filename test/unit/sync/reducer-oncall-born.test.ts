import { reducePair } from '../../../workflows/pair-reducer';
import { initialPairState } from '../../../workflows/pair-state';
import { toPairSettings } from '../../../workflows/settings';
import {
  BRIDGE_USER,
  CONNECTED_OFF,
  CONNECTED_ON,
  created,
  incidentWritten,
  integrationSettings,
  oncallEvent,
  oncallKey,
  refreshed,
  run,
  settings,
  snEvent,
  SN_USER,
} from './builders';

const afterCreate = () => run(oncallKey, [created(), incidentWritten('1', 0, true)]).state;

describe('an OnCall-born pair', () => {
  it('when the alert group is created, then exactly one incident is created with the marker and mapping', () => {
    const { commands } = run(oncallKey, [created()]);
    expect(commands).toEqual([
      {
        kind: 'createIncident',
        correlationId: 'oncall:IAG000000001',
        fields: {
          short_description: 'Checkout API 5xx rate above 5%',
          description:
            '5xx ratio 7.3% over 5m\n\nAlert group: https://acme.grafana.net/a/grafana-oncall-app/alert-groups/IAG000000001',
          correlation_id: 'oncall:IAG000000001',
          correlation_display: 'Grafana OnCall',
          state: '1',
        },
      },
    ]);
  });

  it('when firing is mapped to nothing, then the incident is created without a state field', () => {
    const unmapped = toPairSettings(
      integrationSettings({ stateMapping: { firing: null, acknowledged: '2', resolved: '6', silenced: null } }),
    );
    const { commands } = run(oncallKey, [created({ with: unmapped })]);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ kind: 'createIncident' });
    expect(commands[0]?.kind === 'createIncident' && 'state' in commands[0].fields).toBe(false);
  });

  it('when the created webhook is delivered again, then no second incident is requested', () => {
    const { commands } = run(oncallKey, [created(), created()]);
    expect(commands.filter((c) => c.kind === 'createIncident')).toHaveLength(1);
  });

  it('when a person acknowledges, then the incident goes In Progress', () => {
    const { commands } = run(
      oncallKey,
      [oncallEvent('acknowledged', { time: '2026-12-01T10:05:00+00:00' })],
      afterCreate(),
    );
    expect(commands).toEqual([
      {
        kind: 'updateIncident',
        sysId: '9d385017c611228701d22104cc95c371',
        fields: { state: '2' },
        known: { modCount: 0, fields: { state: '1' } },
      },
    ]);
  });

  it('when acknowledged is mapped to On Hold, then the write carries the hold_reason its data policy needs', () => {
    const onHold = toPairSettings(
      integrationSettings({ stateMapping: { firing: '1', acknowledged: '3', resolved: '6', silenced: null } }),
    );
    const ack = oncallEvent('acknowledged', { time: '2026-12-01T10:05:00+00:00', with: onHold });
    const { commands } = run(oncallKey, [ack], afterCreate());
    expect(commands).toMatchObject([{ kind: 'updateIncident', fields: { state: '3', hold_reason: '1' } }]);
  });

  it('when a person resolves, then the write carries close_code and close_notes', () => {
    const { commands } = run(oncallKey, [oncallEvent('resolved')], afterCreate());
    expect(commands).toEqual([
      {
        kind: 'updateIncident',
        sysId: '9d385017c611228701d22104cc95c371',
        fields: {
          state: '6',
          close_code: settings.closeCode,
          close_notes: 'Resolved in Grafana OnCall (alert group IAG000000001).',
        },
        known: { modCount: 0, fields: { state: '1' } },
      },
    ]);
    expect(settings.closeCode).toBe('Solution provided');
  });

  it('when the status is mapped to nothing (silenced), then nothing is written and the timeline says so', () => {
    const { commands, state } = run(oncallKey, [oncallEvent('silenced')], afterCreate());
    expect(commands).toEqual([]);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'unmapped' });
  });

  it('when an event without a time (un-*) arrives, then the group is re-read instead of trusting the payload', () => {
    const { commands } = run(oncallKey, [oncallEvent('firing', { type: 'unacknowledge', time: null })], afterCreate());
    expect(commands).toEqual([
      expect.objectContaining({ kind: 'refresh', authority: 'oncall', authorityIsEcho: false }),
    ]);
  });

  it('when the incident already has the state of the re-read group, then nothing is written', () => {
    const event = oncallEvent('firing', { type: 'unacknowledge', time: null });
    const { commands } = run(oncallKey, [event, refreshed('firing', '1', 1)], afterCreate());
    expect(commands.filter((c) => c.kind !== 'refresh')).toEqual([]);
  });

  it('when a person unresolves (no event time), then the re-read state reaches ServiceNow', () => {
    const event = oncallEvent('firing', { type: 'unresolve', time: null });
    const { last } = run(oncallKey, [event, refreshed('firing', '6', 2)], afterCreate());
    expect(last.commands).toEqual([
      {
        kind: 'updateIncident',
        sysId: expect.any(String),
        fields: { state: '1' },
        known: { modCount: 2, fields: { state: '6' } },
      },
    ]);
  });

  it('when an old unresolve is re-sent after a newer acknowledge, then nothing stale is written', () => {
    const acked = run(oncallKey, [oncallEvent('acknowledged', { time: '2026-12-01T10:15:00+00:00' })], afterCreate());
    const echo = run(oncallKey, [incidentWritten('2', 1)], acked.state);
    const late = oncallEvent('firing', { type: 'unresolve', time: null });
    const { last, state } = run(oncallKey, [late, refreshed('acknowledged', '2', 1)], echo.state);
    expect(last.commands).toEqual([]);
    expect(state.oncall.state).toBe('acknowledged');
  });

  it("when the bridge's own un-* action comes back, then nothing is read or written", () => {
    const event = oncallEvent('firing', { type: 'unresolve', time: null, user: BRIDGE_USER });
    const { commands, state } = run(oncallKey, [event], afterCreate());
    expect(commands).toEqual([]);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'echo' });
  });

  it('when an equal write is still pending, then it is not requested twice', () => {
    const first = run(oncallKey, [oncallEvent('acknowledged', { time: '2026-12-01T10:05:00+00:00' })], afterCreate());
    const again = run(oncallKey, [oncallEvent('acknowledged', { time: '2026-12-01T10:05:01+00:00' })], first.state);
    expect(first.commands).toHaveLength(1);
    expect(again.commands).toEqual([]);
  });

  it('when an older event arrives after a newer one, then it is dropped', () => {
    const base = afterCreate();
    const resolved = run(oncallKey, [oncallEvent('resolved', { time: '2026-12-01T10:10:00+00:00' })], base);
    const late = run(oncallKey, [oncallEvent('acknowledged', { time: '2026-12-01T10:05:00+00:00' })], resolved.state);
    expect(late.commands).toEqual([]);
    expect(late.state.oncall.state).toBe('resolved');
    expect(late.state.timeline.at(-1)).toMatchObject({ kind: 'stale' });
  });

  it("when the bridge's own OnCall action comes back, then it only updates what is known", () => {
    const { commands, state } = run(oncallKey, [oncallEvent('acknowledged', { user: BRIDGE_USER })], afterCreate());
    expect(commands).toEqual([]);
    expect(state.oncall.state).toBe('acknowledged');
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'echo' });
  });

  it("when ServiceNow reports the integration user's change, then nothing goes to OnCall", () => {
    const { commands } = run(oncallKey, [snEvent('2', 1, { user: SN_USER })], afterCreate());
    expect(commands).toEqual([]);
  });

  it('when a person changes the incident, then the alert group of the bridge integration follows', () => {
    const { commands } = run(oncallKey, [snEvent('2', 1)], afterCreate());
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'acknowledged', from: 'firing' },
    ]);
  });

  it('when the group belongs to a connection with backsync off, then OnCall is never written', () => {
    const start = run(oncallKey, [created({ integrationId: CONNECTED_OFF }), incidentWritten('1', 0, true)]);
    const { commands, state } = run(oncallKey, [snEvent('6', 1)], start.state);
    expect(start.commands).toHaveLength(1);
    expect(commands).toEqual([]);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'backsync_off' });
  });

  it('when the group belongs to a connection with backsync on, then OnCall follows', () => {
    const start = run(oncallKey, [created({ integrationId: CONNECTED_ON }), incidentWritten('1', 0, true)]);
    const { commands } = run(oncallKey, [snEvent('6', 1)], start.state);
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'resolved', from: 'firing' },
    ]);
  });

  it('when the group belongs to an integration that is not connected, then no incident is created', () => {
    const { commands, state } = run(oncallKey, [created({ integrationId: 'COTHER0000001' })]);
    expect(commands).toEqual([]);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'skipped' });
  });

  it('when the incident is Closed, then OnCall changes write nothing more to ServiceNow', () => {
    const closed = run(oncallKey, [snEvent('7', 1), moved('resolved')], afterCreate());
    const { commands, state } = run(
      oncallKey,
      [oncallEvent('firing', { type: 'unresolve', time: null }), refreshed('firing', '7', 2)],
      closed.state,
    );
    expect(closed.commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'resolved', from: 'firing' },
    ]);
    expect(commands.filter((c) => c.kind !== 'refresh')).toEqual([]);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'terminal' });
  });

  it('does not modify the state it is given', () => {
    const before = initialPairState(oncallKey);
    const copy = JSON.parse(JSON.stringify(before));
    reducePair(before, created(), '2026-12-01T10:00:00Z');
    expect(before).toEqual(copy);
  });
});

function moved(state: 'resolved' | 'acknowledged') {
  return {
    source: 'bridge' as const,
    kind: 'alertGroupMoved' as const,
    group: { id: 'IAG000000001', integrationId: 'CBRIDGE000001', state, version: null, title: null, permalink: null },
    actions: [],
    wrongState: false,
  };
}
