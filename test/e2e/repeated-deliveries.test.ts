import { oncallAction, type Rig, type SetUpIntegration, snAsPerson, useIntegrationRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import {
  deliveryIndex,
  incident,
  incidentFor,
  openAlertGroup,
  repeatRuleCall,
  resendDelivery,
  ruleCalls,
} from './support/actions';
import { ocLines, quiet, since, snLines } from './support/ledger';

const RESOLVE = { state: '6', close_code: 'Solution provided', close_notes: 'fixed' };

describe('the same webhook delivered 4 times', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  it('when OnCall delivers "alert group created" and "acknowledge" 4 times each, then one incident and one write', async () => {
    const before = await quiet(rig);
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Repeated OnCall deliveries');
    const created = await incidentFor(rig, group.id);
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incident(rig, created.sys_id!))?.state === '2', { what: 'In Progress' });
    await quiet(rig);

    for (const eventType of ['alert group created', 'acknowledge']) {
      const index = deliveryIndex(rig, group.id, eventType);
      for (let i = 0; i < 3; i++) await resendDelivery(rig, index);
    }

    const writes = since(before, await quiet(rig));
    expect(snLines(writes.sn)).toEqual(['POST state=1', 'PATCH state=2']);
    expect(writes.ocActions).toEqual([]);
    expect(rig.oc.deliveries().filter((d) => (d.body as any)?.alert_group?.id === group.id).length).toBe(8);
  });

  it('when a Business Rule call is repeated 3 times, then OnCall gets one alert and one acknowledge', async () => {
    const before = await quiet(rig);
    const created = await snAsPerson(rig, 'POST', '', { short_description: 'Repeated rule calls' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(created.number!)), {
      what: 'alert group for the incident',
    });
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { state: '2' });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'acknowledged', { what: 'acknowledged' });
    await quiet(rig);

    const [insertBody, updateBody] = ruleCalls(rig, created.sys_id!);
    expect(insertBody && updateBody).toBeTruthy();
    for (let i = 0; i < 3; i++) {
      expect(await repeatRuleCall(rig, integration, insertBody!)).toBe(202);
      expect(await repeatRuleCall(rig, integration, updateBody!)).toBe(202);
    }

    const writes = since(before, await quiet(rig));
    expect(writes.ocInbound).toHaveLength(1);
    expect(ocLines(writes.ocActions)).toEqual([`${group.id}/acknowledge`]);
    expect(writes.sn).toEqual([]);
  });
});

describe('events delivered out of order', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  it('when an older OnCall delivery arrives after newer ones, then ServiceNow keeps the newest change', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Reordered OnCall deliveries');
    const created = await incidentFor(rig, group.id);
    const stateIs = (value: string) => async () => (await incident(rig, created.sys_id!))?.state === value;
    // acknowledge → resolve → unresolve (no event time) → acknowledge.
    const steps: [string, string][] = [
      ['acknowledge', '2'],
      ['resolve', '6'],
      ['unresolve', '1'],
      ['acknowledge', '2'],
    ];
    for (const [action, expected] of steps) {
      await quiet(rig);
      expect(await oncallAction(rig, group.id, action)).toBe(200);
      await waitFor(stateIs(expected), { what: `state ${expected} after ${action}` });
    }
    const before = await quiet(rig);

    // The first acknowledge, the resolve and the time-less unresolve, each again after the newest acknowledge.
    const all = rig.oc.deliveries();
    const ofGroup = (type: string) =>
      all
        .map((d, i) => ({ d, i }))
        .filter(({ d }) => d.eventType === type && (d.body as any)?.alert_group?.id === group.id);
    for (const { i } of [ofGroup('acknowledge')[0]!, ofGroup('resolve')[0]!, ofGroup('unresolve')[0]!]) {
      await resendDelivery(rig, i);
    }

    const writes = since(before, await quiet(rig));
    expect(await incident(rig, created.sys_id!)).toMatchObject({ state: '2' });
    expect(writes.sn).toEqual([]);
    expect(writes.ocActions).toEqual([]);
  });

  it('when an older Business Rule call arrives after a newer one, then OnCall keeps the newest change', async () => {
    const created = await snAsPerson(rig, 'POST', '', { short_description: 'Reordered rule calls' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(created.number!)), {
      what: 'alert group for the incident',
    });
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { state: '2' });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'acknowledged', { what: 'acknowledged' });
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, RESOLVE);
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'resolved', { what: 'resolved' });
    const before = await quiet(rig);

    const [insertBody, ackBody] = ruleCalls(rig, created.sys_id!);
    expect(await repeatRuleCall(rig, integration, ackBody!)).toBe(202);
    expect(await repeatRuleCall(rig, integration, insertBody!)).toBe(202);

    const writes = since(before, await quiet(rig));
    expect(rig.oc.alertGroup(group.id)?.state).toBe('resolved');
    expect(writes.ocActions).toEqual([]);
    expect(writes.ocInbound).toEqual([]);
    expect(writes.sn).toEqual([]);
  });
});
