/**
 * Field-rich sync end to end through both emulators (bridge.md §8.2, §8.3): templates over labels, a group
 * by name, an unknown group and a template error on the timeline, the preview, assign on acknowledge,
 * updateOnChange with a person's ServiceNow edit winning, and the incident filter (by webhook and by
 * reconciliation).
 */
import {
  oncallAction,
  revokeInstalledBusinessRule,
  snAsPerson,
  useIntegrationRig,
  type Rig,
  type SetUpIntegration,
} from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incident, incidentFor, insertRecord, oncallPairKey, openAlertGroup, pairView } from './support/actions';
import { quiet } from './support/ledger';

const MAPPING = {
  incident: {
    urgency:
      "{{ 1 if alert_group.labels.severity == 'critical' else (2 if alert_group.state == 'acknowledged' else 3) }}",
    impact: "{{ 1 if alert_group.labels.severity == 'critical' else 2 }}",
    assignment_group: "{{ alert_group.labels.team | default('Service Desk') }}",
    category: '{{ alert_group.labels.kind.upper() }}',
  },
  updateOnChange: ['urgency'],
  assignOnAcknowledge: true,
};

describe('incident fields and routing, end to end', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  let network: string;
  let aliceSn: string;

  useIntegrationRig((started) => ({ rig, integration } = started));

  beforeAll(async () => {
    network = await insertRecord(rig, 'sys_user_group', { name: 'Network' });
    aliceSn = await insertRecord(rig, 'sys_user', {
      user_name: 'alice.w',
      name: 'Alice W',
      email: 'alice@example.com',
    });
    const set = await rig.admin('PUT', `/api/v1/integrations/${integration.id}/field-mapping`, MAPPING);
    expect(set.status).toBe(200);
    expect(set.body.fieldMapping).toEqual(MAPPING);
  });

  it('refuses a template that does not parse, naming the field and the position', async () => {
    const bad = await rig.admin('PUT', `/api/v1/integrations/${integration.id}/field-mapping`, {
      incident: { urgency: '{% if %}1{% endif %}' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/incident\.urgency: template: .*Line 1, Column/);
  });

  it('when a critical alert of team Network fires, then the incident has urgency, impact and the group by sys_id', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Checkout 5xx', {
      severity: 'critical',
      team: 'Network',
    });
    const created = await incidentFor(rig, group.id);
    expect(created).toMatchObject({ urgency: '1', impact: '1', priority: '1', assignment_group: { value: network } });
    const view = await waitFor(async () => {
      const v = await pairView(rig, oncallPairKey(integration, group.id));
      return v.timeline.some((t) => t.kind === 'template_error') ? v : undefined;
    });
    expect(view.timeline.find((t) => t.kind === 'template_error')?.summary).toMatch(/^left unset: category:/);
    expect(created.category).toBe('inquiry');

    const preview = await rig.admin('POST', `/api/v1/integrations/${integration.id}/field-mapping/preview`, {
      alertGroupId: group.id,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.incident).toMatchObject({ urgency: '1', impact: '1', assignment_group: 'Network' });
    expect(preview.body.problems).toEqual([expect.stringMatching(/^category:/)]);
  });

  it('when the team names no group, then the incident is created without one and the timeline says so', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Queue backlog', {
      severity: 'warning',
      team: 'Nobody',
    });
    const created = await incidentFor(rig, group.id);
    expect(created).toMatchObject({ urgency: '3', impact: '2', assignment_group: '' });
    const view = await waitFor(async () => {
      const v = await pairView(rig, oncallPairKey(integration, group.id));
      return v.timeline.some((t) => t.kind === 'unresolved') ? v : undefined;
    });
    expect(view.timeline.find((t) => t.kind === 'unresolved')?.summary).toContain('Nobody');
  });

  it('when a person acknowledges, then the incident is theirs and its urgency follows; a ServiceNow edit then wins', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Latency p99', { severity: 'warning' });
    const created = await incidentFor(rig, group.id);
    expect(created.urgency).toBe('3');

    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    const acked = await waitFor(async () => {
      const row = await incident(rig, created.sys_id!);
      return row?.state === '2' ? row : undefined;
    });
    expect(acked).toMatchObject({ assigned_to: { value: aliceSn }, urgency: '2' });

    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { urgency: '1' });
    await waitFor(async () => {
      const v = await pairView(rig, oncallPairKey(integration, group.id));
      return v.timeline.filter((t) => t.source === 'servicenow').length > 0 ? v : undefined;
    });
    expect(await oncallAction(rig, group.id, 'resolve')).toBe(200);
    const resolved = await waitFor(async () => {
      const row = await incident(rig, created.sys_id!);
      return row?.state === '6' ? row : undefined;
    });
    expect(resolved.urgency).toBe('1');
  });

  it('only incidents that match the filter page; one that comes to match gets its alert group then', async () => {
    const bad = await rig.admin('PUT', `/api/v1/integrations/${integration.id}/incident-filter`, {
      condition: 'priority<=2^nonsense',
    });
    expect(bad.status).toBe(400);
    const set = await rig.admin('PUT', `/api/v1/integrations/${integration.id}/incident-filter`, {
      condition: 'priority<=2',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ incidentFilter: { condition: 'priority<=2' }, businessRuleOutdated: false });

    const low = await snAsPerson(rig, 'POST', '', { short_description: 'Printer jam', impact: '3', urgency: '3' });
    const high = await snAsPerson(rig, 'POST', '', {
      short_description: 'Core switch down',
      impact: '1',
      urgency: '1',
    });
    const highGroup = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(high.number!)));
    expect(rig.oc.alertGroups().some((g) => g.title?.includes(low.number!))).toBe(false);
    const alert = highGroup as unknown as { id: string };
    expect(alert.id).toBeTruthy();

    await snAsPerson(rig, 'PATCH', `/${low.sys_id}`, { impact: '1', urgency: '2' });
    await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(low.number!)), {
      what: 'alert group once the incident matches',
    });

    const outdated = await rig.admin('PUT', `/api/v1/integrations/${integration.id}/incident-filter`, {
      condition: 'u_region=EU',
    });
    expect(outdated.body.businessRuleOutdated).toBe(true);
    await rig.admin('PUT', `/api/v1/integrations/${integration.id}/incident-filter`, { condition: '' });
  });

  it('the alert of a ServiceNow-born incident carries the servicenow object, and again once when a carried field changes', async () => {
    const born = await snAsPerson(rig, 'POST', '', { short_description: 'VPN down', impact: '1', urgency: '2' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(born.number!)));
    const now = () => rig.oc.alertGroup(group.id)!;
    const carried = () => (now().last_alert?.payload as { servicenow?: Record<string, string> } | null)?.servicenow;
    expect(now().alerts_count).toBe(1);
    expect(carried()).toMatchObject({ number: born.number, sys_id: born.sys_id, assignment_group: '' });
    expect(carried()?.priority).not.toBe('');

    await snAsPerson(rig, 'PATCH', `/${born.sys_id}`, { assignment_group: network });
    await waitFor(() => now().alerts_count === 2, { what: 're-posted alert' });
    expect(carried()?.assignment_group).toBe('Network');
    await snAsPerson(rig, 'PATCH', `/${born.sys_id}`, { short_description: 'VPN down for EU' });
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incident(rig, born.sys_id!))?.state === '2');
    expect(now().alerts_count).toBe(2);
  });

  // Last: issuing the rule again revokes the installed rule's token, so its later calls are lost.
  it('when an incident comes to match the filter while its webhook is lost, then reconciliation gives it its alert group', async () => {
    const filter = 'priority<=2^contact_type=phone';
    expect(
      (await rig.admin('PUT', `/api/v1/integrations/${integration.id}/incident-filter`, { condition: filter })).status,
    ).toBe(200);
    const phoned = await snAsPerson(rig, 'POST', '', {
      short_description: 'Trading floor phones dead',
      impact: '3',
      urgency: '3',
      contact_type: 'phone',
    });
    await revokeInstalledBusinessRule(rig, integration);
    await snAsPerson(rig, 'PATCH', `/${phoned.sys_id}`, { impact: '1', urgency: '1' });
    await quiet(rig);
    const carries = (g: { title?: string | null }) => g.title?.includes(phoned.number!) ?? false;
    expect(rig.oc.alertGroups().some(carries)).toBe(false);

    const run = await rig.admin('POST', `/api/v1/integrations/${integration.id}/reconcile`);
    expect(run.status).toBe(200);
    expect(run.body.orphansAdopted).toBe(1);
    const group = await waitFor(() => rig.oc.alertGroups().find(carries), { what: "the adopted incident's group" });
    const payload = rig.oc.alertGroup(group.id)!.last_alert?.payload as { servicenow?: Record<string, string> };
    expect(payload.servicenow).toMatchObject({ number: phoned.number, priority: '1 - Critical' });
  });
});
