/**
 * Integrations of every type OnCall really has, through both emulators: each can be connected, and its
 * alert groups create incidents whose title says what the alert is about, even where OnCall's own title is
 * a type default ("Incident") or keeps a trailing space (Alertmanager). Types without an inbound URL
 * (`link: null`) connect fine, but cannot be the bridge's receiving integration, and nothing an admin reads
 * carries a parser's dump.
 */
import { oncallAction, type Rig, type SetUpIntegration, useIntegrationRig } from '../helpers/e2e';
import { uniqueId, waitFor } from '../helpers/wait';
import { createBody } from '../admin/support';
import { incident, incidentFor, sendAlert } from './support/actions';

/** What a zod or JSON dump would leave in a message. */
const PARSER_DUMP = /invalid_type|Invalid input|"code"|"path"|\[\s*\{|ZodError|expected string/i;

function inboundUrl(created: { link: string | null }): string {
  if (!created.link) throw new Error('this integration type has an inbound URL');
  return created.link;
}

describe('OnCall integrations of every real type', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  async function connect(type: Parameters<Rig['oc']['createIntegration']>[0]['type']) {
    const created = rig.oc.createIntegration({ type, name: uniqueId(type) });
    const res = await rig.admin('POST', `/api/v1/integrations/${integration.id}/connections`, {
      oncallIntegrationId: created.id,
      backsync: true,
    });
    expect({ type, status: res.status, body: res.status === 201 ? 'ok' : res.body }).toEqual({
      type,
      status: 201,
      body: 'ok',
    });
    return created;
  }

  async function groupOf(integrationId: string) {
    await rig.oc.idle();
    return waitFor(() => rig.oc.alertGroups().find((g) => g.integration_id === integrationId), {
      what: `alert group of ${integrationId}`,
    });
  }

  async function shortDescriptionFor(integrationId: string): Promise<{ oncallTitle: string | null; incident: string }> {
    const group = await groupOf(integrationId);
    const created = await incidentFor(rig, group.id);
    return { oncallTitle: group.title, incident: created.short_description ?? '' };
  }

  it('connects alertmanager, grafana_alerting, webhook, formatted_webhook, inbound_email and manual integrations; each alert group gets an incident with a useful title', async () => {
    const alertmanager = await connect('alertmanager');
    await sendAlert(inboundUrl(alertmanager), {
      status: 'firing',
      groupKey: '{}:{alertname="HighLatency"}',
      groupLabels: { alertname: 'HighLatency' },
      commonLabels: { alertname: 'HighLatency', severity: 'critical' },
      commonAnnotations: { summary: 'p99 latency above 2 s' },
      alerts: [{ status: 'firing', labels: { alertname: 'HighLatency' }, annotations: {} }],
    });
    expect(await shortDescriptionFor(alertmanager.id)).toEqual({
      oncallTitle: 'HighLatency ',
      incident: 'HighLatency',
    });

    const grafana = await connect('grafana_alerting');
    await sendAlert(inboundUrl(grafana), {
      status: 'firing',
      groupKey: '{}:{alertname="DiskFull",instance="db-1"}',
      groupLabels: { alertname: 'DiskFull', instance: 'db-1' },
      alerts: [{ status: 'firing', labels: { alertname: 'DiskFull', instance: 'db-1' }, annotations: {} }],
    });
    expect(await shortDescriptionFor(grafana.id)).toEqual({
      oncallTitle: 'DiskFull (db-1)',
      incident: 'DiskFull (db-1)',
    });

    const webhook = await connect('webhook');
    await sendAlert(inboundUrl(webhook), {
      title: '  Checkout 5xx above 5%  ',
      message: 'see dashboard',
      state: 'alerting',
    });
    expect(await shortDescriptionFor(webhook.id)).toEqual({
      oncallTitle: 'Incident',
      incident: 'Checkout 5xx above 5%',
    });

    const bare = rig.oc.createIntegration({ type: 'webhook', name: 'bare webhook' });
    expect(
      (await rig.admin('POST', `/api/v1/integrations/${integration.id}/connections`, { oncallIntegrationId: bare.id }))
        .status,
    ).toBe(201);
    await sendAlert(bare.link, { value: 42 });
    const bareGroup = await groupOf(bare.id);
    expect((await incidentFor(rig, bareGroup.id)).short_description).toBe(`Incident (alert group ${bareGroup.id})`);

    const formatted = await connect('formatted_webhook');
    await sendAlert(inboundUrl(formatted), { alert_uid: 'fw-1', title: 'Queue backlog growing', state: 'alerting' });
    expect(await shortDescriptionFor(formatted.id)).toEqual({
      oncallTitle: 'Queue backlog growing',
      incident: 'Queue backlog growing',
    });

    const email = await connect('inbound_email');
    expect(email.link).toBeNull();
    rig.oc.receiveAlert(email.id, { subject: 'Nightly backup failed', message: 'exit 3', sender: 'cron@example.com' });
    expect(await shortDescriptionFor(email.id)).toEqual({
      oncallTitle: 'Nightly backup failed',
      incident: 'Nightly backup failed',
    });

    const manual = await connect('manual');
    expect(manual.link).toBeNull();
    rig.oc.receiveAlert(manual.id, { oncall: { title: 'Customers report 502s', message: 'from support' } });
    const manualGroup = await groupOf(manual.id);
    const manualIncident = await incidentFor(rig, manualGroup.id);
    expect(manualIncident.short_description).toBe('Customers report 502s');
    expect(manualIncident.description).toContain('from support');
  });

  it('when setup names a manual or inbound_email integration as the receiving one, then 400 says why, with no parser output', async () => {
    for (const type of ['manual', 'inbound_email'] as const) {
      const target = rig.oc.createIntegration({ type, name: uniqueId(type) });
      const refused = await rig.admin(
        'POST',
        '/api/v1/integrations',
        createBody(rig, { oncall: { apiUrl: rig.oc.url, apiToken: rig.botKey, integrationId: target.id } }),
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('oncall_integration_type');
      expect(refused.body.error.message).toContain('no inbound URL');
      expect(refused.body.error.message).toContain(type);
      expect(refused.body.error.message).not.toMatch(PARSER_DUMP);
      expect(refused.body.error.details).toBeUndefined();
    }
  });

  it('when a demo alert is asked for an integration without an inbound URL, then 400 says why', async () => {
    const email = await connect('inbound_email');
    const refused = await rig.admin(
      'POST',
      `/api/v1/integrations/${integration.id}/connections/${email.id}/demo-alert`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('oncall_no_inbound_url');
    expect(refused.body.error.message).not.toMatch(PARSER_DUMP);
  });

  it('when OnCall gives relative permalinks, then the incident links through oncall.uiUrl, or says it has no link, never a broken one', async () => {
    const formatted = await connect('formatted_webhook');
    rig.oc.setGrafanaUrl(null);
    try {
      await sendAlert(inboundUrl(formatted), { alert_uid: 'rel-1', title: 'Relative link 1', state: 'alerting' });
      const first = await groupOf(formatted.id);
      expect(first.permalinks.web).toBe(`a/grafana-oncall-app/alert-groups/${first.id}`);
      const unlinked = await incidentFor(rig, first.id);
      expect(unlinked.description).toContain(`Alert group ${first.id} in Grafana OnCall (no link`);
      expect(unlinked.description).not.toContain('a/grafana-oncall-app');

      const refused = await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, {
        oncall: { uiUrl: 'ftp://grafana.example.com' },
      });
      expect(refused.status).toBe(400);
      const patched = await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, {
        oncall: { uiUrl: 'https://grafana.example.com/' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.oncall.uiUrl).toBe('https://grafana.example.com');

      await sendAlert(inboundUrl(formatted), { alert_uid: 'rel-2', title: 'Relative link 2', state: 'alerting' });
      const second = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === 'Relative link 2'), {
        what: 'second group',
      });
      const linked = await incidentFor(rig, second.id);
      expect(linked.description).toContain(
        `Alert group: https://grafana.example.com/a/grafana-oncall-app/alert-groups/${second.id}`,
      );

      const cleared = await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, { oncall: { uiUrl: null } });
      expect(cleared.body.oncall.uiUrl).toBeNull();
    } finally {
      rig.oc.setGrafanaUrl(rig.oc.url);
    }
  });

  it('every PATCH the bridge sends to a webhook names the whole integration filter (OnCall clears a filter a PATCH leaves out)', async () => {
    const first = await connect('alertmanager');
    const second = await connect('inbound_email');
    const route = `/api/v1/integrations/${integration.id}/connections`;
    expect((await rig.admin('PATCH', `${route}/${first.id}`, { backsync: false })).status).toBe(200);
    expect((await rig.admin('DELETE', `${route}/${second.id}`)).status).toBe(200);

    const requests = (await (await fetch(`${rig.oc.url}/__emulator/requests`)).json()) as {
      method: string;
      path: string;
      body: any;
    }[];
    const patches = requests.filter((r) => ['PATCH', 'PUT'].includes(r.method) && r.path.includes('/webhooks/'));
    expect(patches.length).toBeGreaterThanOrEqual(4);
    for (const patch of patches) {
      expect(patch.body.integration_filter).toEqual(expect.arrayContaining([integration.oncallIntegrationId]));
    }
    const resource = (await rig.admin('GET', `/api/v1/integrations/${integration.id}`)).body as {
      connections: { oncallIntegrationId: string }[];
      webhooks: { id: string }[];
    };
    const expected = [integration.oncallIntegrationId, ...resource.connections.map((c) => c.oncallIntegrationId)];
    for (const webhook of resource.webhooks) {
      const shown = (await (
        await fetch(`${rig.oc.url}/api/v1/webhooks/${webhook.id}/`, { headers: { authorization: rig.humanKey } })
      ).json()) as { integration_filter: string[] | null };
      expect([...(shown.integration_filter ?? [])].sort()).toEqual([...expected].sort());
    }
  });

  it('a resolve in OnCall closes with a "solved" code by default, or the one the admin chose; the resource shows it', async () => {
    const shown = (await rig.admin('GET', `/api/v1/integrations/${integration.id}`)).body;
    expect(shown.closeCode).toEqual({ value: 'Solution provided', label: 'Solution provided', chosen: false });
    const formatted = await connect('formatted_webhook');

    async function resolvedIncident(uid: string) {
      await sendAlert(inboundUrl(formatted), { alert_uid: uid, title: uid, state: 'alerting' });
      const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === uid), { what: uid });
      const created = await incidentFor(rig, group.id);
      expect(await oncallAction(rig, group.id, 'resolve')).toBe(200);
      return waitFor(
        async () => {
          const row = await incident(rig, created.sys_id!);
          return row?.state === '6' ? row : undefined;
        },
        { what: `${uid} resolved` },
      );
    }

    expect((await resolvedIncident('close-default')).close_code).toBe('Solution provided');

    const bogus = await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, { closeCode: 'Fixed it' });
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.message).toContain('close codes');
    const chosen = await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, {
      closeCode: 'Workaround provided',
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.closeCode).toEqual({ value: 'Workaround provided', label: 'Workaround provided', chosen: true });
    expect((await resolvedIncident('close-chosen')).close_code).toBe('Workaround provided');

    const back = await rig.admin('PATCH', `/api/v1/integrations/${integration.id}`, { closeCode: null });
    expect(back.body.closeCode).toMatchObject({ value: 'Solution provided', chosen: false });
  });
});
