/** Creating an integration through the admin API, and every way an admin's input is refused (bridge.md §4.2). */
import { startRig, type Rig } from '../helpers/e2e';
import { freePort } from '../../bench/common/ports';
import { call, createBody, fieldsOf, resourceOf, secretsIn, startSideBridge, type SideBridge } from './support';

describe('creating an integration through the admin API', () => {
  let rig: Rig;
  let strict: SideBridge;

  beforeAll(async () => {
    rig = await startRig();
    strict = await startSideBridge(rig, (config) => ({ ...config, allowInsecureUrls: false }));
  });
  afterAll(async () => {
    await strict?.bridge.stop();
    await rig?.close();
  });
  afterEach(() => {
    rig.sn.updateSettings({ hibernating: false });
  });

  it('when the admin sends a valid body, then 201 with the §4.2 resource and no secret anywhere', async () => {
    const body = createBody(rig, { description: 'production' });
    const created = await rig.admin('POST', '/api/v1/integrations', body);

    expect(created.status).toBe(201);
    const resource = resourceOf(created);
    expect(Object.keys(resource).sort()).toEqual(
      [
        'id',
        'name',
        'description',
        'status',
        'servicenow',
        'oncall',
        'stateOptions',
        'stateMapping',
        'closeCode',
        'notes',
        'fieldMapping',
        'incidentFields',
        'incidentFilter',
        'connections',
        'webhooks',
        'businessRuleIssuedAt',
        'businessRuleOutdated',
        'createdAt',
      ].sort(),
    );
    expect(resource).toMatchObject({
      name: body.name,
      description: 'production',
      status: 'active',
      servicenow: { instanceUrl: rig.sn.url, username: 'grafana-oncall', passwordSet: true },
      oncall: { apiUrl: rig.oc.url, apiTokenSet: true, integrationId: expect.stringMatching(/^C/) },
      stateMapping: { oncallToServiceNow: { firing: '1', acknowledged: '2', resolved: '6', silenced: null } },
      connections: [],
      businessRuleIssuedAt: null,
    });
    expect(resource.stateOptions).toEqual(expect.arrayContaining([{ label: 'New', value: '1' }]));
    expect(resource.webhooks.map((w) => w.triggerType).sort()).toEqual(['alert group created', 'status change']);
    expect(Number.isNaN(Date.parse(resource.createdAt))).toBe(false);
    const text = JSON.stringify(resource);
    expect(secretsIn(text, ['sn-integration-pw-1', rig.botKey, 'Sealed', 'Hash'])).toEqual([]);
    expect(secretsIn(rig.logLines.join('\n'), ['sn-integration-pw-1', rig.botKey])).toEqual([]);
  });

  it('when no state mapping is given and no webhooks are asked for, then the default maps by label', async () => {
    const created = await rig.admin('POST', '/api/v1/integrations', createBody(rig, { createDefaultWebhooks: false }));
    expect(created.status).toBe(201);
    const byLabel = (label: string) => resourceOf(created).stateOptions.find((o) => o.label === label)?.value;
    expect(created.body.stateMapping.oncallToServiceNow).toEqual({
      firing: byLabel('New'),
      acknowledged: byLabel('In Progress'),
      resolved: byLabel('Resolved'),
      silenced: null,
    });
    expect(created.body.stateMapping.serviceNowToOnCall).toMatchObject({
      [byLabel('New')!]: 'firing',
      [byLabel('In Progress')!]: 'acknowledged',
      [byLabel('On Hold')!]: 'acknowledged',
      [byLabel('Resolved')!]: 'resolved',
      [byLabel('Closed')!]: 'resolved',
      [byLabel('Canceled')!]: 'resolved',
    });
    expect(created.body.webhooks).toEqual([]);
  });

  it('when the ServiceNow password is wrong, then 400 that says the credentials were rejected', async () => {
    const body = createBody(rig, {
      servicenow: { instanceUrl: rig.sn.url, username: 'grafana-oncall', password: 'not-the-password' },
    });
    const refused = await rig.admin('POST', '/api/v1/integrations', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('servicenow_unauthorized');
    expect(refused.body.error.message).toMatch(/credentials/i);
    expect(JSON.stringify(refused.body)).not.toContain('not-the-password');
  });

  it('when the ServiceNow user lacks personalize_choices, then 400 naming the missing role', async () => {
    rig.sn.addUser({ user_name: 'no-choices', password: 'no-choices-pw', roles: ['itil'] });
    const refused = await rig.admin(
      'POST',
      '/api/v1/integrations',
      createBody(rig, { servicenow: { instanceUrl: rig.sn.url, username: 'no-choices', password: 'no-choices-pw' } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('servicenow_missing_role');
    expect(refused.body.error.message).toContain('personalize_choices');
  });

  it('when the OnCall API key is wrong, then 400 that says the key was refused', async () => {
    const body = createBody(rig, { oncall: { apiUrl: rig.oc.url, apiToken: 'not-an-oncall-key' } });
    const refused = await rig.admin('POST', '/api/v1/integrations', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('oncall_forbidden');
    expect(refused.body.error.message).toMatch(/API key/);
    expect(JSON.stringify(refused.body)).not.toContain('not-an-oncall-key');
  });

  it('when oncall.integrationId names a formatted_webhook integration, then it is used as it is', async () => {
    const existing = rig.oc.createIntegration({ type: 'formatted_webhook', name: 'existing' });
    const body = createBody(rig, { oncall: { apiUrl: rig.oc.url, apiToken: rig.botKey, integrationId: existing.id } });
    const created = await rig.admin('POST', '/api/v1/integrations', body);
    expect(created.status).toBe(201);
    expect(resourceOf(created).oncall.integrationId).toBe(existing.id);
  });

  it('when oncall.integrationId names an integration of another format or none, then 400 that says why', async () => {
    const other = rig.oc.createIntegration({ type: 'alertmanager', name: 'am' });
    const wrongType = await rig.admin(
      'POST',
      '/api/v1/integrations',
      createBody(rig, { oncall: { apiUrl: rig.oc.url, apiToken: rig.botKey, integrationId: other.id } }),
    );
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.code).toBe('oncall_integration_type');
    expect(wrongType.body.error.message).toContain('alertmanager');
    const missing = await rig.admin(
      'POST',
      '/api/v1/integrations',
      createBody(rig, { oncall: { apiUrl: rig.oc.url, apiToken: rig.botKey, integrationId: 'CNOSUCH00000' } }),
    );
    expect(missing.status).toBe(400);
    // The integration the admin named is theirs: a failed setup must not delete it.
    const still = await fetch(`${rig.oc.url}/api/v1/integrations/${other.id}/`, {
      headers: { authorization: rig.humanKey },
    });
    expect(still.status).toBe(200);
  });

  it('when the instance is hibernating, then 400 that says so', async () => {
    rig.sn.updateSettings({ hibernating: true });
    const refused = await rig.admin('POST', '/api/v1/integrations', createBody(rig));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('servicenow_hibernating');
    expect(refused.body.error.message).toMatch(/hibernating/);
  });

  it('when the instance URL is unreachable, then 400 that says so', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const refused = await rig.admin(
      'POST',
      '/api/v1/integrations',
      createBody(rig, { servicenow: { instanceUrl: nowhere, username: 'grafana-oncall', password: 'pw' } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('servicenow_unreachable');
    expect(refused.body.error.message).toMatch(/reach|connect/i);
  });

  it('when BRIDGE_ALLOW_INSECURE_URLS is off, then http and loopback URLs are refused naming the field', async () => {
    const refused = await strict.call('POST', '/api/v1/integrations', createBody(rig));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_request');
    const fields = fieldsOf(refused);
    expect(fields).toEqual(expect.arrayContaining(['servicenow.instanceUrl', 'oncall.apiUrl']));
    expect(refused.body.error.message).toMatch(/https/);

    const loopback = await strict.call('POST', '/api/v1/integrations/test-connection', {
      servicenow: { instanceUrl: 'https://127.0.0.1:8443', username: 'u', password: 'p' },
    });
    expect(loopback.status).toBe(400);
    expect(loopback.body.error.details[0]).toMatchObject({ field: 'servicenow.instanceUrl' });
    expect(loopback.body.error.message).toMatch(/loopback|private/);
  });

  it.each([
    ['name missing', (b: Record<string, any>) => ({ ...b, name: undefined }), 'name'],
    [
      'a bad URL',
      (b: Record<string, any>) => ({ ...b, oncall: { ...b.oncall, apiUrl: 'not a url' } }),
      'oncall.apiUrl',
    ],
    ['an unknown field', (b: Record<string, any>) => ({ ...b, extra: 1 }), '(root)'],
    ['a wrong type', (b: Record<string, any>) => ({ ...b, createDefaultWebhooks: 'yes' }), 'createDefaultWebhooks'],
    [
      'a mapping field missing',
      (b: Record<string, any>) => ({ ...b, stateMapping: { firing: '1', acknowledged: '2' } }),
      'stateMapping.resolved',
    ],
  ])('when the body has %s, then 400 naming the field', async (_what, change, field) => {
    const refused = await rig.admin('POST', '/api/v1/integrations', change(createBody(rig)));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_request');
    expect(fieldsOf(refused)).toContain(field);
  });

  it('when the body is not JSON, then 400 invalid_json', async () => {
    const refused = await call(rig.bridgeUrl, 'POST', '/api/v1/integrations', '{"name":', rig.config.adminToken);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_json');
  });

  it('when a mapping value is not an incident state, then 400 before anything is created in OnCall', async () => {
    const before = (
      await fetch(`${rig.oc.url}/api/v1/integrations/`, { headers: { authorization: rig.humanKey } })
    ).json() as Promise<{ count: number }>;
    const refused = await rig.admin(
      'POST',
      '/api/v1/integrations',
      createBody(rig, { stateMapping: { firing: '1', acknowledged: '99', resolved: '6', silenced: null } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_state_mapping');
    expect(refused.body.error.message).toContain('acknowledged');
    const after = (await (
      await fetch(`${rig.oc.url}/api/v1/integrations/`, { headers: { authorization: rig.humanKey } })
    ).json()) as { count: number };
    expect(after.count).toBe((await before).count);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'x'.repeat(32)],
  ])('when the admin sends %s, then 401 on every route', async (_what, token) => {
    for (const [method, route] of [
      ['GET', '/api/v1/integrations'],
      ['POST', '/api/v1/integrations'],
      ['POST', '/api/v1/integrations/test-connection'],
      ['GET', '/api/v1/pairs/pair/x/oncall/y'],
    ] as const) {
      const refused = await call(rig.bridgeUrl, method, route, method === 'POST' ? createBody(rig) : undefined, token);
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('unauthorized');
    }
  });

  it('test-connection runs only the ServiceNow step: 200 for good credentials, 400 for bad, nothing in OnCall', async () => {
    const requestsBefore = (await (await fetch(`${rig.oc.url}/__emulator/requests`)).json()) as unknown[];
    const snBefore = ((await (await fetch(`${rig.sn.url}/__emulator/requests`)).json()) as unknown[]).length;
    const servicenow = { instanceUrl: rig.sn.url, username: 'grafana-oncall', password: 'sn-integration-pw-1' };
    const ok = await rig.admin('POST', '/api/v1/integrations/test-connection', { servicenow });
    expect(ok).toEqual({ status: 200, body: { ok: true } });

    const bad = await rig.admin('POST', '/api/v1/integrations/test-connection', {
      servicenow: { ...servicenow, password: 'wrong' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('servicenow_unauthorized');
    const requestsAfter = (await (await fetch(`${rig.oc.url}/__emulator/requests`)).json()) as unknown[];
    expect(requestsAfter).toHaveLength(requestsBefore.length);
    // Only the verification ran: no read of the close codes (the next setup step).
    const snRequests = ((await (await fetch(`${rig.sn.url}/__emulator/requests`)).json()) as unknown[]).slice(snBefore);
    expect(snRequests.length).toBeGreaterThan(0);
    expect(JSON.stringify(snRequests)).not.toContain('close_code');
  });
});
