/**
 * The reducer's per-field rules (bridge.md §8.2, §8.3): templates on create, updateOnChange with a person's
 * edit winning, assign on acknowledge, echoes of field writes, and re-posting an alert when a carried field
 * changes. Pure: no Temporal.
 */
import type { FieldMapping, FieldValue } from '../../../workflows/field-mapping';
import { reducePair } from '../../../workflows/pair-reducer';
import { initialPairState } from '../../../workflows/pair-state';
import type { OnCallEvent, PairCommand, PairInput, PairState, ServiceNowEvent } from '../../../workflows/pair-types';
import { toPairSettings } from '../../../workflows/settings';
import {
  created,
  incidentWritten,
  integrationSettings,
  oncallEvent,
  oncallKey,
  snEvent,
  snKey,
  SN_USER,
} from './builders';

const mapping: FieldMapping = {
  incident: { urgency: 'x', impact: 'x', assignment_group: 'x', hold_reason: 'x' },
  updateOnChange: ['urgency', 'impact'],
  assignOnAcknowledge: true,
};
const withFields = toPairSettings(integrationSettings({ fieldMapping: mapping }));

function rendered(event: OnCallEvent, values: Record<string, string>, problems: string[] = []): OnCallEvent {
  return { ...event, settings: withFields, rendered: { values, problems } };
}

function withHeld(event: ServiceNowEvent, fields: Record<string, FieldValue>): ServiceNowEvent {
  return { ...event, settings: withFields, incident: { ...event.incident, fields } };
}

const NOW = '2026-12-01T10:30:00.000Z';

function feed(state: PairState, inputs: PairInput[]) {
  const commands: PairCommand[] = [];
  for (const input of inputs) {
    const reduction = reducePair(state, input, NOW, { fieldSync: true });
    state = reduction.state;
    commands.push(...reduction.commands);
  }
  return { state, commands };
}

const v = (value: string, display = value): FieldValue => ({ value, display });

describe('incident fields from templates', () => {
  const birth = rendered(
    created(),
    { urgency: '1', impact: '2', assignment_group: 'Network', state: '7', hold_reason: '' },
    ['category: [Line 1, Column 4] unexpected token'],
  );

  it('when an alert group is created, then the incident carries the rendered fields, never a templated state', () => {
    const { state, commands } = feed(initialPairState(oncallKey), [birth]);
    const create = commands[0] as Extract<PairCommand, { kind: 'createIncident' }>;
    expect(create.fields).toMatchObject({ urgency: '1', impact: '2', assignment_group: 'Network', state: '1' });
    expect(create.fields).not.toHaveProperty('hold_reason');
    expect(state.timeline.map((t) => t.kind)).toContain('template_error');
  });

  it('when a name matched no record, then the timeline says so and the field is not counted as written', () => {
    const first = feed(initialPairState(oncallKey), [birth]);
    const { state } = feed(first.state, [
      {
        ...(incidentWritten('1', 0, true) as Extract<PairInput, { kind: 'incidentWritten' }>),
        unresolved: [{ field: 'assignment_group', value: 'Network' }],
      },
    ]);
    expect(state.fields?.written).toEqual({ urgency: '1', impact: '2' });
    expect(state.timeline.find((t) => t.kind === 'unresolved')?.summary).toContain('Network');
  });

  function createdPair() {
    return feed(initialPairState(oncallKey), [birth, incidentWritten('1', 0, true)]).state;
  }

  it('when an updateOnChange field renders differently on a later event, then only that change is written', () => {
    const ack = rendered(oncallEvent('acknowledged', { time: '2026-12-01T10:05:00Z' }), { urgency: '2', impact: '2' });
    const { commands } = feed(createdPair(), [ack]);
    expect(commands).toEqual([
      expect.objectContaining({
        kind: 'updateIncident',
        fields: expect.objectContaining({ state: '2', urgency: '2' }),
      }),
    ]);
    expect((commands[0] as Extract<PairCommand, { kind: 'updateIncident' }>).fields).not.toHaveProperty('impact');
  });

  it('when a person changed the field in ServiceNow since the bridge wrote it, then their edit is kept', () => {
    const edit = withHeld(snEvent('1', 1, { correlationId: 'oncall:IAG000000001' }), { urgency: v('3', '3 - Low') });
    const ack = rendered(oncallEvent('acknowledged', { time: '2026-12-01T10:05:00Z', user: null }), { urgency: '2' });
    const { state, commands } = feed(createdPair(), [edit, { ...ack, eventType: 'resolve' }]);
    expect(commands.flatMap((c) => (c.kind === 'updateIncident' ? Object.keys(c.fields) : []))).not.toContain(
      'urgency',
    );
    expect(state.timeline.map((t) => t.kind)).toContain('kept_edit');
  });

  it('when ServiceNow already holds the rendered value, then nothing is written for it', () => {
    const echo = withHeld(snEvent('1', 1, { user: SN_USER }), { urgency: v('1'), impact: v('3') });
    const silence = rendered(oncallEvent('silenced', { time: '2026-12-01T10:05:00Z' }), { urgency: '1', impact: '3' });
    const { commands } = feed(createdPair(), [echo, silence]);
    expect(commands).toEqual([]);
  });

  it('when a person acknowledges, then assigned_to is their e-mail, resolved by the activity', () => {
    const ack = {
      ...oncallEvent('acknowledged', { time: '2026-12-01T10:05:00Z' }),
      settings: withFields,
      actorEmail: 'jane@acme.com',
    };
    const { commands } = feed(createdPair(), [ack]);
    expect(commands[0]).toMatchObject({ kind: 'updateIncident', fields: { state: '2', assigned_to: 'jane@acme.com' } });
  });

  it('when On Hold is written and a template gives hold_reason, then that reason goes with it', () => {
    const hold = toPairSettings(
      integrationSettings({
        fieldMapping: mapping,
        stateMapping: { firing: '1', acknowledged: '3', resolved: '6', silenced: null },
      }),
    );
    const first = feed(initialPairState(oncallKey), [
      { ...birth, settings: hold, rendered: { values: { hold_reason: '4' }, problems: [] } },
      incidentWritten('1', 0, true),
    ]);
    const ack: OnCallEvent = { ...oncallEvent('acknowledged', { time: '2026-12-01T10:05:00Z' }), settings: hold };
    const { commands } = feed(first.state, [ack]);
    expect(commands[0]).toMatchObject({ kind: 'updateIncident', fields: { state: '3', hold_reason: '4' } });
  });
});

describe('what an alert carries to OnCall', () => {
  const insert = withHeld(snEvent('1', 0), {
    priority: v('1', '1 - Critical'),
    assignment_group: v('a'.repeat(32), 'Network'),
  });

  it('when a ServiceNow-born incident opens a group, then the alert carries the servicenow object', () => {
    const { commands } = feed(initialPairState(snKey), [insert]);
    expect(commands[0]).toMatchObject({
      kind: 'createAlertGroup',
      payload: {
        servicenow: { number: 'INC0010042', priority: '1 - Critical', assignment_group: 'Network', urgency: '' },
      },
    });
  });

  it('when a carried field changes in ServiceNow, then the alert is posted again once, with the same alert_uid', () => {
    const first = feed(initialPairState(snKey), [insert, { source: 'bridge', kind: 'alertSent' }]);
    const opened = feed(first.state, [
      { ...oncallEvent('firing', { type: 'alert group created', user: null }), settings: withFields },
    ]);
    const raised = withHeld(snEvent('1', 1), {
      priority: v('2', '2 - High'),
      assignment_group: v('a'.repeat(32), 'Network'),
    });
    const again = withHeld(snEvent('1', 2), {
      priority: v('2', '2 - High'),
      assignment_group: v('a'.repeat(32), 'Network'),
    });
    const { commands } = feed(opened.state, [raised, again]);
    expect(commands.filter((c) => c.kind === 'repostAlert')).toHaveLength(1);
    const repost = commands.find((c) => c.kind === 'repostAlert') as Extract<PairCommand, { kind: 'repostAlert' }>;
    expect(repost.payload.alert_uid).toBe(
      (first.commands[0] as Extract<PairCommand, { kind: 'createAlertGroup' }>).payload.alert_uid,
    );
    expect(repost.payload.servicenow?.priority).toBe('2 - High');
  });

  it('without field sync (a run from before it), then the alert is as before', () => {
    const state = initialPairState(snKey);
    const { commands } = reducePair(state, insert, NOW);
    expect((commands[0] as Extract<PairCommand, { kind: 'createAlertGroup' }>).payload).not.toHaveProperty(
      'servicenow',
    );
  });
});

describe('an emptied field mapping', () => {
  it('is no mapping: events of its integration do not carry one, so new pairs sync the state only', () => {
    const emptied = { incident: {}, updateOnChange: [], assignOnAcknowledge: false };
    expect(toPairSettings(integrationSettings({ fieldMapping: emptied })).fieldMapping).toBeUndefined();
    const assigning = { ...emptied, assignOnAcknowledge: true };
    expect(toPairSettings(integrationSettings({ fieldMapping: assigning })).fieldMapping).toEqual(assigning);
  });
});
