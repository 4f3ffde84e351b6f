import { isPairDone } from '../../../workflows/pair-reducer';
import { note, TIMELINE_LIMIT } from '../../../workflows/pair-state';
import type { PairInput } from '../../../workflows/pair-types';
import { toPairSettings } from '../../../workflows/settings';
import {
  BRIDGE_USER,
  created,
  settings,
  integrationSettings,
  moved,
  oncallEvent,
  run,
  snEvent,
  snKey,
} from './builders';

const SYS_ID = '9d385017c611228701d22104cc95c371';
const groupCreated = () => created({ alertUid: `servicenow:${SYS_ID}` });
const alertSent: PairInput = { source: 'bridge', kind: 'alertSent' };
const live = () => run(snKey, [snEvent('1', 0), alertSent, groupCreated()]).state;

describe('a ServiceNow-born pair', () => {
  it('when a person creates an incident, then one alert is sent with the marker, title and link', () => {
    const { commands } = run(snKey, [snEvent('1', 0)]);
    expect(commands).toEqual([
      {
        kind: 'createAlertGroup',
        inboundUrl: 'https://oncall.example.com/integrations/v1/formatted_webhook/tok/',
        payload: {
          alert_uid: `servicenow:${SYS_ID}`,
          title: 'INC0010042: Disk full on db-1',
          message: 'The data volume is at 100%.',
          state: 'alerting',
          link_to_upstream_details: `https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3D${SYS_ID}`,
        },
      },
    ]);
  });

  it('when OnCall reports the created group, then its id is learned and nothing is written back', () => {
    const { state, commands } = run(snKey, [snEvent('1', 0), alertSent, groupCreated()]);
    expect(commands.filter((c) => c.kind !== 'createAlertGroup')).toEqual([]);
    expect(state.oncall.alertGroupId).toBe('IAG000000001');
  });

  it('when the incident moves before the group id is known, then the bridge looks it up once and the move waits', () => {
    const early = run(snKey, [snEvent('1', 0), alertSent, snEvent('2', 1)]);
    const notFound = run(snKey, [refreshed(null)], early.state);
    const { commands } = run(snKey, [groupCreated()], notFound.state);
    expect(early.commands.map((c) => c.kind)).toEqual(['createAlertGroup', 'refresh']);
    expect(early.commands[1]).toMatchObject({ alertGroupId: null, alertUid: `servicenow:${SYS_ID}` });
    expect(notFound.commands).toEqual([]);
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'acknowledged', from: 'firing' },
    ]);
  });

  it('when the "alert group created" webhook was lost, then the group found by alert_uid is moved', () => {
    const early = run(snKey, [snEvent('1', 0), alertSent, snEvent('6', 1)]);
    const { commands } = run(snKey, [refreshed('firing')], early.state);
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000007', target: 'resolved', from: 'firing' },
    ]);
  });

  it('when a person acknowledges in OnCall, then the incident goes In Progress', () => {
    const { commands } = run(snKey, [oncallEvent('acknowledged', { alertUid: `servicenow:${SYS_ID}` })], live());
    expect(commands).toEqual([
      { kind: 'updateIncident', sysId: SYS_ID, fields: { state: '2' }, known: { modCount: 0, fields: { state: '1' } } },
    ]);
  });

  it('when the incident is reopened (Resolved, then In Progress), then the group is unresolved via acknowledge', () => {
    const resolved = run(snKey, [snEvent('6', 1), moved('resolved')], live());
    const { commands } = run(snKey, [snEvent('2', 2)], resolved.state);
    expect(resolved.commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'resolved', from: 'firing' },
    ]);
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'acknowledged', from: 'resolved' },
    ]);
  });

  it.each([
    ['7', 'Closed'],
    ['8', 'Canceled'],
  ])('when the incident is %s (%s), then the group is resolved', (state) => {
    const { commands } = run(snKey, [snEvent(state, 1)], live());
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'resolved', from: 'firing' },
    ]);
  });

  it('when Closed is mapped to a status, then the mapping wins', () => {
    const mapped = toPairSettings(
      integrationSettings({ stateMapping: { firing: '1', acknowledged: '2', resolved: '6', silenced: '7' } }),
    );
    const { commands } = run(snKey, [{ ...snEvent('7', 1), settings: mapped }], live());
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'silenced', from: 'firing' },
    ]);
  });

  it('when the incident goes On Hold, then the group is acknowledged (label default of the reverse mapping)', () => {
    const { commands } = run(snKey, [snEvent('3', 1)], live());
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'acknowledged', from: 'firing' },
    ]);
  });

  it('when the incident goes to a state the two-way mapping sets to null, then OnCall is not written', () => {
    const reverseMapping = {
      '1': 'firing' as const,
      '2': 'acknowledged' as const,
      '3': null,
      '6': 'resolved' as const,
    };
    const withNull = { ...settings, reverseMapping };
    const { commands, state } = run(snKey, [{ ...snEvent('3', 1), settings: withNull }], live());
    expect(commands).toEqual([]);
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'unmapped' });
  });

  it('when an event of an older run carries no reverse mapping, then On Hold stays unmapped as it was', () => {
    const { reverseMapping: _dropped, ...older } = settings;
    const { commands } = run(snKey, [{ ...snEvent('3', 1), settings: older }], live());
    expect(commands).toEqual([]);
  });

  it('when calls arrive out of order, then the older one is dropped', () => {
    const newer = run(snKey, [snEvent('6', 2), moved('resolved')], live());
    const { commands, state } = run(snKey, [snEvent('2', 1)], newer.state);
    expect(commands).toEqual([]);
    expect(state.servicenow.state).toBe('6');
  });

  it('when OnCall answers "wrong state", then the bridge re-plans from the state read back, a bounded number of times', () => {
    const first = run(snKey, [snEvent('2', 1)], live());
    const retried = run(snKey, [moved('firing', true)], first.state);
    const exhausted = run(snKey, [moved('firing', true), moved('firing', true)], retried.state);
    expect(first.commands).toHaveLength(1);
    expect(retried.commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000001', target: 'acknowledged', from: 'firing' },
    ]);
    expect(exhausted.commands).toHaveLength(1);
    expect(exhausted.state.timeline.at(-1)).toMatchObject({ kind: 'gave_up' });
  });

  it('when OnCall answers "wrong state" because a person moved the group meanwhile, then that newer change wins and goes to ServiceNow', () => {
    const first = run(snKey, [snEvent('2', 1)], live());
    const { last, state } = run(snKey, [moved('resolved', true)], first.state);
    expect(last.commands).toEqual([
      {
        kind: 'updateIncident',
        sysId: SYS_ID,
        fields: { state: '6', close_code: 'Solution provided', close_notes: expect.any(String) },
        known: { modCount: 1, fields: { state: '2' } },
      },
    ]);
    expect(state.desired.oncall).toBeNull();
    expect(state.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['wrong_state', 'superseded']));
  });

  it('when a write fails for good, then the failure is on the timeline and in lastError', () => {
    const failed: PairInput = {
      source: 'bridge',
      kind: 'writeFailed',
      side: 'oncall',
      command: 'moveAlertGroup',
      type: 'oncall_forbidden',
      message: 'OnCall refused the API key',
    };
    const { state } = run(snKey, [snEvent('2', 1), failed], live());
    expect(state.lastError).toMatchObject({ type: 'oncall_forbidden' });
    expect(state.timeline.at(-1)).toMatchObject({ kind: 'write_failed' });
    expect(state.desired.oncall).toBeNull();
  });

  it("when the bridge's own move comes back, then ServiceNow is not written", () => {
    const mid = run(snKey, [snEvent('2', 1)], live());
    const echo = oncallEvent('acknowledged', { user: BRIDGE_USER, alertUid: `servicenow:${SYS_ID}` });
    const { commands } = run(snKey, [moved('acknowledged'), echo], mid.state);
    expect(commands).toEqual([]);
  });

  it('is done once Closed and resolved, not before', () => {
    const closed = run(snKey, [snEvent('7', 1)], live());
    const both = run(snKey, [moved('resolved')], closed.state);
    expect(isPairDone(closed.state)).toBe(false);
    expect(isPairDone(both.state)).toBe(true);
  });

  it('when the first event of a run is not a birth event, then both sides are re-read first', () => {
    const { commands } = run(snKey, [snEvent('6', 4)]);
    expect(commands).toEqual([
      {
        kind: 'refresh',
        authority: 'servicenow',
        authorityIsEcho: false,
        alertGroupId: null,
        alertUid: `servicenow:${SYS_ID}`,
        oncallIntegrationId: 'CBRIDGE000001',
        sysId: SYS_ID,
        correlationId: null,
      },
    ]);
  });

  it('when the re-read shows the sides differ, then the side of the triggering event wins', () => {
    const first = run(snKey, [snEvent('6', 4)]);
    const refreshed: PairInput = {
      source: 'bridge',
      kind: 'refreshed',
      authority: 'servicenow',
      authorityIsEcho: false,
      incident: {
        sysId: SYS_ID,
        number: 'INC0010042',
        state: '6',
        shortDescription: 'Disk full',
        correlationId: '',
        updatedOn: '2026-12-01 11:00:00',
        updatedBy: 'alice',
        modCount: 4,
      },
      group: {
        id: 'IAG000000009',
        integrationId: 'CBRIDGE000001',
        state: 'firing',
        version: null,
        title: null,
        permalink: null,
      },
    };
    const { commands, state } = run(snKey, [refreshed, snEvent('6', 4)], first.state);
    expect(commands).toEqual([
      { kind: 'moveAlertGroup', alertGroupId: 'IAG000000009', target: 'resolved', from: 'firing' },
    ]);
    expect(state.oncall.alertRequested).toBe(true);
  });

  it('keeps the timeline bounded', () => {
    const state = live();
    for (let i = 0; i < TIMELINE_LIMIT + 20; i++) note(state, 'now', 'bridge', 'x', String(i));
    expect(state.timeline).toHaveLength(TIMELINE_LIMIT);
    expect(state.timeline.at(-1)?.summary).toBe(String(TIMELINE_LIMIT + 19));
  });
});

function refreshed(groupState: 'firing' | null): PairInput {
  return {
    source: 'bridge',
    kind: 'refreshed',
    authority: 'servicenow',
    authorityIsEcho: false,
    incident: null,
    group:
      groupState === null
        ? null
        : {
            id: 'IAG000000007',
            integrationId: 'CBRIDGE000001',
            state: groupState,
            version: null,
            title: null,
            permalink: null,
          },
  };
}
