/**
 * As an admin who never read the README would: sign in to the bridge's web UI in headless Chromium and set
 * up an integration against both emulators by visible labels only (name → ServiceNow with a failed and a
 * passing check → OnCall webhooks → state mapping → Business Rule copied from the page and installed in
 * the ServiceNow emulator), connect another OnCall integration, send a demo alert and watch its pair
 * appear and its timeline grow. The browser's console must stay free of errors throughout.
 */
import type { Locator, Page } from 'playwright-core';
import { openAdminUi, type AdminUi } from '../helpers/admin-ui';
import { INTEGRATION_USER, oncallAction, type Rig, SN_HUMAN, snAsPerson, startRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';

describe('the admin web UI, driven as a person would', () => {
  let rig: Rig;
  let ui: AdminUi;
  let page: Page;
  let consoleErrors: string[];
  let provoked: string[];

  beforeAll(async () => {
    rig = await startRig({ env: { TEMPORAL_UI_URL: 'http://localhost:8233' } });
    ui = await openAdminUi(rig);
    ({ page, consoleErrors, provoked } = ui);
  });

  afterAll(async () => {
    await ui?.browser.close();
    await rig?.close();
  });

  const shot = (name: string) => ui.shot(name);
  const heading = (name: string | RegExp) => ui.heading(name);
  const description = (control: Locator) => ui.description(control);

  it('signs in with the admin token, refusing a wrong one, and keeps it out of the URL', async () => {
    await page.goto(`${rig.bridgeUrl}/`);
    await page.getByLabel('Admin token').fill('not-the-token');
    provoked.push('401 /api/v1/integrations');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The bridge refused this token.').waitFor();
    await shot('ui-sign-in');

    await page.getByLabel('Admin token').fill(rig.config.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Integrations');
    expect(page.url()).not.toContain(rig.config.adminToken);
    expect(await page.evaluate<number>('localStorage.length')).toBe(0);
  });

  it('walks the wizard: a failed connection check names the field, a passing one lets the person on', async () => {
    await page.getByRole('main').getByRole('link', { name: 'New integration' }).click();
    await heading('New integration');
    await page.getByLabel('Name').fill('ServiceNow production');
    await page.getByLabel('Description').fill('Incidents of the checkout team');
    await page.getByRole('button', { name: 'Next' }).click();

    const password = page.getByLabel('ServiceNow password');
    const user = page.getByLabel('ServiceNow user');
    await page.getByLabel('ServiceNow instance URL').fill(rig.sn.url);
    await user.fill(INTEGRATION_USER.user_name);
    await password.fill('wrong-password');
    provoked.push('400 /api/v1/integrations/test-connection');
    await page.getByRole('button', { name: 'Verify connection' }).click();
    await waitFor(async () => (await description(password)).includes('credentials rejected'), {
      what: 'the rejected credentials next to the password',
    });
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);

    await user.fill(SN_HUMAN.user_name);
    await password.fill(SN_HUMAN.password);
    provoked.push('400 /api/v1/integrations/test-connection');
    await page.getByRole('button', { name: 'Verify connection' }).click();
    await waitFor(async () => (await description(user)).includes('personalize_choices'), {
      what: 'the missing role next to the user',
    });
    await shot('ui-wizard-connection-failed');

    await user.fill(INTEGRATION_USER.user_name);
    await password.fill(INTEGRATION_USER.password);
    await page.getByRole('button', { name: 'Verify connection' }).click();
    await page.getByText('Connection verified').waitFor();
    expect(await description(user)).toBe('');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('OnCall API URL').fill(rig.oc.url);
    await page.getByLabel('OnCall API key').fill(rig.botKey);
    expect(await page.getByLabel('Create default outgoing webhooks in OnCall').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create integration' }).click();
    await heading('State mapping');
  });

  it('maps states with drop-downs of the instance’s own states', async () => {
    const acknowledged = page.getByLabel('OnCall acknowledged');
    const offered = await acknowledged.locator('option').allTextContents();
    expect(offered).toEqual(expect.arrayContaining(['New', 'In Progress', 'On Hold', 'Resolved', 'Closed']));
    await acknowledged.selectOption({ label: 'In Progress' });
    await page.getByLabel('OnCall resolved').selectOption({ label: 'Resolved' });
    await page.getByLabel('OnCall silenced').selectOption({ label: 'Nothing (write nothing)' });
    await shot('ui-wizard-state-mapping');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await heading('Business Rule');
  });

  it('generates the Business Rule; the copied script installed in ServiceNow reports incidents', async () => {
    await page.getByRole('button', { name: 'Generate Business Rule script' }).click();
    await page.getByRole('button', { name: 'Copy script' }).click();
    await page.getByText('Script copied to the clipboard.').waitFor();
    const script = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(script).toContain('sn_ws.RESTMessageV2');
    const value = async (field: string) =>
      (await page
        .getByRole('row', { name: new RegExp(`^${field} `) })
        .getByRole('cell')
        .textContent()) ?? '';
    const rule = {
      name: await value('Name'),
      table: /\[(\w+)\]/.exec(await value('Table'))?.[1],
      when: await value('When'),
      insert: (await value('Insert')) === 'checked',
      update: (await value('Update')) === 'checked',
    };
    expect(rule).toEqual({ name: expect.any(String), table: 'incident', when: 'after', insert: true, update: true });
    await shot('ui-wizard-business-rule');
    const installed = await fetch(`${rig.sn.url}/__emulator/business-rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...rule, script }),
    });
    expect(installed.status).toBe(201);
    await page.getByRole('link', { name: 'Proceed' }).click();
    await heading('ServiceNow production');

    const born = await snAsPerson(rig, 'POST', '', { short_description: 'Checkout is down', urgency: '1' });
    await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.startsWith(born.number!)), {
      what: 'the alert group of the ServiceNow-born incident',
    });
  });

  it('shows the settings with secrets only as "set"', async () => {
    await page.getByText('ServiceNow password').first().waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/ServiceNow password\s+set/);
    expect(text).toMatch(/OnCall API key\s+set/);
    const html = await page.content();
    for (const secret of [INTEGRATION_USER.password, rig.botKey, rig.config.adminToken])
      expect(html).not.toContain(secret);
    await shot('ui-integration-overview');
  });

  it('changes a setting without touching the stored secrets', async () => {
    await page.getByLabel('OnCall web URL').fill('https://grafana.example.com');
    await page.getByLabel('Close code').fill('Workaround provided');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const { body } = await rig.admin('GET', `/api/v1/integrations/${await integrationId()}`);
    expect(body.oncall).toMatchObject({ uiUrl: 'https://grafana.example.com', apiTokenSet: true });
    expect(body.closeCode).toEqual({ value: 'Workaround provided', label: 'Workaround provided', chosen: true });
    expect(body.servicenow.passwordSet).toBe(true);
    await waitFor(
      async () => /OnCall web URL\s+https:\/\/grafana\.example\.com/.test(await page.locator('body').innerText()),
      {
        what: 'the new setting on the page',
      },
    );
  });

  it('connects an OnCall integration with backsync, flips its switch and sends a demo alert', async () => {
    const alertmanager = rig.oc.createIntegration({ type: 'alertmanager', name: 'Alertmanager checkout' });
    await page.getByRole('link', { name: 'Outgoing' }).click();
    await page.getByLabel('OnCall integration ID to connect').fill(alertmanager.id);
    await page.getByRole('button', { name: 'Connect' }).click();
    const backsync = page.getByRole('switch', { name: `Backsync for ${alertmanager.id}` });
    await backsync.waitFor();
    expect(await backsync.isChecked()).toBe(true);
    await backsync.click();
    await page.getByText(`Backsync for ${alertmanager.id} is off.`).waitFor();
    expect((await rig.admin('GET', `/api/v1/integrations/${await integrationId()}`)).body.connections).toEqual([
      { oncallIntegrationId: alertmanager.id, backsync: false },
    ]);
    await backsync.click();
    await page.getByText(`Backsync for ${alertmanager.id} is on.`).waitFor();

    await page.getByRole('button', { name: `Send demo alert to ${alertmanager.id}` }).click();
    await page.getByText(/Demo alert sent/).waitFor();
    await shot('ui-connections');
  });

  it('finds the demo alert’s pair and watches its timeline grow as a person acknowledges in OnCall', async () => {
    await page.getByRole('link', { name: 'Pairs', exact: true }).click();
    const demoRow = page.getByRole('row').filter({ hasText: /demo/i });
    await waitFor(
      async () => {
        await page.getByRole('button', { name: 'Search' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: /pairs?$/ })
          .waitFor();
        return (await demoRow.count()) > 0 && (await demoRow.first().textContent())?.includes('INC');
      },
      { timeoutMs: 60_000, intervalMs: 1000, what: 'the demo alert’s pair in the list' },
    );
    const number = /INC\d+/.exec((await demoRow.first().textContent()) ?? '')?.[0];
    expect(number).toBeDefined();

    await page.getByLabel('Incident number or alert group ID').fill(number!);
    await page.getByLabel('OnCall state').selectOption('firing');
    await page.getByLabel('Show at most').selectOption('500');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^1 pair$/ })
      .waitFor();
    await shot('ui-pairs');

    await page.getByRole('link', { name: number! }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    const entries = page.getByRole('list', { name: 'Timeline, oldest first' }).getByRole('listitem');
    await waitFor(async () => (await entries.count()) > 0, { what: 'the first timeline entries' });
    const before = await entries.count();
    const temporal = await page.getByRole('link', { name: 'Open in the Temporal Web UI' }).getAttribute('href');
    expect(temporal).toMatch(/^http:\/\/localhost:8233\/namespaces\/default\/workflows\/pair%2F/);
    const incidentLink = await page
      .getByRole('link', { name: /Open incident INC\d+ in ServiceNow/ })
      .getAttribute('href');
    expect(incidentLink).toMatch(new RegExp(`^${rig.sn.url}/incident\\.do\\?sys_id=\\w+$`));

    const group = rig.oc.alertGroups().find((g) => /demo/i.test(g.title ?? ''));
    expect(group).toBeDefined();
    const groupLink = await page
      .getByRole('link', { name: `Open alert group ${group!.id} in OnCall` })
      .getAttribute('href');
    expect(groupLink).toBe(group!.permalinks.web);
    expect(await oncallAction(rig, group!.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await entries.count()) > before, { timeoutMs: 30_000, what: 'the timeline to grow' });
    await page.getByText('In Progress (2)').waitFor();
    await shot('ui-pair-timeline');
  });

  it('reconciles now from the overview', async () => {
    await page.getByRole('link', { name: /Pairs of ServiceNow production/ }).click();
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Reconcile now' }).click();
    await page.getByText(/^Reconciled: \d+ incidents/).waitFor({ timeout: 120_000 });
  });

  it('kept the browser console free of errors', () => {
    expect(consoleErrors).toEqual([]);
    expect(provoked).toEqual([]);
  });

  async function integrationId(): Promise<string> {
    const { integrations } = (await rig.admin('GET', '/api/v1/integrations')).body;
    return integrations[0].id;
  }
});
