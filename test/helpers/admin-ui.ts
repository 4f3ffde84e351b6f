/**
 * A person at the admin web UI in headless Chromium: one page whose console errors are collected, the
 * answers the test provokes on purpose let by, and signing in by the token field's label.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { useIntegrationRig, type Rig, type SetUpIntegration } from './e2e';

/** `UI_SCREENSHOTS=docs` refreshes the README's screenshots; by default they go to a temp folder. */
const SHOTS = process.env.UI_SCREENSHOTS ?? path.join(tmpdir(), 'bridge-admin-ui');

export interface AdminUi {
  browser: Browser;
  page: Page;
  /** Console errors and uncaught exceptions, but for the provoked answers. */
  consoleErrors: string[];
  /**
   * Chromium logs every 4xx answer to fetch as a console error. The answers a test provokes on purpose
   * (a wrong token, a failing check) are listed here, `<status> <path>`, and only those are let by.
   */
  provoked: string[];
  shot(name: string): Promise<unknown>;
  heading(name: string | RegExp): Promise<void>;
  signIn(): Promise<void>;
  /** The text tied to a control by aria-describedby: what a screen reader reads as its hint and problem. */
  description(control: Locator): Promise<string>;
}

export async function openAdminUi(rig: Rig): Promise<AdminUi> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.bridgeUrl });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const provoked: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(message.text())?.[1];
    const failure = `${status} ${new URL(message.location().url, rig.bridgeUrl).pathname}`;
    const index = provoked.indexOf(failure);
    if (status && index >= 0) provoked.splice(index, 1);
    else consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  const heading = (name: string | RegExp) => page.getByRole('heading', { name }).first().waitFor();
  return {
    browser,
    page,
    consoleErrors,
    provoked,
    heading,
    shot: (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true }),
    description: async (control) => {
      const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
    },
    signIn: async () => {
      await page.goto(`${rig.bridgeUrl}/`);
      await page.getByLabel('Admin token').fill(rig.config.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading('Integrations');
    },
  };
}

/**
 * Before a describe block's tests: a rig with one set-up integration (`useIntegrationRig`) and a signed-in
 * admin UI; both closed after them. `onStarted` receives all three (assign them to the block's variables).
 */
export function useSignedInAdminUi(
  onStarted: (started: { rig: Rig; integration: SetUpIntegration; ui: AdminUi }) => void,
): void {
  let ui: AdminUi | undefined;
  let started: { rig: Rig; integration: SetUpIntegration } | undefined;
  useIntegrationRig((s) => (started = s));
  beforeAll(async () => {
    ui = await openAdminUi(started!.rig);
    await ui.signIn();
    onStarted({ ...started!, ui });
  });
  afterAll(async () => {
    await ui?.browser.close();
  });
}
