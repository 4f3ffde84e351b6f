import { waitFor } from '../helpers/wait';
import { PairHarness, oncallPairId, servicenowPairId } from './pair-harness';
import { CONNECTED_OFF } from '../unit/sync/builders';
import { IncidentNumberKey, OnCallStateKey, PairOriginKey } from '../../workflows/search-attributes';

const ALERT = { title: 'Checkout API 5xx rate above 5%', message: '5xx ratio 7.3% over 5m', state: 'alerting' };

describe('pair workflow lifecycles on the dev server', () => {
  let harness: PairHarness;
  beforeAll(async () => {
    harness = await PairHarness.start();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('when an alert group is acknowledged and resolved in OnCall, then the incident follows, once each', async () => {
    const s = harness.scenario();
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    const created = await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    const incident = s.sn.incidents.get(created.incidentSysId!)!;
    expect(incident).toMatchObject({
      short_description: ALERT.title,
      correlation_id: `oncall:${groupId}`,
      correlation_display: 'Grafana OnCall',
      state: '1',
    });
    expect(incident.description).toContain(`alert-groups/${groupId}`);

    s.oc.humanAction(groupId, 'acknowledge');
    await waitForIncident(s, created.incidentSysId!, '2');
    s.oc.humanAction(groupId, 'resolve');
    await waitForIncident(s, created.incidentSysId!, '6');
    await s.settle();
    await s.waitForView(id, 'search attributes', (v) => v.servicenowState === '6');

    expect(s.sn.incidents.get(created.incidentSysId!)).toMatchObject({ close_code: 'Solution provided' });
    expect(s.sn.writes.map((w) => [w.kind, w.fields.state])).toEqual([
      ['create', '1'],
      ['update', '2'],
      ['update', '6'],
    ]);
    expect(s.oc.writes).toEqual([]);
    const described = await s.pair(id).describe();
    expect(described.typedSearchAttributes.get(IncidentNumberKey)).toBe(incident.number);
    expect(described.typedSearchAttributes.get(PairOriginKey)).toBe('oncall');
    expect(described.typedSearchAttributes.get(OnCallStateKey)).toBe('resolved');
    expect(described.memo?.title).toBe(ALERT.title);
  });

  it('runs the "Test the integration" scenario: ServiceNow incident -> alert group -> acknowledge -> resolve', async () => {
    const s = harness.scenario();
    const incident = s.sn.humanCreate({ short_description: 'Disk full on db-1', description: 'Volume at 100%' });
    const id = servicenowPairId(s, incident.sys_id);
    const live = await s.waitForView(id, 'alert group learned', (v) => v.alertGroupId !== null);
    const group = s.oc.groups.get(live.alertGroupId!)!;
    expect(group.group.title).toBe(`${incident.number}: Disk full on db-1`);
    expect(group.payload).toMatchObject({ alert_uid: `servicenow:${incident.sys_id}`, state: 'alerting' });

    s.oc.humanAction(live.alertGroupId!, 'acknowledge');
    await waitForIncident(s, incident.sys_id, '2');
    s.sn.humanUpdate(incident.sys_id, { state: '6', close_code: 'Solution provided', close_notes: 'fixed' });
    await waitFor(() => s.oc.groups.get(live.alertGroupId!)!.group.state === 'resolved');
    // The bridge's resolve comes back as a webhook by its own user: it must write nothing more.
    await s.waitForView(id, 'echo of the resolve', (v) =>
      v.timeline.some((t) => t.kind === 'echo' && /resolved/.test(t.summary)),
    );
    await s.settle();

    expect(s.oc.writes.map((w) => w.kind)).toEqual(['alert', 'resolve']);
    expect(s.sn.writes.map((w) => w.fields.state)).toEqual(['2']);
  });

  it('when the same webhook is delivered 4 times, then the incident is written once', async () => {
    const s = harness.scenario();
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    s.autoDeliver = false;
    s.oc.humanAction(groupId, 'acknowledge');
    const ack = s.oncallBodies.at(-1);
    await Promise.all([1, 2, 3, 4].map(() => s.deliverOnCall(ack)));
    await s.waitForView(id, 'acknowledged', (v) => v.servicenowState === '2' && v.queued === 0);
    await s.settle();
    expect(s.sn.writes.filter((w) => w.kind === 'update')).toHaveLength(1);
  });

  it('when webhooks arrive out of order, then the newest change wins', async () => {
    const s = harness.scenario();
    const groupId = s.oc.fireAlert(s.settings.bridgeOnCallIntegrationId, ALERT);
    const id = oncallPairId(s, groupId);
    await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    s.autoDeliver = false;
    s.oc.humanAction(groupId, 'acknowledge');
    s.oc.humanAction(groupId, 'resolve');
    const [ack, resolve] = s.oncallBodies.slice(-2);
    await s.deliverOnCall(resolve);
    await s.waitForView(id, 'resolved', (v) => v.servicenowState === '6');
    await s.deliverOnCall(ack);
    await s.waitForView(id, 'stale ack dropped', (v) => v.timeline.some((t) => t.kind === 'stale'));
    expect(s.sn.writes.map((w) => w.fields.state)).toEqual(['1', '6']);
  });

  it('when a connection has backsync off, then its alert groups get an incident but no OnCall writes', async () => {
    const s = harness.scenario();
    const groupId = s.oc.fireAlert(CONNECTED_OFF, ALERT);
    const id = oncallPairId(s, groupId);
    const view = await s.waitForView(id, 'incident created', (v) => v.incidentSysId !== null);
    s.sn.humanUpdate(view.incidentSysId!, { state: '6', close_code: 'Solution provided', close_notes: 'done' });
    await s.waitForView(id, 'backsync off noted', (v) => v.timeline.some((t) => t.kind === 'backsync_off'));
    expect(s.oc.writes).toEqual([]);
    expect(s.oc.groups.get(groupId)!.group.state).toBe('firing');
  });

  it('when an incident is reopened (Resolved -> In Progress), then the alert group is unresolved and acknowledged', async () => {
    const s = harness.scenario();
    const incident = s.sn.humanCreate({ short_description: 'Payments down' });
    const id = servicenowPairId(s, incident.sys_id);
    const { alertGroupId } = await s.waitForView(id, 'alert group learned', (v) => v.alertGroupId !== null);
    s.sn.humanUpdate(incident.sys_id, { state: '6', close_code: 'Solution provided', close_notes: 'ok' });
    await waitFor(() => s.oc.groups.get(alertGroupId!)!.group.state === 'resolved');
    s.sn.humanUpdate(incident.sys_id, { state: '2' });
    await waitFor(() => s.oc.groups.get(alertGroupId!)!.group.state === 'acknowledged');
    await s.settle();
    expect(s.oc.writes.map((w) => w.kind)).toEqual(['alert', 'resolve', 'unresolve', 'acknowledge']);
    expect(s.sn.writes).toEqual([]);
  });

  it('when OnCall answers "wrong state" because a person acted first, then the bridge re-reads and settles', async () => {
    const s = harness.scenario();
    const incident = s.sn.humanCreate({ short_description: 'Race' });
    const id = servicenowPairId(s, incident.sys_id);
    const { alertGroupId } = await s.waitForView(id, 'alert group learned', (v) => v.alertGroupId !== null);
    let raced = false;
    s.oc.beforeAction = (groupId, action) => {
      if (raced || action !== 'acknowledge') return;
      raced = true;
      s.oc.humanAction(groupId, 'acknowledge');
    };
    s.sn.humanUpdate(incident.sys_id, { state: '2' });
    const view = await s.waitForView(id, 'wrong state handled', (v) =>
      v.timeline.some((t) => t.kind === 'wrong_state'),
    );
    expect(view.lastError).toBeNull();
    expect(s.oc.groups.get(alertGroupId!)!.group.state).toBe('acknowledged');
    await s.settle();
    expect(s.sn.writes).toEqual([]);
  });
});

async function waitForIncident(s: { sn: { incidents: Map<string, { state: string }> } }, sysId: string, state: string) {
  await waitFor(() => s.sn.incidents.get(sysId)?.state === state, { what: `incident in state ${state}` });
}
