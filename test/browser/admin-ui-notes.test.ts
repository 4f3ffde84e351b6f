/**
 * The notes setting in the admin web UI (bridge.md §9), by visible labels in headless Chromium: a person
 * chooses that ServiceNow's additional comments (not work notes) reach OnCall, and then a comment on a
 * pair's incident is carried while a work note is not, and the pair's page lists the carried note. Also
 * the overview's webhook secret rotation, after which OnCall's old secret is refused.
 */
import type { Page } from 'playwright-core';
import { useSignedInAdminUi, type AdminUi } from '../helpers/admin-ui';
import { snAsPerson, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incidentFor, openAlertGroup } from '../e2e/support/actions';
import { quiet } from '../e2e/support/ledger';

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

  it('kept the browser console free of errors', () => {
    expect(ui.consoleErrors).toEqual([]);
    expect(ui.provoked).toEqual([]);
  });
});
