import { oncallAction, type Rig, type SetUpIntegration, snAsPerson, useIntegrationRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incident, incidentFor, sendAlert } from './support/actions';
import { ocLines, quiet, since, snLines } from './support/ledger';

/** An Alertmanager webhook body of one firing alert group. */
function alertmanager(groupKey: string, alertname: string) {
  return {
    status: 'firing',
    groupKey,
    groupLabels: { alertname },
    commonLabels: { alertname, severity: 'critical' },
    commonAnnotations: { summary: `${alertname} is firing` },
    alerts: [{ status: 'firing', labels: { alertname }, annotations: {}, startsAt: new Date().toISOString() }],
  };
}

describe('connected OnCall integrations, with backsync on and off', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  async function connect(name: string, backsync: boolean) {
    const connected = rig.oc.createIntegration({ type: 'alertmanager', name });
    const res = await rig.admin('POST', `/api/v1/integrations/${integration.id}/connections`, {
      oncallIntegrationId: connected.id,
      backsync,
    });
    expect(res.status).toBe(201);
    return connected;
  }

  async function openGroup(link: string, alertname: string) {
    await sendAlert(link, alertmanager(`{}:{alertname="${alertname}"}`, alertname));
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.trim() === alertname), {
      what: `alert group ${alertname}`,
    });
    return { group, incident: await incidentFor(rig, group.id) };
  }

  it('when backsync is on, then its alert group gets an incident and a ServiceNow change moves the group', async () => {
    const connected = await connect('Prometheus prod', true);
    const before = await quiet(rig);
    const { group, incident: created } = await openGroup(connected.link, 'HighLatency');
    expect(created).toMatchObject({ short_description: 'HighLatency', state: '1' });

    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { state: '2' });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'acknowledged', { what: 'group acknowledged' });

    const writes = since(before, await quiet(rig));
    expect(snLines(writes.sn)).toEqual(['POST state=1']);
    expect(ocLines(writes.ocActions)).toEqual([`${group.id}/acknowledge`]);
    expect(writes.ocInbound).toHaveLength(1);
    expect(since(before, await quiet(rig))).toEqual(writes);
  });

  it('when backsync is off, then OnCall changes reach ServiceNow but ServiceNow changes write nothing to OnCall; switching it on works for the next change', async () => {
    const connected = await connect('Prometheus staging', false);
    const before = await quiet(rig);
    const { group, incident: created } = await openGroup(connected.link, 'DiskPressure');

    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incident(rig, created.sys_id!))?.state === '2', { what: 'In Progress' });

    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, {
      state: '6',
      close_code: 'Solution provided',
      close_notes: 'ok',
    });
    const afterResolve = await quiet(rig);
    expect(rig.oc.alertGroup(group.id)?.state).toBe('acknowledged');
    const offWrites = since(before, afterResolve);
    expect(snLines(offWrites.sn)).toEqual(['POST state=1', 'PATCH state=2']);
    expect(offWrites.ocActions).toEqual([]);

    const patched = await rig.admin('PATCH', `/api/v1/integrations/${integration.id}/connections/${connected.id}`, {
      backsync: true,
    });
    expect(patched.status).toBe(200);
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { state: '2' });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'acknowledged', { what: 'still acknowledged' });
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, {
      state: '6',
      close_code: 'Solution provided',
      close_notes: 'ok',
    });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'resolved', {
      what: 'group resolved after backsync on',
    });

    const onWrites = since(afterResolve, await quiet(rig));
    expect(onWrites.sn).toEqual([]);
    expect(ocLines(onWrites.ocActions)).toEqual([`${group.id}/resolve`]);
    expect(since(afterResolve, await quiet(rig))).toEqual(onWrites);
  });
});
