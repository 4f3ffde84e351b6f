/**
 * Hostile input against the real receiver and admin API (property-based, fast-check): malformed JSON, wrong
 * types, huge strings, unknown fields, wrong content types, oversized bodies and headers. Always a 4xx with
 * a clear message, never a 5xx, and nothing partially applied: no pair is started, no integration created.
 */
import fc from 'fast-check';
import { setUpIntegration, startRig, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { sendRaw, type Reply } from '../helpers/raw-http';

function send(
  rig: Rig,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Reply> {
  return sendRaw(rig.bridgeUrl, method, path, headers, body);
}

const jsonValue = fc.jsonValue({ maxDepth: 4 });
const hostileBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  jsonValue.map((v) => JSON.stringify(v)),
  fc.record({ event: jsonValue, alert_group: jsonValue, alert_group_id: jsonValue }).map((v) => JSON.stringify(v)),
  fc
    .record({ operation: fc.constantFrom('insert', 'update', 'delete', 7), sys_id: jsonValue, state: jsonValue })
    .map((v) => JSON.stringify(v)),
  fc
    .string({ minLength: 10_000, maxLength: 50_000 })
    .map((huge) => JSON.stringify({ operation: 'insert', sys_id: huge, number: huge })),
);
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
);

function expectClearClientError(reply: Reply): void {
  expect([reply.status, reply.status >= 400 && reply.status < 500]).toEqual([reply.status, true]);
  const parsed = JSON.parse(reply.body) as { error: { code: string; message: string } };
  expect(parsed.error.code).toMatch(/^[a-z_]+$/);
  expect(parsed.error.message.length).toBeGreaterThan(10);
}

describe('hostile input', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  let oncallAuth: string;
  let serviceNowAuth: string;

  beforeAll(async () => {
    // A low webhook limit (20/s, bursts of 200), so the rate-limit case below reaches it for sure.
    rig = await startRig({ env: { BRIDGE_WEBHOOK_RATE_LIMIT: '20' } });
    integration = await setUpIntegration(rig);
    serviceNowAuth = `Bearer ${integration.businessRuleToken}`;
    oncallAuth = integration.webhookAuthorization;
  });
  afterAll(async () => {
    await rig?.close();
  });

  const pairsOf = async () =>
    (await rig.admin('GET', `/api/v1/integrations/${integration.id}/pairs`)).body.pairs.length as number;

  it('the OnCall webhook answers every malformed body with a clear 4xx and starts no pair', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody, contentType, async (body, type) => {
        const reply = await send(
          rig,
          'POST',
          `/webhooks/oncall/${integration.id}`,
          { authorization: oncallAuth, 'content-type': type },
          body,
        );
        expectClearClientError(reply);
      }),
      { numRuns: 150 },
    );
    expect(await pairsOf()).toBe(0);
  });

  it('the ServiceNow webhook answers every malformed body with a clear 4xx and starts no pair', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody, contentType, async (body, type) => {
        const reply = await send(
          rig,
          'POST',
          `/webhooks/servicenow/${integration.id}`,
          { authorization: serviceNowAuth, 'content-type': type },
          body,
        );
        expectClearClientError(reply);
      }),
      { numRuns: 150 },
    );
    expect(await pairsOf()).toBe(0);
  });

  it('refuses bodies above 1 MiB with 413, a wrong or missing credential with 401, an unknown integration with 404', async () => {
    const big = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) });
    expect(
      (
        await send(
          rig,
          'POST',
          `/webhooks/oncall/${integration.id}`,
          { authorization: oncallAuth, 'content-type': 'application/json' },
          big,
        )
      ).status,
    ).toBe(413);
    for (const authorization of [undefined, 'Bearer nope', `${oncallAuth}x`, oncallAuth.slice(0, -1)]) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
      };
      const reply = await send(rig, 'POST', `/webhooks/oncall/${integration.id}`, headers, '{}');
      expect([authorization, reply.status]).toEqual([authorization, 401]);
    }
    // The Business Rule token is not the OnCall credential and vice versa.
    expect(
      (await send(rig, 'POST', `/webhooks/oncall/${integration.id}`, { authorization: serviceNowAuth }, '{}')).status,
    ).toBe(401);
    expect(
      (await send(rig, 'POST', `/webhooks/servicenow/${integration.id}`, { authorization: oncallAuth }, '{}')).status,
    ).toBe(401);
    expect(
      (await send(rig, 'POST', '/webhooks/servicenow/inope', { authorization: serviceNowAuth }, '{}')).status,
    ).toBe(404);
  });

  it('refuses oversized headers without crashing', async () => {
    const reply = await send(
      rig,
      'POST',
      `/webhooks/oncall/${integration.id}`,
      { authorization: oncallAuth, 'x-pad': 'y'.repeat(64 * 1024) },
      '{}',
    );
    expect(reply.status).toBe(431);
    expect((await send(rig, 'GET', '/healthz', {})).status).toBe(200);
  });

  it('the admin API answers malformed bodies with 400 naming the field, and creates nothing', async () => {
    const before = (await rig.admin('GET', '/api/v1/integrations')).body.integrations.length as number;
    const admin = { authorization: `Bearer ${rig.config.adminToken}`, 'content-type': 'application/json' };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          jsonValue.map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 100 }),
          fc
            .record(
              { name: jsonValue, servicenow: jsonValue, oncall: jsonValue, extra: jsonValue },
              { requiredKeys: [] },
            )
            .map((v) => JSON.stringify(v)),
        ),
        fc.constantFrom(
          '/api/v1/integrations',
          '/api/v1/integrations/test-connection',
          `/api/v1/integrations/${integration.id}/connections`,
        ),
        async (body, path) => {
          const reply = await send(rig, 'POST', path, admin, body);
          expectClearClientError(reply);
        },
      ),
      { numRuns: 100 },
    );
    expect((await rig.admin('GET', '/api/v1/integrations')).body.integrations).toHaveLength(before);
  });

  it('names the field and the reason for a schema failure', async () => {
    const reply = await rig.admin('POST', '/api/v1/integrations', {
      name: 'x',
      servicenow: { instanceUrl: 'ftp://x', username: '', password: 'p' },
      oncall: { apiUrl: rig.oc.url, apiToken: 't' },
      surprise: 1,
    });
    expect(reply.status).toBe(400);
    const fields = (reply.body.error.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['servicenow.instanceUrl', 'servicenow.username']));
    expect(reply.body.error.message).toContain('servicenow.instanceUrl');
  });

  it('sends security headers', async () => {
    const reply = await send(rig, 'GET', '/healthz', {});
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
    expect(reply.headers['x-powered-by']).toBeUndefined();
  });

  // Last in the file: it empties this integration's bucket.
  it('rate-limits one integration with 429 and Retry-After, without affecting health checks', async () => {
    const headers = { authorization: serviceNowAuth, 'content-type': 'application/json' };
    const replies = await Promise.all(
      Array.from({ length: 600 }, () => send(rig, 'POST', `/webhooks/servicenow/${integration.id}`, headers, '{}')),
    );
    const limited = replies.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(replies.every((r) => r.status === 400 || r.status === 429)).toBe(true);
    expect((await send(rig, 'GET', '/healthz', {})).status).toBe(200);
  });
});
