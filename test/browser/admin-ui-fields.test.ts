/**
 * Incident fields and the incident filter in the admin web UI (bridge.md §8.2, §8.3), by visible labels in
 * headless Chromium: a person adds templates, sees a broken one refused next to its field, previews the
 * incident an alert group would create (and the one a pasted webhook body would), sets a fixed field and the
 * filter; then a real alert creates the incident the preview showed, and an incident outside the filter
 * pages nobody.
 */
import type { Locator, Page } from 'playwright-core';
import { useSignedInAdminUi, type AdminUi } from '../helpers/admin-ui';
import { snAsPerson, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incidentFor, sendAlert } from '../e2e/support/actions';
import { quiet } from '../e2e/support/ledger';

const URGENCY = "{{ 1 if alert_group.labels.severity == 'critical' else 3 }}";
const TITLE = "[{{ alert_group.labels.team | default('ops') }}] {{ alert_group.title }}";

describe('incident fields and filter in the admin web UI', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  let ui: AdminUi;
  let page: Page;
  useSignedInAdminUi((started) => {
    ({ rig, integration, ui } = started);
    page = ui.page;
  });
  beforeAll(async () => {
    await page.getByRole('link', { name: integration.resource.name }).click();
  });

  const row = (n: number) => page.getByRole('group', { name: `Field ${n}` });
  const description = (control: Locator) => ui.description(control);
  /** The writes ServiceNow received: requests other than reads. */
  const snWrites = async () =>
    ((await (await fetch(`${rig.sn.url}/__emulator/requests`)).json()) as { method: string }[]).filter(
      (r) => r.method !== 'GET',
    );

  it('adds two templates, shows a broken one refused under its field, and saves once it is removed', async () => {
    await page.getByRole('link', { name: 'Incident fields' }).click();
    await page.getByText('No field template yet').waitFor();
    for (const [n, field, template] of [
      [1, 'urgency', URGENCY],
      [2, 'short_description', TITLE],
      [3, 'impact', '{% if %}1{% endif %}'],
    ] as const) {
      await page.getByRole('button', { name: 'Add field' }).click();
      await row(n).getByLabel('ServiceNow field').fill(field);
      await row(n).getByLabel('Template').fill(template);
    }
    await row(1)
      .getByLabel(/^Write again/)
      .check();
    ui.provoked.push(`400 /api/v1/integrations/${integration.id}/field-mapping`);
    await page.getByRole('button', { name: 'Save field mapping' }).click();
    const broken = row(3).getByLabel('Template');
    await waitFor(async () => /Line 1, Column/.test(await description(broken)), {
      what: 'the template error under field 3',
    });
    expect(await description(row(1).getByLabel('Template'))).toBe('');

    await page.getByRole('button', { name: 'Remove field 3' }).click();
    await page.getByLabel('Assign the incident to the person who acknowledges in OnCall').check();
    await page.getByRole('button', { name: 'Save field mapping' }).click();
    await page.getByText('Field mapping saved.').waitFor();
    const { body } = await rig.admin('GET', `/api/v1/integrations/${integration.id}`);
    expect(body.fieldMapping).toEqual({
      incident: { urgency: URGENCY, short_description: TITLE },
      updateOnChange: ['urgency'],
      assignOnAcknowledge: true,
    });
  });

  it('previews the incident for an alert group, and the alert creates that incident', async () => {
    // The group exists in OnCall before its incident does: the preview reads it from OnCall.
    const title = 'Checkout 5xx';
    await sendAlert(integration.inboundUrl, {
      alert_uid: title,
      title,
      message: 'details',
      state: 'alerting',
      labels: { severity: 'critical', team: 'payments' },
    });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === title), { what: 'the group' });

    await page.getByLabel('Alert group ID').fill(group.id);
    await page.getByRole('button', { name: 'Preview incident' }).click();
    const table = page.getByRole('table', { name: "The incident's templated fields" });
    await table.waitFor();
    const value = (field: string) => table.getByRole('row', { name: new RegExp(`^${field} `) }).getByRole('cell');
    expect(await value('urgency').textContent()).toBe('1');
    expect(await value('short_description').textContent()).toBe('[payments] Checkout 5xx');
    await ui.shot('ui-field-mapping');

    const created = await incidentFor(rig, group.id);
    expect(created).toMatchObject({ urgency: '1', short_description: '[payments] Checkout 5xx' });

    ui.provoked.push(`404 /api/v1/integrations/${integration.id}/field-mapping/preview`);
    await page.getByLabel('Alert group ID').fill('INOSUCHGROUP');
    await page.getByRole('button', { name: 'Preview incident' }).click();
    await page.getByText('OnCall has no alert group INOSUCHGROUP').waitFor();
  });

  it('previews a pasted webhook body: not JSON and a body without its group id are named, the example renders', async () => {
    await quiet(rig);
    const writesBefore = (await snWrites()).length;
    const groupsBefore = rig.oc.alertGroups().length;
    // By keyboard: the choice is a radio group, where an arrow key moves the choice.
    await page.getByLabel('An alert group in OnCall').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByLabel('A pasted webhook body').isChecked()).toBe(true);
    const box = page.getByLabel('OnCall webhook body (JSON)');
    await box.fill('{ "event": ');
    await page.getByRole('button', { name: 'Preview incident' }).click();
    await waitFor(async () => /^This is not JSON/.test(await description(box)), { what: 'the JSON problem' });

    await page.getByRole('button', { name: 'Insert an example body' }).click();
    const example = JSON.parse(await box.inputValue());
    const { id: _id, ...noId } = example.alert_group;
    await box.fill(JSON.stringify({ ...example, alert_group: noId }));
    ui.provoked.push(`400 /api/v1/integrations/${integration.id}/field-mapping/preview`);
    await page.getByRole('button', { name: 'Preview incident' }).click();
    await waitFor(async () => /alert_group\.id: .*expected string/.test(await description(box)), {
      what: 'the missing id named under the box',
    });

    // A label no alert has carried yet: the person edits the example before previewing.
    const warning = { ...example.alert_group, labels: { ...example.alert_group.labels, severity: 'warning' } };
    await box.fill(JSON.stringify({ ...example, alert_group: warning }, null, 2));
    await page.getByRole('button', { name: 'Preview incident' }).click();
    const table = page.getByRole('table', { name: "The incident's templated fields" });
    await table.waitFor();
    const value = (field: string) => table.getByRole('row', { name: new RegExp(`^${field} `) }).getByRole('cell');
    expect(await value('urgency').textContent()).toBe('3');
    expect(await value('short_description').textContent()).toBe(`[Network] ${example.alert_group.title}`);
    expect(await description(box)).not.toMatch(/alert_group\.id:/);
    await ui.shot('ui-field-preview-body');
    // Written nowhere: no ServiceNow write, no alert group.
    expect((await snWrites()).slice(writesBefore)).toEqual([]);
    expect(rig.oc.alertGroups().length).toBe(groupsBefore);
  });

  it('sets a fixed field, refuses a bad field name next to it, and the next incident carries the value', async () => {
    const fixed = (n: number) => page.getByRole('group', { name: `Fixed field ${n}` });
    await page.getByText('No fixed field.').waitFor();
    for (const [n, field, value] of [
      [1, 'category', 'software'],
      [2, 'Bad Field', 'x'],
    ] as const) {
      await page.getByRole('button', { name: 'Add fixed field' }).click();
      await fixed(n).getByLabel('ServiceNow field').fill(field);
      await fixed(n).getByLabel('Value').fill(value);
    }
    ui.provoked.push(`400 /api/v1/integrations/${integration.id}`);
    await page.getByRole('button', { name: 'Save fixed fields' }).click();
    const bad = fixed(2).getByLabel('ServiceNow field');
    await waitFor(async () => /a ServiceNow field name/.test(await description(bad)), { what: 'the bad name refused' });
    await page.getByRole('button', { name: 'Remove fixed field 2' }).click();
    await page.getByRole('button', { name: 'Save fixed fields' }).click();
    await page.getByText('Fixed fields saved.').waitFor();
    expect((await rig.admin('GET', `/api/v1/integrations/${integration.id}`)).body.incidentFields).toEqual({
      category: 'software',
    });

    const title = 'Disk full';
    await sendAlert(integration.inboundUrl, { alert_uid: title, title, message: 'x', state: 'alerting' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === title), { what: 'the group' });
    expect(await incidentFor(rig, group.id)).toMatchObject({ category: 'software' });
  });

  it('sets the incident filter, refuses a malformed one, and an incident outside it pages nobody', async () => {
    await page.getByRole('link', { name: 'Incident filter' }).click();
    const condition = page.getByLabel('Incidents that page in OnCall (encoded query)');
    expect(await condition.inputValue()).toBe('');
    ui.provoked.push(`400 /api/v1/integrations/${integration.id}/incident-filter`);
    await condition.fill('urgency=1^checkout');
    await page.getByRole('button', { name: 'Save incident filter' }).click();
    await waitFor(async () => /term 2 at character 11 .*no field and operator/.test(await description(condition)), {
      what: 'the problem under the condition',
    });

    // A field the issued Business Rule does not send: the page says to issue the rule again.
    const outdated = page.getByText('The Business Rule in ServiceNow does not send a field this filter reads.');
    await condition.fill('urgency=1^subcategory=network');
    await page.getByRole('button', { name: 'Save incident filter' }).click();
    await outdated.waitFor();
    await page.getByRole('link', { name: 'Generate the Business Rule again' }).click();
    await page.getByText('The incident filter reads a field this Business Rule does not send').waitFor();
    await page.getByRole('link', { name: 'Incident filter' }).click();

    await condition.fill('urgency=1');
    await page.getByRole('button', { name: 'Save incident filter' }).click();
    await page.getByText('Incident filter saved.').waitFor();
    await outdated.waitFor({ state: 'detached' });
    await ui.shot('ui-incident-filter');
    const { body } = await rig.admin('GET', `/api/v1/integrations/${integration.id}`);
    expect(body.incidentFilter).toEqual({ condition: 'urgency=1' });

    const groupsBefore = rig.oc.alertGroups().length;
    const low = await snAsPerson(rig, 'POST', '', { short_description: 'Printer jammed', urgency: '3' });
    const high = await snAsPerson(rig, 'POST', '', { short_description: 'Checkout down', urgency: '1' });
    await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.startsWith(high.number!)), {
      what: 'the alert group of the incident inside the filter',
    });
    await quiet(rig);
    expect(rig.oc.alertGroups().filter((g) => g.title?.startsWith(low.number!))).toEqual([]);
    expect(rig.oc.alertGroups().length).toBe(groupsBefore + 1);
  });

  it('kept the browser console free of errors', () => {
    expect(ui.consoleErrors).toEqual([]);
    expect(ui.provoked).toEqual([]);
  });
});
