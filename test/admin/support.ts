/**
 * Helpers of the admin API tests: the create body an admin would send, a second server-only bridge on a
 * rig's task queue with its own config (e.g. without BRIDGE_ALLOW_INSECURE_URLS), and secret scans.
 */
import { startBridge, type RunningBridge } from '../../src/bridge';
import type { Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { INTEGRATION_USER, type Rig } from '../helpers/e2e';
import { freePort } from '../../bench/common/ports';
import { uniqueId } from '../helpers/wait';

export interface Call {
  status: number;
  body: any;
}

export function createBody(rig: Rig, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: uniqueId('admin'),
    servicenow: { instanceUrl: rig.sn.url, username: INTEGRATION_USER.user_name, password: INTEGRATION_USER.password },
    oncall: { apiUrl: rig.oc.url, apiToken: rig.botKey },
    createDefaultWebhooks: true,
    ...overrides,
  };
}

/** Every secret-looking value of a test, to be found nowhere it should not be. */
export function secretsIn(text: string, secrets: string[]): string[] {
  return secrets.filter((secret) => secret !== '' && text.includes(secret));
}

export interface SideBridge {
  url: string;
  bridge: RunningBridge;
  logLines: string[];
  call(method: string, route: string, body?: unknown, token?: string): Promise<Call>;
}

/** A server-only bridge (no worker: the rig's worker serves the same task queue) with a changed config. */
export async function startSideBridge(rig: Rig, change: (config: Config) => Config): Promise<SideBridge> {
  const port = await freePort();
  const config = change({ ...rig.config, http: { port, publicUrl: `http://127.0.0.1:${port}` } });
  const logLines: string[] = [];
  const bridge = await startBridge(
    config,
    createLogger({ level: 'debug', destination: { write: (line) => void logLines.push(line.trimEnd()) } }),
    { server: true, worker: false },
  );
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    bridge,
    logLines,
    call: (method, route, body, token) => call(url, method, route, body, token ?? config.adminToken),
  };
}

export async function call(base: string, method: string, route: string, body?: unknown, token?: string): Promise<Call> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export { uniqueId };

/** The parts of the integration resource (bridge.md §4.2) the tests read. */
export interface ResourceBody {
  id: string;
  name: string;
  servicenow: { instanceUrl: string; username: string; passwordSet: boolean };
  oncall: { apiUrl: string; apiTokenSet: boolean; integrationId: string };
  stateOptions: { label: string; value: string }[];
  stateMapping: {
    oncallToServiceNow: Record<string, string | null>;
    serviceNowToOnCall: Record<string, string | null>;
  };
  connections: { oncallIntegrationId: string; backsync: boolean }[];
  webhooks: { id: string; triggerType: string }[];
  businessRuleIssuedAt: string | null;
  createdAt: string;
}

export const resourceOf = (res: Call): ResourceBody => res.body as ResourceBody;
/** The `details[].field` of a 400. */
export const fieldsOf = (res: Call): string[] =>
  ((res.body as { error: { details?: { field: string }[] } }).error.details ?? []).map((d) => d.field);
