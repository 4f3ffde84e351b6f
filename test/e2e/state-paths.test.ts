import { oncallAction, type Rig, type SetUpIntegration, snAsPerson, useIntegrationRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incident, incidentFor, oncallPairKey, openAlertGroup, pairView, servicenowPairKey } from './support/actions';
import { ocLines, quiet, since, snLines } from './support/ledger';

const RESOLVE = { state: '6', close_code: 'Solution provided', close_notes: 'fixed' };

describe('state paths: reopening, unmapped states, extra incident fields', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started), {
    stateMapping: { firing: '1', acknowledged: '2', resolved: '6', silenced: null },
  });

  it('when a resolved incident is reopened (In Progress), then the alert group is unresolved and acknowledged', async () => {
    const before = await quiet(rig);
    const created = await snAsPerson(rig, 'POST', '', { short_description: 'Reopened incident' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(created.number!)), {
      what: 'alert group for the incident',
    });
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, RESOLVE);
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'resolved', { what: 'resolved' });
    await quiet(rig);

    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { state: '2' });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'acknowledged', { what: 'acknowledged again' });

    const writes = since(before, await quiet(rig));
    expect(writes.ocInbound).toHaveLength(1);
    expect(ocLines(writes.ocActions)).toEqual([
      `${group.id}/resolve`,
      `${group.id}/unresolve`,
      `${group.id}/acknowledge`,
    ]);
    expect(writes.sn).toEqual([]);
    expect(rig.oc.alertGroups().filter((g) => g.title?.includes(created.number!))).toHaveLength(1);
    expect((await pairView(rig, servicenowPairKey(integration, created.sys_id!))).lastError).toBeNull();
  });

  it('when OnCall silences (mapped to nothing), then ServiceNow is not written; when ServiceNow goes On Hold, then the group is acknowledged (label default)', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Unmapped states');
    const created = await incidentFor(rig, group.id);
    const before = await quiet(rig);

    expect(await oncallAction(rig, group.id, 'silence', { delay: 3600 })).toBe(200);
    await waitFor(
      async () =>
        (await pairView(rig, oncallPairKey(integration, group.id))).timeline.some((e) => e.kind === 'unmapped'),
      { what: 'the pair noting the unmapped silence' },
    );
    const afterSilence = since(before, await quiet(rig));
    expect(afterSilence.sn).toEqual([]);
    expect((await incident(rig, created.sys_id!))?.state).toBe('1');

    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { state: '3', hold_reason: '1' });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'acknowledged', { what: 'acknowledged by On Hold' });
    const writes = since(before, await quiet(rig));
    expect(writes.sn).toEqual([]);
    // Acknowledge also un-silences (oncall.md §4.4): one action.
    expect(ocLines(writes.ocActions)).toEqual([`${group.id}/acknowledge`]);
  });

  it('when acknowledged maps to On Hold, then an acknowledge in OnCall puts the incident On Hold with a hold_reason, once', async () => {
    const route = `/api/v1/integrations/${integration.id}/state-mapping`;
    const oncallToServiceNow = { firing: '1', acknowledged: '3', resolved: '6', silenced: null };
    const serviceNowToOnCall = { '1': 'firing', '2': 'acknowledged', '3': 'acknowledged', '6': 'resolved' };
    expect((await rig.admin('PUT', route, { oncallToServiceNow, serviceNowToOnCall })).status).toBe(200);
    try {
      const group = await openAlertGroup(rig, integration.inboundUrl, 'Acknowledged means On Hold');
      const created = await incidentFor(rig, group.id);
      const before = await quiet(rig);
      expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
      await waitFor(async () => (await incident(rig, created.sys_id!))?.state === '3', { what: 'On Hold' });
      const writes = since(before, await quiet(rig));
      expect(snLines(writes.sn)).toEqual(['PATCH state=3']);
      expect(writes.sn[0]?.body).toMatchObject({ state: '3', hold_reason: '1' });
      expect(writes.ocActions).toEqual([]);
    } finally {
      await rig.admin('PUT', route, { firing: '1', acknowledged: '2', resolved: '6', silenced: null });
    }
  });

  it('when the incident is Closed, then the group resolves and a later unresolve in OnCall writes nothing to ServiceNow', async () => {
    const before = await quiet(rig);
    const created = await snAsPerson(rig, 'POST', '', { short_description: 'Closed for good' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(created.number!)), {
      what: 'alert group for the incident',
    });
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { ...RESOLVE, state: '7' });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'resolved', { what: 'resolved by Closed' });
    await quiet(rig);

    expect(await oncallAction(rig, group.id, 'unresolve')).toBe(200);
    await waitFor(
      async () =>
        (await pairView(rig, servicenowPairKey(integration, created.sys_id!))).timeline.some(
          (e) => e.kind === 'terminal',
        ),
      { what: 'the pair noting that Closed is terminal' },
    );
    const writes = since(before, await quiet(rig));
    expect(writes.sn).toEqual([]);
    expect(ocLines(writes.ocActions)).toEqual([`${group.id}/resolve`]);
    expect((await incident(rig, created.sys_id!))?.state).toBe('7');
  });

  it('when incidentFields are patched on the integration, then the next created incident carries them', async () => {
    const patched = await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, {
      incidentFields: { category: 'software', impact: '2' },
    });
    expect(patched.status).toBe(200);
    const before = await quiet(rig);

    const group = await openAlertGroup(rig, integration.inboundUrl, 'Incident with extra fields');
    const created = await incidentFor(rig, group.id);
    expect(created).toMatchObject({
      category: 'software',
      impact: '2',
      short_description: 'Incident with extra fields',
    });

    const writes = since(before, await quiet(rig));
    expect(snLines(writes.sn)).toEqual(['POST state=1']);
    expect(writes.sn[0]?.body).toMatchObject({ category: 'software', impact: '2' });
  });
});
