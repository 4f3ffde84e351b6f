import { basicAuth } from '../../src/integrations/http';
import { oncallAction, type Rig, type SetUpIntegration, snAsPerson, useIntegrationRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';

type Record_ = Record<string, string>;

async function incidents(rig: Rig, query: string): Promise<Record_[]> {
  const res = await fetch(`${rig.sn.url}/api/now/table/incident?sysparm_query=${encodeURIComponent(query)}`, {
    headers: { authorization: basicAuth('admin', 'admin'), accept: 'application/json' },
  });
  return ((await res.json()) as { result: Record_[] }).result;
}

async function sendAlert(url: string, payload: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  expect(res.status).toBe(200);
}

describe('the seed flows, end to end through both emulators', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  it('when an alert group is created and acknowledged in OnCall, then one incident exists and goes In Progress', async () => {
    await sendAlert(integration.inboundUrl, {
      alert_uid: 'disk-1',
      title: 'Disk full on db-1',
      message: 'at 100%',
      state: 'alerting',
    });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === 'Disk full on db-1'), {
      what: 'alert group',
    });
    const [incident] = await waitFor(
      async () => {
        const found = await incidents(rig, `correlation_id=oncall:${group.id}`);
        return found.length > 0 ? found : undefined;
      },
      { what: 'incident for the alert group' },
    );
    expect(incident).toMatchObject({
      short_description: 'Disk full on db-1',
      correlation_display: 'Grafana OnCall',
      state: '1',
    });

    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incidents(rig, `sys_id=${incident!.sys_id}`))[0]?.state === '2', {
      what: 'In Progress',
    });

    expect(await oncallAction(rig, group.id, 'resolve')).toBe(200);
    const resolved = await waitFor(
      async () => {
        const [current] = await incidents(rig, `sys_id=${incident!.sys_id}`);
        return current?.state === '6' ? current : undefined;
      },
      { what: 'Resolved' },
    );
    expect(resolved.close_code).not.toBe('');
    expect(resolved.close_notes).not.toBe('');
    expect(await incidents(rig, `correlation_id=oncall:${group.id}`)).toHaveLength(1);
  });

  it('Test the integration: incident created in ServiceNow → alert group; acknowledge in OnCall → In Progress; resolve in ServiceNow → resolved', async () => {
    const incident = await snAsPerson(rig, 'POST', '', {
      short_description: 'Checkout down',
      description: 'HTTP 500s',
    });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(incident.number!)), {
      what: 'alert group for the ServiceNow incident',
    });
    expect(group.title).toBe(`${incident.number}: Checkout down`);

    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incidents(rig, `sys_id=${incident.sys_id}`))[0]?.state === '2', {
      what: 'In Progress',
    });

    await snAsPerson(rig, 'PATCH', `/${incident.sys_id}`, {
      state: '6',
      close_code: 'Solution provided',
      close_notes: 'fixed',
    });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'resolved', { what: 'alert group resolved' });
    expect(rig.oc.alertGroups().filter((g) => g.title?.includes(incident.number!))).toHaveLength(1);
  });
});
