/**
 * `npm run demo`: the bridge (all-in-one, its own process) plus both emulators, an integration set up
 * through the admin API with the generated Business Rule installed, and the seed scenario played step by
 * step: incident created in ServiceNow → alert group; acknowledge in OnCall → In Progress; resolve in
 * ServiceNow → alert group resolved. Then it keeps running for you to look around (Ctrl-C stops it), or
 * exits with `--exit`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startOnCallEmulator } from '../src/emulators/oncall';
import { startServiceNowEmulator } from '../src/emulators/servicenow';
import { requestJson } from '../src/http/json-request';
import { basicAuth } from '../src/integrations/http';
import { expectStatus, until } from './demo/http';

const ROOT = path.resolve(__dirname, '../..');
const Integration = z.object({
  id: z.string(),
  stateMapping: z.object({ oncallToServiceNow: z.record(z.string(), z.string().nullable()) }).passthrough(),
  webhooks: z.array(z.object({ triggerType: z.string() })),
});
const Rule = z.object({ script: z.string(), rule: z.record(z.string(), z.unknown()) });
const IncidentResult = z.object({ result: z.object({ sys_id: z.string(), number: z.string(), state: z.string() }) });
const Pairs = z.object({ pairs: z.array(z.object({ pairId: z.string(), temporalUrl: z.string().nullable() })) });
const Anything = z.unknown();
const SN_BRIDGE_USER = {
  user_name: 'grafana-oncall',
  password: 'demo-integration-password',
  roles: ['itil', 'personalize_choices'],
};
const SN_PERSON = { user_name: 'beth.anglin', password: 'demo-person-password', roles: ['itil'] };

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { exit: { type: 'boolean', default: false } } });
  const env = process.env;
  const httpPort = Number(env.BRIDGE_HTTP_PORT ?? 8080);
  const dataDir = path.resolve(env.BRIDGE_DATA_DIR ?? path.join(ROOT, 'data', 'demo'));
  const uiUrl = `http://localhost:${env.BRIDGE_TEMPORAL_UI_PORT ?? 8233}`;
  const step = (text: string) => process.stdout.write(`\n▶ ${text}\n`);
  const note = (text: string) => process.stdout.write(`  ${text}\n`);

  step('Starting the ServiceNow and OnCall emulators');
  const sn = await startServiceNowEmulator({
    port: Number(env.DEMO_SERVICENOW_PORT ?? 0),
    users: [{ user_name: 'admin', password: 'admin', roles: ['admin'] }, SN_BRIDGE_USER, SN_PERSON],
  });
  const oc = await startOnCallEmulator({ port: Number(env.DEMO_ONCALL_PORT ?? 0) });
  const bot = oc.addUser({ username: 'servicenow-bridge', email: 'bridge@example.com' });
  const person = oc.addUser({ username: 'alice', email: 'alice@example.com' });
  note(`ServiceNow emulator: ${sn.url}    OnCall emulator: ${oc.url}`);

  step('Starting the bridge (embedded Temporal dev server, worker, HTTP server)');
  const bridge = spawn(process.execPath, [path.join(ROOT, 'lib/src/main.js')], {
    env: {
      ...env,
      BRIDGE_DATA_DIR: dataDir,
      BRIDGE_ALLOW_INSECURE_URLS: 'true',
      BRIDGE_LOG_LEVEL: env.BRIDGE_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stopAll = async () => {
    bridge.kill('SIGTERM');
    await new Promise((resolve) => bridge.once('exit', resolve));
    await oc.close();
    await sn.close();
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));
  const bridgeUrl = `http://127.0.0.1:${httpPort}`;
  await until(
    'the bridge to be ready',
    async () => ((await requestJson('GET', `${bridgeUrl}/readyz`)).status === 200 ? true : undefined),
    180_000,
  );
  const token = env.BRIDGE_ADMIN_TOKEN ?? readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
  const admin = (method: string, route: string, body?: unknown) =>
    requestJson(method, `${bridgeUrl}${route}`, body, { authorization: `Bearer ${token}` });

  step('Creating the integration through the admin API (verify, read states, create OnCall webhooks)');
  const integration = await expectStatus(
    'POST /api/v1/integrations',
    admin('POST', '/api/v1/integrations', {
      name: 'ServiceNow demo',
      servicenow: { instanceUrl: sn.url, username: SN_BRIDGE_USER.user_name, password: SN_BRIDGE_USER.password },
      oncall: { apiUrl: oc.url, apiToken: bot.apiKey },
      createDefaultWebhooks: true,
    }),
    201,
    Integration,
  );
  note(
    `integration ${integration.id}: mapping ${JSON.stringify(integration.stateMapping.oncallToServiceNow)}, webhooks ${integration.webhooks.map((w) => w.triggerType).join(', ')}`,
  );

  step('Generating the Business Rule and installing it in ServiceNow');
  const rule = await expectStatus(
    'POST business-rule',
    admin('POST', `/api/v1/integrations/${integration.id}/business-rule`),
    201,
    Rule,
  );
  await expectStatus(
    'install rule',
    requestJson('POST', `${sn.url}/__emulator/business-rules`, { ...rule.rule, script: rule.script }),
    201,
    Anything,
  );

  step(`${SN_PERSON.user_name} creates an incident in ServiceNow`);
  const created = await expectStatus(
    'create incident',
    requestJson('POST', `${sn.url}/__emulator/incidents`, {
      as: SN_PERSON.user_name,
      fields: {
        short_description: 'Checkout is down',
        description: 'HTTP 500 on /checkout',
        urgency: '1',
        impact: '1',
      },
    }),
    201,
    IncidentResult,
  );
  const incident = created.result;
  note(`${incident.number} (sys_id ${incident.sys_id})`);
  const group = await until('the alert group', () =>
    Promise.resolve(oc.alertGroups().find((g) => g.title?.startsWith(incident.number))),
  );
  note(`alert group ${group.id} appeared in OnCall: "${group.title}" (${group.state})`);

  step('alice acknowledges the alert group in OnCall');
  await expectStatus(
    'acknowledge',
    requestJson('POST', `${oc.url}/api/v1/alert_groups/${group.id}/acknowledge/`, undefined, {
      authorization: person.apiKey,
    }),
    200,
    Anything,
  );
  const readIncident = async () => {
    const res = await requestJson('GET', `${sn.url}/api/now/table/incident/${incident.sys_id}`, undefined, {
      authorization: basicAuth('admin', 'admin'),
    });
    return IncidentResult.parse(res.body).result;
  };
  await until('In Progress', async () => ((await readIncident()).state === '2' ? true : undefined));
  note(`${incident.number} is now In Progress in ServiceNow`);

  step(`${SN_PERSON.user_name} resolves the incident in ServiceNow`);
  await expectStatus(
    'resolve',
    requestJson('PATCH', `${sn.url}/__emulator/incidents/${incident.sys_id}`, {
      as: SN_PERSON.user_name,
      fields: { state: '6', close_code: 'Solution provided', close_notes: 'Restarted the checkout service' },
    }),
    200,
    Anything,
  );
  await until('the alert group to resolve', () =>
    Promise.resolve(oc.alertGroup(group.id)?.state === 'resolved' ? true : undefined),
  );
  note(`alert group ${group.id} is resolved in OnCall`);

  const pairs = await until('the pair in the visibility store', async () => {
    const { pairs: found } = Pairs.parse((await admin('GET', `/api/v1/integrations/${integration.id}/pairs`)).body);
    return found.length > 0 ? found : undefined;
  });
  step('Done. Look at it:');
  const tokenWhere = env.BRIDGE_ADMIN_TOKEN ? 'BRIDGE_ADMIN_TOKEN' : `the file ${path.join(dataDir, 'admin-token')}`;
  note(`the admin UI: http://localhost:${httpPort}/ (sign in with the admin token from ${tokenWhere})`);
  note(`the pair in the admin UI: http://localhost:${httpPort}/#/pairs/${encodeURIComponent(pairs[0]!.pairId)}`);
  note(`the pair in the Temporal Web UI: ${pairs[0]!.temporalUrl ?? uiUrl}`);
  note(`find it there by incident number: IncidentNumber = '${incident.number}'`);
  note(
    `pair detail with its timeline: curl -H "Authorization: Bearer $(cat ${path.join(dataDir, 'admin-token')})" ${bridgeUrl}/api/v1/pairs/${encodeURIComponent(pairs[0]!.pairId)}`,
  );
  note(
    `ServiceNow emulator requests: ${sn.url}/__emulator/requests    OnCall webhook deliveries: ${oc.url}/__emulator/webhook-deliveries`,
  );
  if (values.exit) {
    await stopAll();
    return;
  }
  note('Everything keeps running; Ctrl-C stops it.');
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
