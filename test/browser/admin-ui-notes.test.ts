/**
 * The notes setting in the admin web UI (bridge.md §9), by visible labels in headless Chromium: a person
 * chooses that ServiceNow's additional comments (not work notes) reach OnCall, and then a comment on a
 * pair's incident is carried while a work note is not, and the pair's page lists the carried note. Also
 * the overview's webhook secret rotation, after which OnCall's old secret is refused, and, for an integration
 * without webhooks of its own, the new secret shown once; the API description's link; disconnecting and
 * deleting.
 */
import type { Page } from 'playwright-core';
import { useSignedInAdminUi, type AdminUi } from '../helpers/admin-ui';
import { snAsPerson, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incidentFor, openAlertGroup } from '../e2e/support/actions';
import { quiet } from '../e2e/support/ledger';
import { createBody } from '../admin/support';

describe('the notes setting in the admin web UI', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  let ui: AdminUi;
  let page: Page;
  useSignedInAdminUi((started) => {
    ({ rig, integration, ui } = started);
    page = ui.page;
  });

  it('shows the default (work notes both ways) and saves comments-only to OnCall', async () => {
    await page.getByRole('link', { name: integration.resource.name }).click();
    await page.getByRole('link', { name: 'Notes', exact: true }).click();
    const toOnCall = page.getByLabel(/^ServiceNow → OnCall/);
    const toServiceNow = page.getByLabel(/^OnCall → ServiceNow/);
    expect(await toOnCall.inputValue()).toBe('work_notes');
    expect(await toServiceNow.inputValue()).toBe('work_notes');

    await toOnCall.selectOption({ label: 'Additional comments' });
    await toServiceNow.selectOption({ label: 'Additional comment' });
    await page.getByRole('button', { name: 'Save notes settings' }).click();
    await page.getByText('Notes settings saved.').waitFor();
    await ui.shot('ui-notes');
    const { body } = await rig.admin('GET', `/api/v1/integrations/${integration.id}`);
    expect(body.notes).toEqual({ toOnCall: 'comments', toServiceNow: 'comments' });

    await page.reload();
    await page.getByLabel(/^ServiceNow → OnCall/).waitFor();
    expect(await page.getByLabel(/^ServiceNow → OnCall/).inputValue()).toBe('comments');
  });

  it('then a comment reaches OnCall, a work note does not, and the pair page lists the carried note', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Notes chosen in the UI');
    const created = await incidentFor(rig, group.id);
    await quiet(rig);
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { work_notes: 'Internal: rebooting db-7' });
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { comments: 'We are on it' });

    await page.getByRole('link', { name: 'Pairs', exact: true }).click();
    await page.getByLabel('Incident number or alert group ID').fill(group.id);
    await page.getByRole('button', { name: 'Search' }).click();
    const pairLink = page.getByRole('link', { name: created.number! });
    await waitFor(
      async () => {
        await page.getByRole('button', { name: 'Search' }).click();
        return (await pairLink.count()) > 0;
      },
      { intervalMs: 1000, what: 'the pair in the list' },
    );
    await pairLink.click();
    await page.getByRole('heading', { name: 'Carried notes' }).waitFor();
    const rows = page.getByRole('table').filter({ hasText: 'ServiceNow journal entry' }).getByRole('row');
    // The header row and one carried note; the page refreshes itself while open.
    await waitFor(async () => (await rows.count()) === 2, { timeoutMs: 30_000, what: 'one carried note' });
    expect(await rows.nth(1).textContent()).toContain('ServiceNow → OnCall');
    await ui.shot('ui-pair-notes');
    await quiet(rig);
    expect(await rows.count()).toBe(2);
    const notes = (await (
      await fetch(`${rig.oc.url}/api/v1/resolution_notes/?alert_group_id=${group.id}`, {
        headers: { authorization: rig.humanKey },
      })
    ).json()) as { results: { text: string }[] };
    expect(notes.results.map((n) => n.text)).toEqual([expect.stringContaining('We are on it')]);
  });

  it('rotates the OnCall webhook secret from the overview: the old one is refused from then on', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('link', { name: integration.resource.name }).click();
    await page.getByRole('button', { name: 'Rotate webhook secret' }).click();
    await page.getByText("New secret set in the bridge's OnCall webhooks; the old one is refused.").waitFor();
    const old = await fetch(`${rig.bridgeUrl}/webhooks/oncall/${integration.id}`, {
      method: 'POST',
      headers: { authorization: integration.webhookAuthorization, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(old.status).toBe(401);
  });

  it('without webhooks of its own, shows the new secret once with a warning; the bridge accepts that one', async () => {
    const created = await rig.admin('POST', '/api/v1/integrations', createBody(rig, { createDefaultWebhooks: false }));
    expect(created.status).toBe(201);
    const { id, name } = created.body as { id: string; name: string };
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('link', { name }).click();
    await page.getByText('The bridge has no OnCall webhooks of its own here').waitFor();
    await page.getByRole('button', { name: 'Rotate webhook secret' }).click();
    await page.getByRole('alert').getByText('Shown only this once.').waitFor();
    const header = await page.getByLabel('New Authorization header').inputValue();
    expect(header).toMatch(/^Bearer \S{20,}$/);
    await page.getByRole('button', { name: 'Copy header' }).click();
    await page.getByText('Header copied to the clipboard.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(header);
    await ui.shot('ui-webhook-secret');

    // The bridge takes it (the empty body is then refused as a body, 400), and no other.
    const send = (authorization: string) =>
      fetch(`${rig.bridgeUrl}/webhooks/oncall/${id}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: '{}',
      });
    expect((await send(header)).status).toBe(400);
    expect((await send(`${header}x`)).status).toBe(401);

    // Shown once: gone after leaving the page, and never in the integration's resource.
    await page.getByRole('link', { name: 'Pairs' }).click();
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Rotate webhook secret' }).waitFor();
    expect(await page.content()).not.toContain(header.slice('Bearer '.length));
    expect(JSON.stringify((await rig.admin('GET', `/api/v1/integrations/${id}`)).body)).not.toContain(
      header.slice('Bearer '.length),
    );
  });

  it('links the API description from every page', async () => {
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API description' });
    const described = await fetch(new URL((await link.getAttribute('href'))!, rig.bridgeUrl));
    expect(((await described.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
  });

  it('disconnects an OnCall integration, then deletes the integration and OnCall loses its webhooks', async () => {
    const other = rig.oc.createIntegration({ type: 'alertmanager', name: 'Alertmanager to disconnect' });
    const route = `/api/v1/integrations/${integration.id}`;
    expect((await rig.admin('POST', `${route}/connections`, { oncallIntegrationId: other.id })).status).toBe(201);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('link', { name: integration.resource.name }).click();
    await page.getByRole('link', { name: 'Outgoing' }).click();
    await page.getByRole('button', { name: `Disconnect ${other.id}` }).click();
    await page.getByText(`${other.id} is no longer connected.`).waitFor();
    expect((await rig.admin('GET', route)).body.connections).toEqual([]);

    const webhookIds = ((await rig.admin('GET', route)).body.webhooks as { id: string }[]).map((w) => w.id);
    expect(webhookIds.length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Delete integration…' }).click();
    await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Yes, delete it' }).click();
    await ui.heading('Integrations');
    await page.getByRole('link', { name: integration.resource.name }).waitFor({ state: 'detached' });
    for (const id of webhookIds) {
      const res = await fetch(`${rig.oc.url}/api/v1/webhooks/${id}/`, { headers: { authorization: rig.humanKey } });
      expect(res.status).toBe(404);
    }
  });

  it('kept the browser console free of errors', () => {
    expect(ui.consoleErrors).toEqual([]);
    expect(ui.provoked).toEqual([]);
  });
});
