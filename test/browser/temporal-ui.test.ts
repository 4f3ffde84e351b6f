/**
 * As an operator would: open the embedded server's Web UI in headless Chromium, find the demo's pair by
 * incident number, and read its decoded input (the payloads are encrypted in Temporal; the UI decodes them
 * through the bridge's codec endpoint).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { freePort } from '../../bench/common/ports';
import { spawnNode, type Spawned } from '../helpers/processes';
import { waitFor } from '../helpers/wait';

describe('the Temporal Web UI of the embedded server', () => {
  let demo: Spawned;
  let browser: Browser;
  let uiPort: number;

  beforeAll(async () => {
    uiPort = await freePort();
    demo = spawnNode('lib/scripts/demo.js', {
      BRIDGE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bridge-ui-')),
      BRIDGE_HTTP_PORT: String(await freePort()),
      BRIDGE_TEMPORAL_PORT: String(await freePort()),
      BRIDGE_TEMPORAL_UI_PORT: String(uiPort),
      TEMPORAL_ADDRESS: '',
    });
    await waitFor(() => demo.output().includes('Everything keeps running'), { timeoutMs: 120_000, what: 'the demo' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    demo?.child.kill('SIGTERM');
    await demo?.exited;
  });

  it('finds the pair by incident number and shows its payloads decoded through the codec endpoint', async () => {
    const number = /IncidentNumber = '(INC\d+)'/.exec(demo.output())?.[1];
    expect(number).toBeDefined();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const decodes: number[] = [];
    page.on('response', (res) => {
      // The UI's codec endpoint carries the codec token: /codec/<token>/decode.
      if (/^\/codec\/[^/]+\/decode$/.test(new URL(res.url()).pathname)) decodes.push(res.status());
    });
    const query = encodeURIComponent(`IncidentNumber = '${number}'`);
    await page.goto(`http://localhost:${uiPort}/namespaces/default/workflows?query=${query}`);
    const row = page.locator('a[href*="/workflows/pair%2F"]').first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.getByText('"origin": "servicenow"').first().waitFor({ timeout: 30_000 });
    expect(decodes.length).toBeGreaterThan(0);
    expect(decodes.every((status) => status === 200)).toBe(true);
    await page.screenshot({ path: path.join(tmpdir(), 'bridge-temporal-ui-pair.png') });
  });

  it('lists pairs with the columns that say which pair each is: incident number, alert group, origin, states', async () => {
    const number = /IncidentNumber = '(INC\d+)'/.exec(demo.output())![1]!;
    const page = await browser.newPage({ viewport: { width: 1400, height: 500 } });
    // The UI keeps its columns per namespace in localStorage ("Configure Columns" writes the same).
    const columns = JSON.stringify({ default: PAIR_COLUMNS });
    await page.addInitScript({
      content: `localStorage.setItem('namespace-workflow-table-columns', ${JSON.stringify(columns)});`,
    });
    const query = encodeURIComponent("WorkflowType = 'pairWorkflow'");
    await page.goto(`http://localhost:${uiPort}/namespaces/default/workflows?query=${query}`);
    const row = page.locator('tr', { hasText: number });
    await row.waitFor({ timeout: 30_000 });
    for (const label of PAIR_COLUMNS.map((c) => c.label)) {
      await expect(page.locator('th', { hasText: label }).count()).resolves.toBeGreaterThan(0);
    }
    await expect(row.textContent()).resolves.toMatch(/servicenow.*(acknowledged|resolved|triggered)/s);
    await page.screenshot({ path: path.join(SHOTS, 'temporal-ui-pairs.png') });
  });
});

/** `UI_SCREENSHOTS=docs` refreshes the README's screenshot of the pairs list; by default it goes to a temp folder. */
const SHOTS = process.env.UI_SCREENSHOTS ?? tmpdir();

/** The list's columns for pairs: the custom search attributes a person tells pairs apart by. */
const PAIR_COLUMNS = [
  { label: 'Status', pinned: true },
  { label: 'IncidentNumber', pinned: true },
  { label: 'AlertGroupId', pinned: false },
  { label: 'PairOrigin', pinned: false },
  { label: 'OnCallState', pinned: false },
  { label: 'ServiceNowState', pinned: false },
  { label: 'Start', pinned: false },
];
