import { reducePair } from '../../../workflows/pair-reducer';
import { initialPairState } from '../../../workflows/pair-state';
import type { AlertGroupState } from '../../../src/integrations/oncall/types';
import type { OnCallEvent, PairCommand, PairInput, PairState } from '../../../workflows/pair-types';
import { BRIDGE_USER, created, incidentWritten, oncallEvent, oncallKey } from './builders';

const NOW = '2026-12-01T11:00:00.000Z';
const T0 = '2026-12-01T10:00:00.000000';
const T1 = '2026-12-01T10:05:00.000000';
const T2 = '2026-12-01T10:10:00.000000';
const T3 = '2026-12-01T10:15:00.000000';
const MOVED = '2026-12-01T10:59:00.000000+00:00';

/** Feeds inputs as the pair workflow does when the run has the `oncall-distrust` patch. */
function run(inputs: PairInput[], from: PairState = initialPairState(oncallKey)) {
  let state = from;
  const commands: PairCommand[] = [];
  let last: PairCommand[] = [];
  for (const input of inputs) {
    const reduction = reducePair(state, input, NOW, { distrust: true });
    state = reduction.state;
    last = reduction.commands;
    commands.push(...last);
  }
  return { state, commands, last };
}

/** An OnCall webhook as OnCall sends it: `event.time` (`+00:00`) is the group's timestamp (`Z`) of the change. */
function sent(state: AlertGroupState, changedAt: string, options: Parameters<typeof oncallEvent>[1] = {}) {
  const event: OnCallEvent = oncallEvent(state, { time: `${changedAt}+00:00`, ...options });
  return { ...event, changedAt: `${changedAt}Z` };
}

/** The same webhook re-sent later with only its `event.time` moved forward. */
function replayed(event: OnCallEvent, time = MOVED): OnCallEvent {
  return { ...event, eventTime: time, key: `oncall:${event.alertGroup.id}:${event.eventType}:${time}` };
}

function reread(group: AlertGroupState, version: string): PairInput {
  return {
    source: 'bridge',
    kind: 'refreshed',
    authority: 'oncall',
    authorityIsEcho: false,
    untrusted: true,
    group: { id: 'IAG000000001', integrationId: 'CBRIDGE000001', state: group, version, title: null, permalink: null },
    incident: null,
  };
}

const ack = sent('acknowledged', T1);
const resolve = sent('resolved', T2);

/** Created, acknowledged and resolved in OnCall, each written to the incident. */
function resolvedPair(): PairState {
  return run([
    created({ time: `${T0}+00:00` }),
    incidentWritten('1', 0, true),
    ack,
    incidentWritten('2', 1),
    resolve,
    incidentWritten('6', 2),
  ]).state;
}

const updates = (commands: PairCommand[]) => commands.filter((c) => c.kind === 'updateIncident');

describe('an OnCall event whose payload contradicts what the pair knows', () => {
  it('when an old acknowledge is re-sent after the resolve with its event time moved, then the group is re-read and nothing written', () => {
    const replay = run([replayed(ack)], resolvedPair());
    expect(replay.last).toEqual([
      expect.objectContaining({ kind: 'refresh', authority: 'oncall', alertGroupId: 'IAG000000001', untrusted: true }),
    ]);
    expect(replay.state.timeline.at(-1)).toMatchObject({ source: 'oncall', kind: 'untrusted' });

    const after = run([reread('resolved', `${T2}Z`)], replay.state);
    expect(after.commands).toEqual([]);
    expect(after.state.oncall.state).toBe('resolved');
    expect(after.state.servicenow.state).toBe('6');
  });

  it('when the newest change is re-sent with its event time moved, then it is re-read, not applied again', () => {
    const { last } = run([replayed(resolve)], resolvedPair());
    expect(last).toEqual([expect.objectContaining({ kind: 'refresh', untrusted: true })]);
  });

  it('when an acknowledge follows a resolve with no unresolve between, then the re-read state is written', () => {
    const compound = run([sent('acknowledged', T3)], resolvedPair());
    expect(compound.last).toEqual([expect.objectContaining({ kind: 'refresh', untrusted: true })]);
    const after = run([reread('acknowledged', `${T3}Z`)], compound.state);
    expect(updates(after.commands)).toEqual([expect.objectContaining({ fields: { state: '2' } })]);
  });

  it("when the bridge's own echo carries a change older than what the pair heard, then it is re-read as an echo", () => {
    const { last } = run([replayed(sent('acknowledged', T1, { user: BRIDGE_USER }))], resolvedPair());
    expect(last).toEqual([expect.objectContaining({ kind: 'refresh', authorityIsEcho: true, untrusted: true })]);
  });
});

describe('OnCall events that agree with what the pair knows cost no read', () => {
  it('when a person unresolves and then acknowledges, then each change is written and only the un-* event is read', () => {
    const unresolved = run([oncallEvent('firing', { type: 'unresolve', time: null })], resolvedPair());
    expect(unresolved.last).toEqual([expect.objectContaining({ kind: 'refresh' })]);
    const firing = run([reread('firing', `${T2}Z`), incidentWritten('1', 3)], unresolved.state);
    const acked = run([sent('acknowledged', T3)], firing.state);
    expect(acked.last).toEqual([expect.objectContaining({ kind: 'updateIncident', fields: { state: '2' } })]);
  });

  it('when each change arrives once in order, then no event is re-read', () => {
    const { commands } = run([
      created({ time: `${T0}+00:00` }),
      incidentWritten('1', 0, true),
      ack,
      incidentWritten('2', 1),
      resolve,
    ]);
    expect(commands.map((c) => c.kind)).toEqual(['createIncident', 'updateIncident', 'updateIncident']);
  });

  it('when the same webhook is delivered again (same time), then it is not re-read', () => {
    const { last } = run([resolve], resolvedPair());
    expect(last).toEqual([]);
  });

  it('when reconciliation delivers a change the pair missed, then it is applied without another read', () => {
    const missed = { ...sent('acknowledged', T3), via: 'reconciliation' as const };
    const { last } = run([missed], resolvedPair());
    expect(last).toEqual([expect.objectContaining({ kind: 'updateIncident', fields: { state: '2' } })]);
  });

  it('when the run has no distrust patch, then the re-sent acknowledge is applied as before', () => {
    const state = resolvedPair();
    const { commands } = reducePair(state, replayed(ack), NOW);
    expect(commands).toEqual([expect.objectContaining({ kind: 'updateIncident', fields: { state: '2' } })]);
  });
});
