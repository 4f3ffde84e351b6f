/**
 * An end-to-end rig: both emulators, the real bridge (HTTP server + worker, in this process) on the run's
 * shared dev server with its own task queue, and an integration set up through the admin API with the
 * generated Business Rule installed in the ServiceNow emulator, as an admin following the README would.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBridge, type RunningBridge } from '../../src/bridge';
import { loadConfig, type Config } from '../../src/config';
import { startOnCallEmulator, type OnCallEmulator } from '../../src/emulators/oncall';
import { startServiceNowEmulator, type ServiceNowEmulator } from '../../src/emulators/servicenow';
import { createLogger } from '../../src/logger';
import { freePort } from '../../bench/common/ports';
import { waitFor } from './wait';
import { testServerAddress } from './temporal';
import { uniqueId } from './wait';

export const INTEGRATION_USER = {
  user_name: 'grafana-oncall',
  password: 'sn-integration-pw-1',
  roles: ['itil', 'personalize_choices'],
};
export const SN_HUMAN = { user_name: 'alice.sn', password: 'alice-pw', roles: ['itil'] };

export interface Rig {
  sn: ServiceNowEmulator;
  oc: OnCallEmulator;
  bridge: RunningBridge;
  config: Config;
  bridgeUrl: string;
  /** The OnCall API key of a person (not the bridge's user). */
  humanKey: string;
  botKey: string;
  logLines: string[];
  /** The environment the bridge's config was loaded from, for a worker process of its own. */
  env: Record<string, string>;
  admin(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export interface RigOptions {
  /** Run the worker in this process. @default true */
  worker?: boolean;
  /** Extra environment for the bridge's configuration. */
  env?: Record<string, string>;
}

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const sn = await startServiceNowEmulator({
    users: [{ user_name: 'admin', password: 'admin', roles: ['admin'] }, INTEGRATION_USER, SN_HUMAN],
  });
  const oc = await startOnCallEmulator({ retryIntervalMs: 300 });
  const bot = oc.addUser({ username: 'bridge-bot', email: 'bridge@example.com' });
  const human = oc.addUser({ username: 'alice', email: 'alice@example.com' });
  const port = await freePort();
  const env = {
    TEMPORAL_ADDRESS: testServerAddress(),
    TEMPORAL_TASK_QUEUE: uniqueId('e2e'),
    BRIDGE_HTTP_PORT: String(port),
    BRIDGE_METRICS_PORT: '0',
    BRIDGE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    BRIDGE_ADMIN_TOKEN: randomBytes(16).toString('hex'),
    BRIDGE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    BRIDGE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bridge-e2e-')),
    BRIDGE_ALLOW_INSECURE_URLS: 'true',
    BRIDGE_LOG_LEVEL: 'debug',
    // Schedule intervals align to the epoch, so a 5-minute Schedule fires at some :x0/:x5 during a test
    // and its repairs race the test's own; tests run reconciliation themselves (run-now).
    BRIDGE_RECONCILE_INTERVAL: '1000h',
    ...options.env,
  };
  const config = loadConfig(env);
  const logLines: string[] = [];
  const bridge = await startBridge(
    config,
    createLogger({ level: 'debug', destination: { write: (line) => void logLines.push(line.trimEnd()) } }),
    {
      server: true,
      worker: options.worker ?? true,
    },
  );
  const bridgeUrl = `http://127.0.0.1:${port}`;
  const admin: Rig['admin'] = async (method, route, body) => {
    const res = await fetch(`${bridgeUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    sn,
    oc,
    bridge,
    config,
    bridgeUrl,
    humanKey: human.apiKey,
    botKey: bot.apiKey,
    logLines,
    env,
    admin,
    close: async () => {
      await bridge.stop();
      await oc.close();
      await sn.close();
    },
  };
}

export interface SetUpIntegration {
  id: string;
  /** The Business Rule's bearer token. */
  businessRuleToken: string;
  /** The `Authorization` value the bridge put into its OnCall webhooks (read from OnCall's request log). */
  webhookAuthorization: string;
  oncallIntegrationId: string;
  inboundUrl: string;
  /** The Business Rule's bearer token, to repeat a rule's call by hand. */
  ruleToken: string;
  resource: any;
}

/**
 * Starts a rig with one integration before a describe block's tests and closes it after them; `onStarted`
 * receives both (assign them to the block's variables).
 */
export function useIntegrationRig(
  onStarted: (started: { rig: Rig; integration: SetUpIntegration }) => void,
  extra: Record<string, unknown> = {},
): void {
  let rig: Rig | undefined;
  beforeAll(async () => {
    rig = await startRig();
    onStarted({ rig, integration: await setUpIntegration(rig, extra) });
  });
  afterAll(async () => {
    await rig?.close();
  });
}

/** Creates the integration through the admin API and installs its Business Rule in the emulator. */
export async function setUpIntegration(rig: Rig, extra: Record<string, unknown> = {}): Promise<SetUpIntegration> {
  const created = await rig.admin('POST', '/api/v1/integrations', {
    name: `ServiceNow ${uniqueId('e2e')}`,
    servicenow: { instanceUrl: rig.sn.url, username: INTEGRATION_USER.user_name, password: INTEGRATION_USER.password },
    oncall: { apiUrl: rig.oc.url, apiToken: rig.botKey },
    createDefaultWebhooks: true,
    ...extra,
  });
  if (created.status !== 201) throw new Error(`setup failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const rule = await rig.admin('POST', `/api/v1/integrations/${id}/business-rule`);
  if (rule.status !== 201) throw new Error(`business rule failed: ${rule.status} ${JSON.stringify(rule.body)}`);
  const installed = await fetch(`${rig.sn.url}/__emulator/business-rules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...rule.body.rule, script: rule.body.script }),
  });
  if (installed.status !== 201) throw new Error(`rule refused by the emulator: ${await installed.text()}`);
  const integration = (await rig.admin('GET', `/api/v1/integrations/${id}`)).body;
  const link = await inboundUrlOf(rig, integration.oncall.integrationId as string);
  return {
    id,
    businessRuleToken: rule.body.token as string,
    webhookAuthorization: await webhookAuthorizationOf(rig),
    oncallIntegrationId: integration.oncall.integrationId as string,
    inboundUrl: link,
    ruleToken: rule.body.token as string,
    resource: integration,
  };
}

async function webhookAuthorizationOf(rig: Rig): Promise<string> {
  const requests = (await (await fetch(`${rig.oc.url}/__emulator/requests`)).json()) as {
    method: string;
    path: string;
    body: any;
  }[];
  const created = requests.filter((r) => r.method === 'POST' && r.path.includes('/webhooks')).at(-1);
  return String(created?.body?.authorization_header ?? '');
}

async function inboundUrlOf(rig: Rig, integrationId: string): Promise<string> {
  const res = await fetch(`${rig.oc.url}/api/v1/integrations/${integrationId}/`, {
    headers: { authorization: rig.humanKey },
  });
  const body = (await res.json()) as { link: string };
  return body.link;
}

/**
 * Issues the integration a new Business Rule token, which revokes the installed rule's: its calls are
 * refused with 401 from then on, i.e. lost. The receiver caches settings for a few seconds, so this waits
 * until the old token is refused.
 */
export async function revokeInstalledBusinessRule(rig: Rig, integration: SetUpIntegration): Promise<void> {
  const issued = await rig.admin('POST', `/api/v1/integrations/${integration.id}/business-rule`);
  if (issued.status !== 201) throw new Error(`business rule failed: ${issued.status}`);
  await waitFor(
    async () => {
      const res = await fetch(`${rig.bridgeUrl}/webhooks/servicenow/${integration.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${integration.ruleToken}`, 'content-type': 'application/json' },
        body: '{}',
      });
      return res.status === 401;
    },
    { timeoutMs: 10_000, what: 'the installed Business Rule token to be refused' },
  );
}

/** A person acting in OnCall through the public API with their own key. */
export async function oncallAction(rig: Rig, alertGroupId: string, action: string, body?: unknown): Promise<number> {
  const res = await fetch(`${rig.oc.url}/api/v1/alert_groups/${alertGroupId}/${action}/`, {
    method: 'POST',
    headers: { authorization: rig.humanKey, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status;
}

/** A person acting in the ServiceNow UI (Business Rules run). */
export async function snAsPerson(rig: Rig, method: 'POST' | 'PATCH', route: string, fields: Record<string, string>) {
  const res = await fetch(`${rig.sn.url}/__emulator/incidents${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: SN_HUMAN.user_name, fields }),
  });
  if (res.status >= 300) throw new Error(`emulator refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { result: Record<string, string> }).result;
}
