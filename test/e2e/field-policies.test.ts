/**
 * An instance with data policies switched on (bridge.md §8.1, §8.2; issue 14): group and category mandatory
 * on insert, met by the integration's templates, and On Hold needing `hold_reason`, with On Hold meaning
 * acknowledged in both directions.
 */
import { oncallAction, snAsPerson, useIntegrationRig, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incident, incidentFor, insertRecord, openAlertGroup } from './support/actions';
import { ocLines, quiet, since } from './support/ledger';

const MAPPING = {
  incident: {
    assignment_group: "{{ alert_group.labels.team | default('Service Desk') }}",
    category: "{{ alert_group.labels.kind | default('software') }}",
  },
  updateOnChange: [],
  assignOnAcknowledge: false,
};
const STATE_MAPPING = {
  oncallToServiceNow: { firing: '1', acknowledged: '3', resolved: '6', silenced: null },
  serviceNowToOnCall: { '1': 'firing', '2': 'acknowledged', '3': 'acknowledged', '6': 'resolved', '7': 'resolved' },
};

describe('ServiceNow data policies, met by the bridge', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  let serviceDesk: string;

  useIntegrationRig((started) => ({ rig, integration } = started));

  /** A person's incident that meets the insert policy, and the alert group the bridge opened for it. */
  async function incidentWithGroup(shortDescription: string, category: string) {
    const born = await snAsPerson(rig, 'POST', '', {
      short_description: shortDescription,
      assignment_group: serviceDesk,
      category,
    });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(born.number!)), {
      what: 'alert group for the incident',
    });
    return { born, group };
  }

  beforeAll(async () => {
    rig.sn.updateSettings({ onHoldPolicy: true, mandatoryOnInsert: ['assignment_group', 'category'] });
    serviceDesk = await insertRecord(rig, 'sys_user_group', { name: 'Service Desk' });
    const route = `/api/v1/integrations/${integration.id}`;
    expect((await rig.admin('PUT', `${route}/field-mapping`, MAPPING)).status).toBe(200);
    expect((await rig.admin('PUT', `${route}/state-mapping`, STATE_MAPPING)).status).toBe(200);
  });

  it('when the instance makes group and category mandatory on insert, then the templates fill them and the first create lands', async () => {
    const before = await quiet(rig);
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Disk full on db-2', { kind: 'hardware' });
    const created = await incidentFor(rig, group.id);
    expect(created).toMatchObject({ assignment_group: { value: serviceDesk }, category: 'hardware' });
    const writes = since(before, await quiet(rig)).sn;
    expect(writes.map((w) => `${w.method} ${w.status}`)).toEqual(['POST 201']);
  });

  it('when acknowledged maps to On Hold, then an acknowledge in OnCall puts the incident On Hold with a reason, and an unacknowledge brings it back to New', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Queue stuck', { team: 'Service Desk' });
    const created = await incidentFor(rig, group.id);
    const before = await quiet(rig);

    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    const held = await waitFor(async () => {
      const row = await incident(rig, created.sys_id!);
      return row?.state === '3' ? row : undefined;
    });
    expect(held.hold_reason).toBe('1');
    expect(await oncallAction(rig, group.id, 'unacknowledge')).toBe(200);
    await waitFor(async () => (await incident(rig, created.sys_id!))?.state === '1', { what: 'New again' });

    const writes = since(before, await quiet(rig));
    expect(writes.sn.map((w) => [w.method, w.status, w.body?.state, w.body?.hold_reason])).toEqual([
      ['PATCH', 200, '3', '1'],
      ['PATCH', 200, '1', undefined],
    ]);
    expect(writes.ocActions).toEqual([]);
  });

  it('when a person puts an incident On Hold (with the reason the policy wants), then its alert group is acknowledged, and resolving it resolves the group', async () => {
    const { born, group } = await incidentWithGroup('Vendor outage', 'network');
    const before = await quiet(rig);

    await snAsPerson(rig, 'PATCH', `/${born.sys_id}`, { state: '3', hold_reason: '4' });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'acknowledged', { what: 'acknowledged by On Hold' });
    await snAsPerson(rig, 'PATCH', `/${born.sys_id}`, {
      state: '6',
      close_code: 'Solution provided',
      close_notes: 'vendor fixed it',
    });
    await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'resolved', { what: 'resolved' });

    const writes = since(before, await quiet(rig));
    expect(ocLines(writes.ocActions)).toEqual([`${group.id}/acknowledge`, `${group.id}/resolve`]);
    expect(writes.sn).toEqual([]);
  });

  it('when OnCall acknowledges a ServiceNow-born incident, then it goes On Hold with a reason', async () => {
    const { born, group } = await incidentWithGroup('Payroll batch late', 'software');
    await quiet(rig);
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    const held = await waitFor(async () => {
      const row = await incident(rig, born.sys_id!);
      return row?.state === '3' ? row : undefined;
    });
    expect(held.hold_reason).toBe('1');
  });
});
