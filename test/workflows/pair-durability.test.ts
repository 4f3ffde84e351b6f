import { temporal } from '@temporalio/proto';
import { HttpError } from '../../src/integrations/http';
import { PairErrorKey } from '../../workflows/search-attributes';
import { waitFor } from '../helpers/wait';
import { PairHarness, oncallPairId, servicenowPairId } from './pair-harness';

const ALERT = { title: 'Queue backlog', message: 'backlog above 10k', state: 'alerting' };

async function eventTypes(handle: { fetchHistory(): Promise<{ events?: { eventType?: unknown }[] | null }> }) {
  const history = await handle.fetchHistory();
  return (history.events ?? []).map((event) => String(temporal.api.enums.v1.EventType[Number(event.eventType)]));
}

describe('pair workflow durability on the dev server', () => {
  let harness: PairHarness;
  beforeAll(async () => {
    harness = await PairHarness.start();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('when the history passes its bound, then the pair continues as new with its state', async () => {
    const s = harness.scenario({ historyLimit: 15 });
    const incident = s.sn.humanCreate({ short_description: 'Long-lived' });
    const id = servicenowPairId(s, incident.sys_id);
    const { alertGroupId } = await s.waitForView(id, 'alert group learned', (v) => v.alertGroupId !== null);
    const firstRun = (await s.pair(id).describe()).runId;
    for (const state of ['2', '6', '2', '6']) {
      const fields = state === '6' ? { state, close_code: 'Solution provided', close_notes: 'n' } : { state };
      s.sn.humanUpdate(incident.sys_id, fields);
      const target = state === '6' ? 'resolved' : 'acknowledged';
      await waitFor(() => s.oc.groups.get(alertGroupId!)!.group.state === target, { what: target });
    }
    await s.settle();
    const view = await s.waitForView(id, 'echoes applied', (v) => v.queued === 0 && v.oncallState === 'resolved');
    expect((await s.pair(id).describe()).runId).not.toBe(firstRun);
    expect(view).toMatchObject({ alertGroupId, incidentNumber: incident.number, servicenowState: '6' });
    expect(s.oc.writes.map((w) => w.kind)).toEqual([
      'alert',
      'acknowledge',
      'resolve',
      'unresolve',
      'acknowledge',
      'resolve',
    ]);
  });

  it('when a pair is done, then it completes after the grace period, and a late event re-reads and writes nothing', async () => {
    const s = harness.scenario({ graceMs: 1000 });
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    const { incidentSysId } = await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    s.oc.humanAction(groupId, 'resolve');
    await waitFor(() => s.sn.incidents.get(incidentSysId!)?.state === '6');
    const resolveBody = s.oncallBodies.at(-1);
    s.sn.humanUpdate(incidentSysId!, { state: '7', close_code: 'Solution provided', close_notes: 'closed' });
    const first = await s.pair(id).result();
    expect(first.view).toMatchObject({ done: true, servicenowState: '7', oncallState: 'resolved' });
    const firstRun = (await s.pair(id).describe()).runId;

    await s.deliverOnCall(resolveBody);
    const second = await s.pair(id).result();
    expect((await s.pair(id).describe()).runId).not.toBe(firstRun);
    expect(second.view.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(['refresh', 'refreshed']));
    expect(s.sn.writes.map((w) => w.fields.state)).toEqual(['1', '6']);
    expect(s.oc.writes).toEqual([]);
  });

  it('when ServiceNow is briefly unavailable, then the write waits, honours Retry-After and lands once', async () => {
    const s = harness.scenario();
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    const { incidentSysId } = await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    s.sn.failures.push(new HttpError(503, 'unavailable', {}, 300), new HttpError(429, 'slow down', {}, 300));
    s.oc.humanAction(groupId, 'acknowledge');
    await waitFor(() => s.sn.incidents.get(incidentSysId!)?.state === '2', { what: 'write after outage' });
    await s.settle();
    expect(s.sn.writes.filter((w) => w.kind === 'update')).toHaveLength(1);
    expect((await s.view(id)).lastError).toBeNull();
  });

  it('when the local first attempt of a create fails, then the activity retries it and one incident is created', async () => {
    const s = harness.scenario();
    s.sn.failures.push(new HttpError(503, 'unavailable', {}, 300));
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    expect(s.sn.writes.filter((w) => w.kind === 'create')).toHaveLength(1);
    const types = await eventTypes(s.pair(id));
    // The local attempt is a marker; the retry is an ordinary activity.
    expect(types).toContain('EVENT_TYPE_MARKER_RECORDED');
    expect(types.filter((t) => t === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toHaveLength(1);
  });

  it('when a create succeeds locally, then no activity task is scheduled for it', async () => {
    const s = harness.scenario();
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    expect(await eventTypes(s.pair(id))).not.toContain('EVENT_TYPE_ACTIVITY_TASK_SCHEDULED');
  });

  it('when a create fails for good, then it is not retried as an activity', async () => {
    const s = harness.scenario();
    s.sn.failures.push(new HttpError(403, 'ACL', { error: { message: 'Insufficient rights' } }, undefined));
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    const view = await s.waitForView(id, 'failure recorded', (v) => v.lastError !== null);
    expect(view.lastError).toMatchObject({ type: 'servicenow_http_403' });
    // A retry as an activity would show as one (a later event may still create it, again locally).
    expect(await eventTypes(s.pair(id))).not.toContain('EVENT_TYPE_ACTIVITY_TASK_SCHEDULED');
  });

  it('when a write fails for good, then the pair records it on its timeline and search attributes', async () => {
    const s = harness.scenario();
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    s.sn.failures.push(new HttpError(403, 'ACL', { error: { message: 'Insufficient rights' } }, undefined));
    s.oc.humanAction(groupId, 'acknowledge');
    const view = await s.waitForView(id, 'failure recorded', (v) => v.lastError !== null);
    expect(view.lastError).toMatchObject({ type: 'servicenow_http_403' });
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'write_failed' });
    await waitFor(
      async () => (await s.pair(id).describe()).typedSearchAttributes.get(PairErrorKey) === 'servicenow_http_403',
    );
  });

  it('when both sides change at once, then they converge on one state without further writes', async () => {
    const s = harness.scenario();
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    const { incidentSysId } = await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    s.autoDeliver = false;
    s.oc.humanAction(groupId, 'acknowledge');
    const ack = s.oncallBodies.at(-1);
    s.sn.humanUpdate(incidentSysId!, { state: '6', close_code: 'Solution provided', close_notes: 'n' });
    await waitFor(() => s.oc.groups.get(groupId)!.group.state === 'resolved', { what: 'bridge resolves OnCall' });
    await s.deliverOnCall(ack);
    for (const body of s.oncallBodies.slice(s.oncallBodies.indexOf(ack) + 1)) await s.deliverOnCall(body);
    await s.settle();
    const view = await s.waitForView(
      id,
      'all applied',
      (v) => v.queued === 0 && v.timeline.some((t) => t.kind === 'echo'),
    );
    expect(view).toMatchObject({ oncallState: 'resolved', servicenowState: '6' });
    expect(s.sn.writes.map((w) => w.kind)).toEqual(['create']);
    expect(s.oc.writes.map((w) => w.kind)).toEqual(['resolve']);
  });
});
