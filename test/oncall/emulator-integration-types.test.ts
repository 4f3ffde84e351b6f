/**
 * The emulator's integration types behave as OnCall's own (`engine/config_integrations/*.py`,
 * `AlertReceiveChannel.integration_url`): which have an inbound URL, and how each titles its alert groups.
 */
import { startOnCallEmulator, type OnCallEmulator } from '../../src/emulators/oncall';
import { sendAlert } from '../e2e/support/actions';
import { waitFor } from '../helpers/wait';

describe('OnCall emulator: the real integration types', () => {
  let oc: OnCallEmulator;
  let key: string;

  beforeAll(async () => {
    oc = await startOnCallEmulator();
    key = oc.addUser({ username: 'reader', email: 'reader@example.com' }).apiKey;
  });
  afterAll(async () => {
    await oc.close();
  });

  const apiIntegration = async (id: string) =>
    (await (await fetch(`${oc.url}/api/v1/integrations/${id}/`, { headers: { authorization: key } })).json()) as any;

  async function titleOf(
    type: 'alertmanager' | 'grafana_alerting' | 'webhook' | 'formatted_webhook',
    payload: unknown,
  ) {
    const integration = oc.createIntegration({ type });
    await sendAlert(integration.link, payload);
    await oc.idle();
    const group = await waitFor(() => oc.alertGroups().find((g) => g.integration_id === integration.id), {
      what: `${type} group`,
    });
    return group.title;
  }

  it('manual, inbound_email and maintenance integrations have no inbound URL (`link: null`); the others have one', async () => {
    for (const type of ['inbound_email', 'manual', 'maintenance'] as const) {
      const created = oc.createIntegration({ type });
      const shown = await apiIntegration(created.id);
      expect(shown).toMatchObject({ type, link: null });
    }
    const email = await apiIntegration(oc.createIntegration({ type: 'inbound_email' }).id);
    expect(email.inbound_email).toMatch(/^[A-Za-z0-9]+@/);
    for (const type of ['alertmanager', 'grafana_alerting', 'webhook', 'formatted_webhook'] as const) {
      const shown = await apiIntegration(oc.createIntegration({ type }).id);
      expect(shown.link).toMatch(new RegExp(`/integrations/v1/${type}/[A-Za-z0-9]+/$`));
      expect(shown.inbound_email).toBeNull();
    }
  });

  it('the integration object carries the default route notification backends and templates.webhook', async () => {
    const shown = await apiIntegration(oc.createIntegration({ type: 'webhook' }).id);
    expect(shown.default_route).toMatchObject({
      slack: { channel_id: null, enabled: true },
      telegram: { id: null, enabled: false },
      webhook: { id: null, enabled: false },
    });
    expect(shown.templates.webhook).toEqual({ title: null, message: null, image_url: null });
  });

  it('a plain webhook integration titles every group "Incident", whatever the payload says', async () => {
    expect(await titleOf('webhook', { title: 'Disk full', message: 'sda1 at 99%', state: 'alerting' })).toBe(
      'Incident',
    );
  });

  it('Alertmanager and Grafana Alerting title groups by alert name plus the other grouping labels, with a trailing space when there are none', async () => {
    const bare = {
      status: 'firing',
      groupKey: '{}:{alertname="BridgeDemo"}',
      groupLabels: { alertname: 'BridgeDemo' },
    };
    expect(await titleOf('alertmanager', bare)).toBe('BridgeDemo ');
    const grouped = {
      status: 'firing',
      groupKey: '{}:{alertname="HighCPU",cluster="prod",job="api"}',
      groupLabels: { alertname: 'HighCPU', cluster: 'prod', job: 'api' },
    };
    expect(await titleOf('grafana_alerting', grouped)).toBe('HighCPU (prod, api)');
  });

  it('a formatted webhook without a title gets the template default', async () => {
    expect(await titleOf('formatted_webhook', { alert_uid: 'no-title', message: 'm' })).toBe(
      'Title undefined (Check Web Title Template)',
    );
  });

  it('an e-mail to an inbound_email integration and a manual alert open groups titled by subject and by the person', async () => {
    const email = oc.createIntegration({ type: 'inbound_email' });
    const byMail = oc.receiveAlert(email.id, { subject: 'Backup failed', message: 'see log', sender: 'cron@x.io' });
    expect(byMail.title).toBe('Backup failed');
    const manual = oc.createIntegration({ type: 'manual' });
    const byPerson = oc.receiveAlert(manual.id, { oncall: { title: 'Customers report 502s', message: 'help' } });
    expect(byPerson.title).toBe('Customers report 502s');

    const res = await fetch(`${oc.url}/__emulator/integrations/${email.id}/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload: { subject: 'Second mail', message: 'x', sender: 'a@b.c' } }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { title: string }).title).toBe('Second mail');
  });

  it('permalinks are absolute under the org Grafana URL, relative without one', async () => {
    const group = oc.receiveAlert(oc.createIntegration({ type: 'manual' }).id, { oncall: { title: 'p' } });
    expect(group.permalinks.web).toBe(`${oc.url}/a/grafana-oncall-app/alert-groups/${group.id}`);
    const set = await fetch(`${oc.url}/__emulator/organization`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grafanaUrl: null }),
    });
    expect(set.status).toBe(200);
    expect(oc.alertGroup(group.id)?.permalinks.web).toBe(`a/grafana-oncall-app/alert-groups/${group.id}`);
    oc.setGrafanaUrl('https://grafana.example.com/');
    expect(oc.alertGroup(group.id)?.permalinks.web).toBe(
      `https://grafana.example.com/a/grafana-oncall-app/alert-groups/${group.id}`,
    );
    oc.setGrafanaUrl(null);
    oc.reset();
    expect(
      oc.receiveAlert(oc.createIntegration({ type: 'manual' }).id, { oncall: { title: 'q' } }).permalinks.web,
    ).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/a\//);
  });
});
