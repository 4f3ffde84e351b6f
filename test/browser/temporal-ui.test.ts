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
import { freePort } from '../helpers/ports';
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
});
