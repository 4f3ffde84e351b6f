/**
 * The OpenAPI document (`GET /api/v1/openapi.json`): a third-party validator accepts it, it names every
 * route the HTTP port serves, and the bridge's real answers along a walk through the API match it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileErrors, dereference, validate } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020';
import type { Router } from 'express';
import { createReconcileRouter } from '../../src/admin/reconcile-route';
import { createAdminRouter } from '../../src/admin/router';
import { createApiDescriptionRouter } from '../../src/api-description/router';
import { createHealthRouter } from '../../src/health';
import { createReceiverRouter } from '../../src/receiver/router';
import { createCodecRouter } from '../../src/temporal/codec-router';
import { startRig, type Rig } from '../helpers/e2e';
import { uniqueId, waitFor } from '../helpers/wait';
import { createBody } from '../admin/support';

type Json = any;
interface Answered {
  method: string;
  /** The document's path template, e.g. `/api/v1/integrations/{id}`. */
  template: string;
  status: number;
  request: unknown;
  body: unknown;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `METHOD /path/{param}` of every route a router serves (Express paths converted to the document's form). */
function routesOf(router: Router): string[] {
  const found: string[] = [];
  for (const layer of router.stack) {
    const route = layer.route as { path: string | string[]; methods: Record<string, boolean> } | undefined;
    if (!route) continue;
    for (const path of ([] as string[]).concat(route.path)) {
      for (const method of Object.keys(route.methods).filter((m) => METHODS.includes(m))) {
        found.push(`${method.toUpperCase()} ${path.replace(/[:*](\w+)/g, '{$1}')}`);
      }
    }
  }
  return found;
}

function documentedRoutes(doc: Json): string[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

describe('the OpenAPI document of the HTTP port', () => {
  let rig: Rig;
  let doc: Json;
  const answered: Answered[] = [];

  beforeAll(async () => {
    rig = await startRig();
    doc = await (await fetch(`${rig.bridgeUrl}/api/v1/openapi.json`)).json();
  });
  afterAll(async () => {
    await rig?.close();
  });

  /** Calls the bridge and records the answer with the route it belongs to. */
  async function call(
    method: string,
    template: string,
    params: Record<string, string> = {},
    request?: unknown,
    headers: Record<string, string> = { authorization: `Bearer ${rig.config.adminToken}` },
  ): Promise<{ status: number; body: Json }> {
    const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name] ?? ''));
    const res = await fetch(`${rig.bridgeUrl}${path}`, {
      method,
      headers: { ...headers, 'content-type': 'application/json' },
      body: request === undefined ? undefined : JSON.stringify(request),
    });
    const text = await res.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    answered.push({
      method: method.toLowerCase(),
      template: template.split('?')[0]!,
      status: res.status,
      request,
      body,
    });
    return { status: res.status, body };
  }

  it('is served without a token and a third-party validator (@readme/openapi-parser) accepts it as OpenAPI 3.1', async () => {
    const res = await fetch(`${rig.bridgeUrl}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(doc);
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : compileErrors(result)).toEqual([]);
    expect(result.specification).toBe('OpenAPI');

    // The validator does look: a path parameter the path does not declare is refused.
    const broken = structuredClone(doc);
    broken.paths['/api/v1/integrations/{id}'].get.parameters[0].name = 'nope';
    expect((await validate(broken)).valid).toBe(false);
  });

  it('names every route of every router the HTTP port mounts, and no other', () => {
    const stub = {} as never;
    const routers = [
      createHealthRouter({ temporal: () => Promise.resolve(true) }),
      createApiDescriptionRouter(),
      createAdminRouter({
        integrations: stub,
        pairs: stub,
        adminToken: 't',
        publicUrl: 'http://x',
        allowInsecureUrls: false,
      }),
      createReconcileRouter({ adminToken: 't', exists: stub, runNow: stub }),
      createReceiverRouter({ directory: stub, starter: stub, logger: stub, taskQueue: 'q' }),
      createCodecRouter({ codec: stub, uiOrigin: 'http://ui', adminToken: 't' }),
    ];
    // The receiver's `/webhooks/:source/...` only counts the answer and passes on to the two routes below it.
    const served = routers.flatMap(routesOf).filter((route) => route !== 'POST /webhooks/{source}/{integrationId}');
    expect([...new Set(served)].sort()).toEqual(documentedRoutes(doc).sort());
  });

  it("a walk through the admin API, the webhooks and the codec: every answer's status and body are as documented", async () => {
    const servicenow = (createBody(rig) as { servicenow: unknown }).servicenow;
    const other = rig.oc.createIntegration({ type: 'alertmanager', name: uniqueId('am') });
    await call('GET', '/healthz', {}, undefined, {});
    await call('GET', '/readyz', {}, undefined, {});
    expect((await call('GET', '/api/v1/integrations', {}, undefined, {})).status).toBe(401);
    expect((await call('POST', '/api/v1/integrations/test-connection', {}, { servicenow })).status).toBe(200);
    expect((await call('POST', '/api/v1/integrations/test-connection', {}, {})).status).toBe(400);
    const created = await call('POST', '/api/v1/integrations', {}, createBody(rig));
    expect(created.status).toBe(201);
    const id = { id: created.body.id as string };
    await call('GET', '/api/v1/integrations');
    await call('GET', '/api/v1/integrations/{id}', id);
    expect((await call('GET', '/api/v1/integrations/{id}', { id: 'inope' })).status).toBe(404);
    const patch = { description: 'walked', notes: { toOnCall: 'both' } };
    expect((await call('PATCH', '/api/v1/integrations/{id}', id, patch)).status).toBe(200);
    await call('GET', '/api/v1/integrations/{id}/state-options', id);
    const mapping = created.body.stateMapping;
    expect((await call('PUT', '/api/v1/integrations/{id}/state-mapping', id, mapping)).status).toBe(200);
    const rule = await call('POST', '/api/v1/integrations/{id}/business-rule', id);
    expect(rule.status).toBe(201);
    expect((await call('POST', '/api/v1/integrations/{id}/webhook-secret', id)).status).toBe(200);
    const fieldMapping = '/api/v1/integrations/{id}/field-mapping';
    const templates = { incident: { urgency: "{{ 1 if alert_group.labels.severity == 'critical' else 2 }}" } };
    expect((await call('PUT', fieldMapping, id, templates)).status).toBe(200);
    expect((await call('PUT', fieldMapping, id, { incident: { urgency: '{% if %}' } })).status).toBe(400);
    const event = JSON.parse(
      readFileSync(path.resolve(__dirname, '../fixtures/webhooks/oncall-acknowledge.json'), 'utf8'),
    );
    expect((await call('POST', `${fieldMapping}/preview`, id, { event })).status).toBe(200);
    expect(
      (await call('PUT', '/api/v1/integrations/{id}/incident-filter', id, { condition: 'priority<=2' })).status,
    ).toBe(200);

    const webhook = '/webhooks/servicenow/{integrationId}';
    const incident = {
      operation: 'insert',
      sys_id: 'c'.repeat(32),
      number: 'INC0077777',
      state: '1',
      short_description: 'walk',
      sys_updated_on: new Date().toISOString().slice(0, 19).replace('T', ' '),
      sys_updated_by: 'alice.sn',
      sys_mod_count: 0,
    };
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const hook = { integrationId: id.id };
    expect((await call('POST', webhook, hook, incident, bearer(rule.body.token))).status).toBe(202);
    expect((await call('POST', webhook, hook, incident, bearer('wrong'))).status).toBe(401);
    expect((await call('POST', webhook, hook, { operation: 'x' }, bearer(rule.body.token))).status).toBe(400);
    expect((await call('POST', '/webhooks/oncall/{integrationId}', hook, {}, { authorization: 'x' })).status).toBe(401);

    const connection = { ...id, oncallIntegrationId: other.id };
    const connections = '/api/v1/integrations/{id}/connections';
    expect((await call('POST', connections, id, { oncallIntegrationId: other.id })).status).toBe(201);
    expect((await call('PATCH', `${connections}/{oncallIntegrationId}`, connection, { backsync: true })).status).toBe(
      200,
    );
    expect((await call('POST', `${connections}/{oncallIntegrationId}/demo-alert`, connection)).status).toBe(202);

    const pairs = await waitFor(
      async () => {
        const listed = await call('GET', '/api/v1/integrations/{id}/pairs', id);
        return listed.body.pairs.length > 0 ? listed.body.pairs : undefined;
      },
      { what: 'a pair in the list' },
    );
    await call('GET', '/api/v1/pairs/{pairId}', { pairId: pairs[0].pairId });
    expect((await call('GET', '/api/v1/pairs/{pairId}', { pairId: 'pair/x/oncall/nope' })).status).toBe(404);
    const badQuery = await fetch(`${rig.bridgeUrl}/api/v1/integrations/${id.id}/pairs?limit=0`, {
      headers: bearer(rig.config.adminToken),
    });
    answered.push({
      method: 'get',
      template: '/api/v1/integrations/{id}/pairs',
      status: badQuery.status,
      request: undefined,
      body: await badQuery.json(),
    });
    expect(badQuery.status).toBe(400);
    expect((await call('POST', '/api/v1/integrations/{id}/reconcile', id)).status).toBe(200);
    expect((await call('POST', '/codec/encode', {}, { payloads: [{ data: 'e30=' }] })).status).toBe(200);
    expect((await call('POST', '/codec/decode', {}, { payloads: [] })).status).toBe(200);
    expect((await call('DELETE', `${connections}/{oncallIntegrationId}`, connection)).status).toBe(200);
    expect((await call('DELETE', '/api/v1/integrations/{id}', id)).status).toBe(200);

    const problems = await checkAgainst(doc, answered);
    expect(problems).toEqual([]);
    // Every documented operation but the document itself was answered at least once.
    const walked = new Set(answered.map((a) => `${a.method.toUpperCase()} ${a.template}`));
    const unwalked = documentedRoutes(doc).filter((route) => !walked.has(route) && !route.includes('{token}'));
    expect(unwalked).toEqual(['GET /api/v1/openapi.json']);
  });
});

/** Each answer's status must be documented for its operation and its body must match that response's schema. */
async function checkAgainst(doc: Json, answered: Answered[]): Promise<string[]> {
  const resolved: Json = await dereference(structuredClone(doc));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const problems: string[] = [];
  for (const a of answered) {
    const operation = resolved.paths[a.template]?.[a.method];
    const where = `${a.method.toUpperCase()} ${a.template} ${a.status}`;
    const response = operation?.responses?.[String(a.status)];
    if (!response) {
      problems.push(`${where}: status not documented`);
      continue;
    }
    const answerSchema = response.content?.['application/json']?.schema;
    if (answerSchema && !ajv.validate(answerSchema, a.body)) problems.push(`${where}: ${ajv.errorsText()}`);
    const requestSchema = operation.requestBody?.content?.['application/json']?.schema;
    // A request the bridge accepted must be one the document allows.
    if (a.status < 300 && requestSchema && !ajv.validate(requestSchema, a.request)) {
      problems.push(`${where} request: ${ajv.errorsText()}`);
    }
  }
  return problems;
}
