import type { ServiceNowEmulator } from '../../src/emulators/servicenow';
import { type Row, INTEGRATION, PLAIN_ITIL, api, basic, control, recorded, startEmulator } from './support';

let sn: ServiceNowEmulator;
beforeAll(async () => {
  sn = await startEmulator({
    oauthClients: [{ client_id: 'bridge', client_secret: 'bridge-client-secret', user_name: 'grafana.oncall' }],
  });
});
afterAll(() => sn.close());
beforeEach(() => control(sn, 'POST', '/reset'));

const STATE_QUERY = `/api/now/table/sys_choice?sysparm_query=${encodeURIComponent('name=incident^element=state^inactive=false^language=en^ORDERBYsequence')}&sysparm_fields=label,value,sequence,language,inactive`;

describe('checklist 5: sys_choice', () => {
  test('incident states as servicenow.md §3 lists them, English only, ordered by sequence', async () => {
    const res = await api(sn, 'GET', STATE_QUERY, { auth: basic(INTEGRATION) });
    expect((res.body.result as Row[]).map((c) => [c.value, c.label])).toEqual([
      ['1', 'New'],
      ['2', 'In Progress'],
      ['3', 'On Hold'],
      ['6', 'Resolved'],
      ['7', 'Closed'],
      ['8', 'Canceled'],
    ]);
    for (const row of res.body.result)
      expect(row).toMatchObject({ language: 'en', inactive: 'false', sequence: expect.any(String) });
  });

  test('close codes: the current set by default, the legacy set when configured', async () => {
    const q = `/api/now/table/sys_choice?sysparm_query=${encodeURIComponent('name=incident^element=close_code')}&sysparm_fields=value`;
    const current = ((await api(sn, 'GET', q)).body.result as Row[]).map((c) => c.value);
    expect(current).toEqual(expect.arrayContaining(['Solution provided', 'Workaround provided', 'Duplicate']));
    expect(current).not.toContain('Solved (Permanently)');
    await control(sn, 'POST', '/settings', { closeCodes: 'legacy' });
    const legacy = ((await api(sn, 'GET', q)).body.result as Row[]).map((c) => c.value);
    expect(legacy).toContain('Closed/Resolved by Caller');
    expect(legacy).not.toContain('Solution provided');
  });

  test('hold_reason, impact and urgency choices exist', async () => {
    for (const element of ['hold_reason', 'impact', 'urgency']) {
      const res = await api(sn, 'GET', `/api/now/table/sys_choice?sysparm_query=element=${element}`);
      expect([element, res.body.result.length > 0]).toEqual([element, true]);
    }
  });

  test('without personalize_choices a read is filtered to an empty list, not refused', async () => {
    const res = await api(sn, 'GET', STATE_QUERY, { auth: basic(PLAIN_ITIL) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: [] });
  });
});

describe('checklist 6: authentication and rate limiting', () => {
  test('no or wrong credentials: the recorded 401 envelope with WWW-Authenticate', async () => {
    const expected = recorded('TableApiClientTest_healthCheckInvalidCredentials').response;
    for (const auth of [null, basic({ user_name: 'admin', password: 'wrong' })]) {
      const res = await api(sn, 'GET', '/api/now/v2/table/incident?sysparm_limit=1', { auth });
      expect(res.status).toBe(expected.status);
      expect(res.body).toEqual(expected.body);
      expect(res.headers.get('www-authenticate')).toBe(expected.headers['WWW-Authenticate']);
    }
  });

  test('oauth_token.do password grant gives a Bearer token; refresh_token gives a new one', async () => {
    const token = await fetch(`${sn.url}/oauth_token.do`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'bridge',
        client_secret: 'bridge-client-secret',
        username: INTEGRATION.user_name,
        password: INTEGRATION.password,
      }),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(token).toMatchObject({
      token_type: 'Bearer',
      scope: 'useraccount',
      expires_in: 1799,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    const created = await api(sn, 'POST', '/api/now/table/incident', {
      body: {},
      auth: `Bearer ${token.access_token as string}`,
    });
    expect(created.body.result.sys_created_by).toBe(INTEGRATION.user_name);
    const refreshed = await fetch(`${sn.url}/oauth_token.do`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'bridge',
        client_secret: 'bridge-client-secret',
        refresh_token: token.refresh_token as string,
      }),
    });
    expect(refreshed.status).toBe(200);
    expect((await api(sn, 'GET', '/api/now/table/incident', { auth: 'Bearer not-a-token' })).status).toBe(401);
  });

  test('client_credentials is off unless the property enables it', async () => {
    const grant = () =>
      fetch(`${sn.url}/oauth_token.do`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'bridge',
          client_secret: 'bridge-client-secret',
        }),
      });
    expect((await grant()).status).toBe(401);
    await control(sn, 'POST', '/settings', {
      properties: { 'glide.oauth.inbound.client.credential.grant_type.enabled': 'true' },
    });
    expect((await grant()).status).toBe(200);
  });

  test('x-sn-apikey authenticates a user that has a key', async () => {
    await control(sn, 'POST', '/users', {
      user_name: 'keyed',
      password: 'k-password',
      roles: ['itil'],
      api_key: 'key-0123456789',
    });
    const res = await api(sn, 'POST', '/api/now/table/incident', {
      body: {},
      auth: null,
      headers: { 'x-sn-apikey': 'key-0123456789' },
    });
    expect(res.body.result.sys_created_by).toBe('keyed');
  });

  test('an hourly per-user limit: X-RateLimit-* headers, then 429 with Retry-After', async () => {
    await control(sn, 'POST', '/settings', { rateLimitPerHour: 2 });
    const ok = await api(sn, 'GET', '/api/now/table/incident');
    expect(ok.headers.get('x-ratelimit-limit')).toBe('2');
    const reset = Number(ok.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(ok.headers.get('x-ratelimit-rule')).toMatch(/^[0-9a-f]{32}$/);
    await api(sn, 'GET', '/api/now/table/incident');
    const refused = await api(sn, 'GET', '/api/now/table/incident');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: { message: 'Rate limit exceeded', detail: 'Rate limit of 2 requests per hour for Table API exceeded' },
      status: 'failure',
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // The budget is per user: another user still gets through.
    expect((await api(sn, 'GET', '/api/now/table/incident', { auth: basic(INTEGRATION) })).status).toBe(200);
  });
});

test('token requests are logged without their secrets', async () => {
  await fetch(`${sn.url}/oauth_token.do`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'bridge',
      client_secret: 'bridge-client-secret',
      username: INTEGRATION.user_name,
      password: INTEGRATION.password,
    }),
  });
  const log = (await control(sn, 'GET', '/requests')).body;
  expect(log).toEqual([
    expect.objectContaining({
      method: 'POST',
      path: '/oauth_token.do',
      status: 200,
      body: { grant_type: 'password', client_id: 'bridge', username: INTEGRATION.user_name },
    }),
  ]);
  expect(JSON.stringify(log)).not.toContain(INTEGRATION.password);
  expect(JSON.stringify(log)).not.toContain('bridge-client-secret');
});
