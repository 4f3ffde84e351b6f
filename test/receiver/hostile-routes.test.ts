/**
 * Hostile requests that reach past body parsing (property-based, fast-check), against the real bridge on a
 * healthy Temporal: compressed bodies that do not decompress, malformed %-escapes in the path, ids outside
 * the id charset or too long for a workflow id (in the path and in otherwise valid bodies). Every answer is
 * a 4xx with the error envelope, never a 5xx: 503 means Temporal is down, and here it is not.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { setUpIntegration, startRig, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { sendRaw, type Reply } from '../helpers/raw-http';
import { ID_PATTERN } from '../../workflows/ids';
import serviceNowUpdate from '../fixtures/webhooks/servicenow-update.json';
import oncallAcknowledge from '../fixtures/webhooks/oncall-acknowledge.json';

function expectClientError(reply: Reply, what: unknown): void {
  expect([what, reply.status, reply.body.slice(0, 200), reply.status >= 400 && reply.status < 500]).toEqual([
    what,
    reply.status,
    reply.body.slice(0, 200),
    true,
  ]);
  const parsed = JSON.parse(reply.body) as { error: { code: string; message: string } };
  expect(parsed.error.code).toMatch(/^[a-z_]+$/);
}

/** Ids a client may send: any text, any length up to well past Temporal's 1,000-byte id limit. */
const hostileId = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }),
    fc.stringMatching(/^[A-Za-z0-9_.:-]{129,1200}$/),
    fc.constantFrom('a/b', 'x y', 'ü', 'a\u0000b', "i'1", 'a%2Fb', '*', 'x'.repeat(999)),
  )
  .filter((id) => !ID_PATTERN.test(id));

describe('hostile routes', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  let oncallAuth: string;
  let serviceNowAuth: string;
  let admin: Record<string, string>;

  beforeAll(async () => {
    rig = await startRig();
    integration = await setUpIntegration(rig);
    oncallAuth = integration.webhookAuthorization;
    serviceNowAuth = `Bearer ${integration.businessRuleToken}`;
    admin = { authorization: `Bearer ${rig.config.adminToken}`, 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await rig?.close();
  });

  const send = (method: string, path: string, headers: Record<string, string>, body?: string | Buffer) =>
    sendRaw(rig.bridgeUrl, method, path, headers, body);

  it('answers a compressed body that does not decompress with a 4xx on every route', async () => {
    const routes = (): [string, Record<string, string>][] => [
      [`/webhooks/oncall/${integration.id}`, { authorization: oncallAuth }],
      [`/webhooks/servicenow/${integration.id}`, { authorization: serviceNowAuth }],
      ['/api/v1/integrations', admin],
      [`/api/v1/integrations/${integration.id}/connections`, admin],
    ];
    const valid = gzipSync(JSON.stringify(serviceNowUpdate));
    const broken = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.integer({ min: 1, max: valid.length - 1 }).map((n) => valid.subarray(0, n)),
      fc
        .integer({ min: 10, max: valid.length - 9 })
        .map((n) => Buffer.concat([valid.subarray(0, n), Buffer.from('xx')])),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes()),
        fc.constantFrom('gzip', 'deflate', 'br', 'x-gzip', 'compress', 'gzip, gzip'),
        broken,
        async ([path, headers], encoding, body) => {
          const reply = await send(
            'POST',
            path,
            { ...headers, 'content-type': 'application/json', 'content-encoding': encoding },
            body,
          );
          expectClientError(reply, { path, encoding });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('answers a malformed %-escape in the path with a 4xx on every route', async () => {
    const escape = fc.constantFrom('%zz', '%', '%E0%A4%A', '%C0%AF', '%uD800', 'a%', '%%', '%F0%9F%98');
    const shapes = (bad: string): [string, string][] => [
      ['POST', `/webhooks/oncall/${bad}`],
      ['POST', `/webhooks/servicenow/${bad}`],
      ['GET', `/api/v1/integrations/${bad}`],
      ['PATCH', `/api/v1/integrations/${bad}`],
      ['DELETE', `/api/v1/integrations/${integration.id}/connections/${bad}`],
      ['GET', `/api/v1/pairs/pair/${bad}/oncall/x`],
      ['POST', `/api/v1/integrations/${bad}/reconcile`],
    ];
    await fc.assert(
      fc.asyncProperty(escape, fc.nat({ max: 6 }), async (bad, index) => {
        const [method, path] = shapes(bad)[index]!;
        const headers = path.startsWith('/webhooks/oncall') ? { authorization: oncallAuth } : admin;
        expectClientError(await send(method, path, headers, '{}'), path);
      }),
      { numRuns: 60 },
    );
  });

  it('answers an integration id outside the id charset or too long with 404, on webhooks and the admin API', async () => {
    const shapes = (id: string): [string, string, Record<string, string>][] => [
      ['POST', `/webhooks/oncall/${id}`, { authorization: oncallAuth }],
      ['POST', `/webhooks/servicenow/${id}`, { authorization: serviceNowAuth }],
      ['GET', `/api/v1/integrations/${id}`, admin],
      ['PATCH', `/api/v1/integrations/${id}`, admin],
      ['DELETE', `/api/v1/integrations/${id}`, admin],
      ['GET', `/api/v1/integrations/${id}/state-options`, admin],
      ['POST', `/api/v1/integrations/${id}/business-rule`, admin],
      ['GET', `/api/v1/integrations/${id}/pairs`, admin],
      ['POST', `/api/v1/integrations/${id}/reconcile`, admin],
      ['POST', `/api/v1/integrations/${id}/connections`, admin],
      ['GET', `/api/v1/pairs/pair/${id}/oncall/IXJ47FKMYYJ5U`, admin],
    ];
    await fc.assert(
      fc.asyncProperty(hostileId, fc.nat({ max: 10 }), async (id, index) => {
        const [method, path, headers] = shapes(encodeURIComponent(id))[index]!;
        const body = path.endsWith('/connections') ? '{"oncallIntegrationId":"CXYZ"}' : '{}';
        const reply = await send(method, path, { 'content-type': 'application/json', ...headers }, body);
        expectClientError(reply, { method, path: path.slice(0, 80) });
        expect([path.slice(0, 80), reply.status]).toEqual([path.slice(0, 80), 404]);
      }),
      { numRuns: 150 },
    );
  });

  it('answers a sys_id, alert group id or connected integration id outside the charset or too long with 400', async () => {
    await fc.assert(
      fc.asyncProperty(hostileId, fc.nat({ max: 3 }), async (id, index) => {
        const acknowledge = structuredClone(oncallAcknowledge);
        const requests: [string, Record<string, string>, unknown][] = [
          [
            `/webhooks/servicenow/${integration.id}`,
            { authorization: serviceNowAuth },
            { ...serviceNowUpdate, sys_id: id },
          ],
          [
            `/webhooks/oncall/${integration.id}`,
            { authorization: oncallAuth },
            {
              ...acknowledge,
              alert_group: { ...acknowledge.alert_group, id, integration_id: integration.oncallIntegrationId },
              alert_group_id: id,
            },
          ],
          [
            `/webhooks/oncall/${integration.id}`,
            { authorization: oncallAuth },
            {
              ...acknowledge,
              alert_group: { ...acknowledge.alert_group, integration_id: id },
            },
          ],
          [`/api/v1/integrations/${integration.id}/connections`, admin, { oncallIntegrationId: id }],
        ];
        const [path, headers, body] = requests[index]!;
        const reply = await send(
          'POST',
          path,
          { 'content-type': 'application/json', ...headers },
          JSON.stringify(body),
        );
        expectClientError(reply, { path, id: id.slice(0, 40) });
        expect([path, reply.status]).toEqual([path, 400]);
      }),
      { numRuns: 120 },
    );
    const pairs = await rig.admin('GET', `/api/v1/integrations/${integration.id}/pairs`);
    expect(pairs.body.pairs).toEqual([]);
  });
  it('refuses a code, number, state, time or URL longer than any real system sends with 400', async () => {
    const long = fc.integer({ min: 101, max: 5000 }).map((n) => 'A'.repeat(n));
    const serviceNowFields = ['number', 'state', 'sys_updated_on', 'sys_updated_by', 'correlation_id'];
    await fc.assert(
      fc.asyncProperty(long, fc.nat({ max: serviceNowFields.length + 1 }), async (value, index) => {
        const acknowledge = structuredClone(oncallAcknowledge);
        const ocGroup = { ...acknowledge.alert_group, integration_id: integration.oncallIntegrationId };
        const requests: [string, Record<string, string>, unknown][] = [
          ...serviceNowFields.map((name): [string, Record<string, string>, unknown] => [
            `/webhooks/servicenow/${integration.id}`,
            { authorization: serviceNowAuth },
            { ...serviceNowUpdate, [name]: value },
          ]),
          [
            `/webhooks/oncall/${integration.id}`,
            { authorization: oncallAuth },
            { ...acknowledge, alert_group: ocGroup, event: { type: 'acknowledge', time: value } },
          ],
          [
            `/webhooks/oncall/${integration.id}`,
            { authorization: oncallAuth },
            { ...acknowledge, alert_group: { ...ocGroup, permalinks: { web: `https://x/${value.repeat(21)}` } } },
          ],
        ];
        const [path, headers, body] = requests[index]!;
        const reply = await send(
          'POST',
          path,
          { 'content-type': 'application/json', ...headers },
          JSON.stringify(body),
        );
        expect([index, reply.status]).toEqual([index, 400]);
      }),
      { numRuns: 40 },
    );
  });
  it('refuses a future event time, a time that is no date, or a version no ServiceNow reaches, with 400', async () => {
    const future = fc.date({
      min: new Date(Date.now() + 10 * 60_000),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    const notADate = fc.constantFrom('yesterday', '2026-13-45T99:00:00Z', '9999-99-99 99:99:99', '1e30');
    const acknowledge = structuredClone(oncallAcknowledge);
    const ocGroup = { ...acknowledge.alert_group, integration_id: integration.oncallIntegrationId };
    const cases = fc.oneof(
      fc
        .oneof(
          future.map((d) => d.toISOString()),
          notADate,
        )
        .map((time): [string, string, unknown] => [
          'oncall',
          oncallAuth,
          { ...acknowledge, alert_group: ocGroup, event: { type: 'acknowledge', time } },
        ]),
      fc
        .oneof(
          future.map((d) => d.toISOString().slice(0, 19).replace('T', ' ')),
          notADate,
        )
        .map((time): [string, string, unknown] => [
          'servicenow',
          serviceNowAuth,
          { ...serviceNowUpdate, sys_updated_on: time },
        ]),
      fc
        .oneof(fc.constantFrom('1000000000', '1'.repeat(31), '-1', '1.5'), fc.double({ min: 1e9, noNaN: true }))
        .map((count): [string, string, unknown] => [
          'servicenow',
          serviceNowAuth,
          { ...serviceNowUpdate, sys_mod_count: count },
        ]),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ([source, authorization, body]) => {
        const path = `/webhooks/${source}/${integration.id}`;
        const reply = await send(
          'POST',
          path,
          { 'content-type': 'application/json', authorization },
          JSON.stringify(body),
        );
        expect([body, reply.status]).toEqual([body, 400]);
      }),
      { numRuns: 60 },
    );
  });
});
