/**
 * The bridge as its own process (`lib/src/main.js` against the bench's dev server), and an integration set
 * up over its admin API with the generated Business Rule installed in the ServiceNow emulator, the way an
 * admin following the README would (test/helpers/e2e.ts does the same in-process).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Emulators } from './emulators';
import { INTEGRATION_USER } from './emulators';
import { expectJson, requestJson } from './http';
import { until } from './pace';
import { freePort } from './ports';
import { PROJECT_ROOT, spawnNode, type Child } from './proc';

export interface BridgeProcess {
  child: Child;
  port: number;
  url: string;
  /** Its `/metrics`, read from the banner; undefined with `BRIDGE_METRICS_PORT=off`. */
  metricsUrl: string | undefined;
  adminToken: string;
  encryptionKey: string;
  taskQueue: string;
  admin<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/**
 * `env` is added to the bridge's environment; `same` (a running or stopped bridge) starts this one on its
 * port with its secrets, so it takes over its integrations and webhooks.
 */
export async function startBridgeProcess(
  temporalAddress: string,
  workDir: string,
  taskQueue = 'oncall-servicenow',
  env: Record<string, string> = {},
  same?: Pick<BridgeProcess, 'port' | 'adminToken' | 'encryptionKey'>,
): Promise<BridgeProcess> {
  const port = same?.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const adminToken = same?.adminToken ?? randomBytes(16).toString('hex');
  const encryptionKey = same?.encryptionKey ?? randomBytes(32).toString('base64');
  const child = spawnNode('bridge', 'src/main.js', [], {
    NODE_OPTIONS: startScriptNodeOptions(),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    BRIDGE_HTTP_PORT: String(port),
    BRIDGE_PUBLIC_URL: url,
    BRIDGE_ADMIN_TOKEN: adminToken,
    BRIDGE_ENCRYPTION_KEY: encryptionKey,
    BRIDGE_DATA_DIR: path.join(workDir, 'bridge-data'),
    BRIDGE_ALLOW_INSECURE_URLS: 'true',
    BRIDGE_LOG_LEVEL: 'warn',
    BRIDGE_METRICS_PORT: '0',
    // Reconciliation runs when the reconcile scenario asks: a scheduled pass (every 5 min by default)
    // landing in one step's window by chance would count its list pages as that step's calls per change
    // (53 OnCall reads in one lifecycle step of a full run) and its CPU as the overhead step's idle cost.
    BRIDGE_RECONCILE_INTERVAL: '24h',
    ...env,
  });
  await until(
    async () => ((await requestJson('GET', `${url}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined),
    120_000,
    'the bridge to be ready',
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${child.output()}`);
  });
  const metricsUrl = /Metrics:\s+(http\S+)/.exec(child.output())?.[1];
  const headers = { authorization: `Bearer ${adminToken}` };
  return {
    child,
    port,
    url,
    metricsUrl,
    adminToken,
    encryptionKey,
    taskQueue,
    admin: (method, route, body) => expectJson(method, `${url}${route}`, body, { headers }),
    stop: () => child.stop(),
  };
}

export interface Integration {
  id: string;
  /** The OnCall integration that receives ServiceNow-born alerts and whose alert groups the bridge syncs. */
  oncallIntegrationId: string;
  /** Its inbound URL, where the bench sends alerts. */
  inboundUrl: string;
}

interface IntegrationResource {
  id: string;
  oncall: { integrationId: string };
}

export async function setUpIntegration(bridge: BridgeProcess, emulators: Emulators): Promise<Integration> {
  const created = await bridge.admin<IntegrationResource>('POST', '/api/v1/integrations', {
    name: 'ServiceNow bench',
    servicenow: {
      instanceUrl: emulators.snUrl,
      username: INTEGRATION_USER.user_name,
      password: INTEGRATION_USER.password,
    },
    oncall: { apiUrl: emulators.ocUrl, apiToken: emulators.botKey },
    createDefaultWebhooks: true,
  });
  const rule = await bridge.admin<{ rule: Record<string, unknown>; script: string }>(
    'POST',
    `/api/v1/integrations/${created.id}/business-rule`,
  );
  await expectJson('POST', `${emulators.snUrl}/__emulator/business-rules`, { ...rule.rule, script: rule.script });
  const oncallIntegrationId = created.oncall.integrationId;
  const integration = await expectJson<{ link: string }>(
    'GET',
    `${emulators.ocUrl}/api/v1/integrations/${oncallIntegrationId}/`,
    undefined,
    { headers: { authorization: emulators.botKey } },
  );
  return { id: created.id, oncallIntegrationId, inboundUrl: integration.link };
}

/** The node flags of `npm start` (package.json), so the bench measures the bridge as users run it. */
function startScriptNodeOptions(): string {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const flags = /exec node((?: --[\w-]+(?:=\S+)?)*) lib\/src\/main\.js/.exec(pkg.scripts.start ?? '')?.[1] ?? '';
  return flags.trim();
}
