/**
 * The pure decisions of reconciliation and its watermark, without a server: which pair an item belongs
 * to, when it is in sync, busy or drifted, and what event tells the pair what it missed.
 */
import { advanceIncidents, toTableDateTime } from '../../activities/reconcile';
import {
  groupAgreesWithMarks,
  incidentAgreesWithMarks,
  judgeGroup,
  judgeIncident,
  type PairMarks,
} from '../../activities/reconcile-events';
import type { AlertGroup } from '../../src/integrations/oncall/types';
import type { Incident } from '../../src/integrations/servicenow/types';
import type { PairView } from '../../workflows/messages';
import { INITIAL_CURSOR } from '../../workflows/reconcile-types';
import { BRIDGE_INTEGRATION, settings, SN_USER } from '../unit/sync/builders';

const CREATED_AT = '2026-12-01T10:00:00.000Z';

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    sys_id: 'a1b2c3',
    number: 'INC0010001',
    state: '2',
    short_description: 'Checkout down',
    description: '',
    correlation_id: '',
    correlation_display: '',
    close_code: '',
    close_notes: '',
    sys_created_by: 'alice',
    sys_updated_by: 'alice',
    sys_updated_on: '2026-12-01 10:05:00',
    sys_mod_count: 3,
    ...overrides,
  };
}

function group(overrides: Partial<AlertGroup> = {}): AlertGroup {
  return {
    id: 'IGROUP0001',
    integration_id: BRIDGE_INTEGRATION,
    state: 'acknowledged',
    title: 'Disk full',
    created_at: '2026-12-01T10:01:00.000000Z',
    resolved_at: null,
    acknowledged_at: '2026-12-01T10:02:00.000000Z',
    silenced_at: null,
    alerts_count: 1,
    permalinks: { web: null },
    labels: {},
    last_alert_payload: { alert_uid: 'disk-1' },
    ...overrides,
  };
}

function view(overrides: Partial<PairView> = {}): PairView {
  return {
    integrationId: settings.integrationId,
    origin: 'servicenow',
    alertGroupId: null,
    incidentSysId: 'a1b2c3',
    incidentNumber: 'INC0010001',
    oncallState: null,
    servicenowState: '1',
    title: null,
    alertGroupUrl: null,
    updatedAt: null,
    done: false,
    desired: { servicenow: null, oncall: null },
    pending: { servicenow: null, oncall: null },
    lastError: null,
    queued: 0,
    timeline: [],
    notes: [],
    ...overrides,
  };
}

describe('reconciliation decisions', () => {
  it('when an incident changed without its pair hearing of it, then an update event with its mod count is sent', () => {
    const judged = judgeIncident(incident(), view(), settings);
    expect(judged.verdict).toBe('missedChange');
    expect(judged.key).toEqual({ integrationId: settings.integrationId, origin: 'servicenow', sourceId: 'a1b2c3' });
    expect(judged.event).toMatchObject({
      source: 'servicenow',
      key: 'servicenow:a1b2c3:3',
      operation: 'update',
      incident: { state: '2', modCount: 3, updatedBy: 'alice' },
    });
  });

  it('when the pair already knows the state, or is busy, then nothing is sent', () => {
    expect(judgeIncident(incident(), view({ servicenowState: '2' }), settings)).toMatchObject({ verdict: 'inSync' });
    expect(judgeIncident(incident(), view({ queued: 1 }), settings)).toMatchObject({ verdict: 'busy' });
    const writing = view({ pending: { servicenow: null, oncall: 'acknowledged' } });
    expect(judgeIncident(incident(), writing, settings).event).toBeUndefined();
  });

  it('when an incident has no pair, then a person-made one is adopted and a bridge-made one is left to its group', () => {
    expect(judgeIncident(incident(), undefined, settings)).toMatchObject({
      verdict: 'orphan',
      event: { operation: 'insert' },
    });
    expect(judgeIncident(incident({ correlation_id: 'oncall:IG1' }), undefined, settings)).toMatchObject({
      verdict: 'skipped',
      key: { origin: 'oncall', sourceId: 'IG1' },
    });
    expect(judgeIncident(incident({ sys_created_by: SN_USER }), undefined, settings).verdict).toBe('skipped');
  });

  it('when an alert group has no pair, then it is adopted with its actual state, unless it is older than the integration', () => {
    expect(judgeGroup(group(), undefined, settings, CREATED_AT)).toMatchObject({
      verdict: 'orphan',
      key: { origin: 'oncall', sourceId: 'IGROUP0001' },
      event: { eventType: 'alert group created', alertGroup: { state: 'acknowledged' }, userId: null },
    });
    const old = group({ created_at: '2026-11-30T10:00:00Z' });
    expect(judgeGroup(old, undefined, settings, CREATED_AT).verdict).toBe('skipped');
  });

  it('when a group moved without its pair hearing of it, then the webhook event of that move is sent', () => {
    const known = view({ origin: 'oncall', alertGroupId: 'IGROUP0001', oncallState: 'firing' });
    expect(judgeGroup(group(), known, settings, CREATED_AT).event).toMatchObject({
      eventType: 'acknowledge',
      eventTime: '2026-12-01T10:02:00.000000Z',
      key: 'oncall:IGROUP0001:acknowledge:2026-12-01T10:02:00.000000Z',
    });
    const backToFiring = judgeGroup(
      group({ state: 'firing' }),
      { ...known, oncallState: 'resolved' },
      settings,
      CREATED_AT,
    );
    expect(backToFiring.event).toMatchObject({ eventType: 'unresolve', eventTime: null, key: null });
  });

  it('routes a ServiceNow-born alert group to its incident pair by alert_uid', () => {
    const born = group({ last_alert_payload: { alert_uid: 'servicenow:a1b2c3' } });
    expect(judgeGroup(born, view(), settings, CREATED_AT)).toMatchObject({
      verdict: 'missedChange',
      key: { origin: 'servicenow', sourceId: 'a1b2c3' },
      event: { eventType: 'alert group created' },
    });
  });
});

describe('search-attribute marks that spare a query', () => {
  const marks = (overrides: Partial<PairMarks>): PairMarks => ({
    alertGroupId: 'IGROUP0001',
    incidentSysId: 'a1b2c3',
    oncallState: 'acknowledged',
    servicenowState: '2',
    ...overrides,
  });

  it('when the marks show the item itself in its current state, then the pair is known to be in sync', () => {
    expect(incidentAgreesWithMarks(incident(), marks({}))).toBe(true);
    expect(groupAgreesWithMarks(group(), marks({}))).toBe(true);
  });

  it('when the marks show another state, another item or nothing yet, then the pair must be asked', () => {
    expect(incidentAgreesWithMarks(incident({ state: '6' }), marks({}))).toBe(false);
    expect(incidentAgreesWithMarks(incident(), marks({ incidentSysId: 'other' }))).toBe(false);
    expect(incidentAgreesWithMarks(incident(), marks({ incidentSysId: null, servicenowState: null }))).toBe(false);
    expect(groupAgreesWithMarks(group({ state: 'resolved' }), marks({}))).toBe(false);
    expect(groupAgreesWithMarks(group(), marks({ alertGroupId: 'IOTHER' }))).toBe(false);
    expect(groupAgreesWithMarks(group(), marks({ alertGroupId: null, oncallState: null }))).toBe(false);
  });
});

describe('the incident watermark', () => {
  const at = (time: string) => incident({ sys_updated_on: time });

  it('moves to the newest time seen and scans that second again from its start', () => {
    const next = advanceIncidents(INITIAL_CURSOR, '2026-12-01 10:00:00', [
      at('2026-12-01 10:00:01'),
      at('2026-12-01 10:00:02'),
      at('2026-12-01 10:00:02'),
    ]);
    expect(next).toMatchObject({ incidentsSince: '2026-12-01 10:00:02', incidentsOffset: 0 });
  });

  it('when a full page shares the watermark second and more follow, then the offset grows instead of looping', () => {
    const cursor = { ...INITIAL_CURSOR, incidentsSince: '2026-12-01 10:00:02', incidentsOffset: 2 };
    const page = [at('2026-12-01 10:00:02'), at('2026-12-01 10:00:02')];
    expect(advanceIncidents(cursor, '2026-12-01 10:00:02', page, true)).toMatchObject({
      incidentsSince: '2026-12-01 10:00:02',
      incidentsOffset: 4,
    });
    expect(advanceIncidents(cursor, '2026-12-01 10:00:02', [])).toEqual({ ...cursor, incidentsOffset: 0 });
  });

  it('when the last page lies within the watermark second, then the next run starts that second again', () => {
    // Incidents updated later in the same second sort among those already seen: an offset would skip them.
    const cursor = { ...INITIAL_CURSOR, incidentsSince: '2026-12-01 10:00:02', incidentsOffset: 0 };
    const page = [at('2026-12-01 10:00:02'), at('2026-12-01 10:00:02')];
    expect(advanceIncidents(cursor, '2026-12-01 10:00:02', page, false)).toMatchObject({
      incidentsSince: '2026-12-01 10:00:02',
      incidentsOffset: 0,
    });
  });

  it('starts at the integration creation time in the Table API format', () => {
    expect(toTableDateTime('2026-12-01T10:00:00.123Z')).toBe('2026-12-01 10:00:00');
  });
});
