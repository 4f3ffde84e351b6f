/**
 * Pairs for operators (list from visibility, detail from the query, links to the Web UI) and encrypted
 * workflow data: history read straight from the server, without the codec, holds no secret and no incident
 * text in plain text, while `/codec/decode` opens it.
 */
import { Client } from '@temporalio/client';
import { integrationWorkflowId } from '../../workflows/ids';
import { basicAuth } from '../../src/integrations/http';
import { INTEGRATION_USER, snAsPerson, startRig, type Rig } from '../helpers/e2e';
import { uniqueId, waitFor } from '../helpers/wait';
import {
  call,
  createBody,
  resourceOf,
  secretsIn,
  startSideBridge,
  type ResourceBody,
  type SideBridge,
} from './support';

const UI_URL = 'http://temporal-ui.example:8233';

interface PairDetail {
  incidentSysId: string | null;
  timeline: { source: string; kind: string }[];
}

/** Every string and every byte array (as UTF-8) in a value: what someone reading the raw history could see. */
function plainTextOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) for (const item of value) plainTextOf(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) plainTextOf(item, out);
  return out;
}

/** The first payload of a workflow's start event, as the codec endpoint's JSON shape. */
function firstPayload(history: unknown): { metadata: Record<string, string>; data: string } {
  const events = (
    history as { events: { workflowExecutionStartedEventAttributes?: { input?: { payloads?: unknown[] } } }[] }
  ).events;
  const payload = events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0] as {
    metadata: Record<string, Uint8Array>;
    data: Uint8Array;
  };
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  );
  return { metadata, data: Buffer.from(payload.data).toString('base64') };
}

describe('pairs for operators, and what Temporal stores', () => {
  let rig: Rig;
  let side: SideBridge;
  let resource: ResourceBody;
  let token: string;
  let incident: Record<string, string>;
  const shortDescription = `Vault outage ${uniqueId('secret-text')}`;

  beforeAll(async () => {
    rig = await startRig();
    side = await startSideBridge(rig, (config) => ({ ...config, temporal: { ...config.temporal, uiUrl: UI_URL } }));
    const created = await rig.admin('POST', '/api/v1/integrations', createBody(rig));
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    resource = resourceOf(created);
    const rule = await rig.admin('POST', `/api/v1/integrations/${resource.id}/business-rule`);
    const issued = rule.body as { token: string; script: string; rule: Record<string, unknown> };
    token = issued.token;
    const installed = await fetch(`${rig.sn.url}/__emulator/business-rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...issued.rule, script: issued.script }),
    });
    if (installed.status !== 201) throw new Error(await installed.text());
    incident = await snAsPerson(rig, 'POST', '', { short_description: shortDescription, description: 'keys leaked' });
    await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(incident.number!)), {
      what: 'alert group of the incident',
    });
  });
  afterAll(async () => {
    await side?.bridge.stop();
    await rig?.close();
  });

  async function listedPair() {
    return waitFor(
      async () => {
        const listed = await side.call('GET', `/api/v1/integrations/${resource.id}/pairs`);
        const pairs = (listed.body as { pairs: Record<string, unknown>[] }).pairs;
        return pairs.find((p) => p.incidentNumber === incident.number);
      },
      { what: 'the pair in visibility' },
    );
  }

  it("the installed Business Rule delivers a person's insert and update, and skips the integration user's writes", async () => {
    const delivered = (sysId: string) =>
      rig.sn.rules.log
        .entries()
        .filter((e) => e.level === 'request' && e.request?.body?.includes(sysId) && e.response?.status === 202);
    await waitFor(() => delivered(incident.sys_id!).length > 0, { what: 'the insert delivered' });
    await snAsPerson(rig, 'PATCH', `/${incident.sys_id}`, { short_description: `${shortDescription} (edited)` });
    await waitFor(() => delivered(incident.sys_id!).length > 1, { what: 'the update delivered' });

    const res = await fetch(`${rig.sn.url}/api/now/table/incident`, {
      method: 'POST',
      headers: {
        authorization: basicAuth(INTEGRATION_USER.user_name, INTEGRATION_USER.password),
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ short_description: 'written by the bridge user' }),
    });
    expect(res.status).toBe(201);
    const own = ((await res.json()) as { result: { sys_id: string } }).result;
    await waitFor(() => rig.sn.rules.pending() === 0, { what: 'rule runs done' });
    const requests = rig.sn.rules.log.entries().filter((e) => e.level === 'request');
    expect(requests.filter((e) => e.request?.body?.includes(own.sys_id))).toEqual([]);
  });

  it.each([true, false])(
    'a connection with backsync %s: its alerts get incidents; ServiceNow changes come back only with backsync',
    async (backsync) => {
      const other = rig.oc.createIntegration({ type: 'formatted_webhook', name: uniqueId('connected') });
      const route = `/api/v1/integrations/${resource.id}/connections`;
      expect((await rig.admin('POST', route, { oncallIntegrationId: other.id, backsync })).status).toBe(201);
      const title = uniqueId('connected-alert');
      const sent = await fetch(other.link, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ alert_uid: title, title, message: 'from a connected integration', state: 'alerting' }),
      });
      expect(sent.status).toBe(200);
      const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === title), { what: 'alert group' });
      const pairId = `pair/${resource.id}/oncall/${group.id}`;
      const detail = async () => (await side.call('GET', `/api/v1/pairs/${pairId}`)).body as PairDetail;
      const sysId = await waitFor(async () => (await detail()).incidentSysId ?? undefined, { what: 'incident' });

      const fromServiceNow = () => detail().then((d) => d.timeline.filter((t) => t.source === 'servicenow').length);
      const before = await fromServiceNow();
      await snAsPerson(rig, 'PATCH', `/${sysId}`, { state: '2' });
      await waitFor(async () => (await fromServiceNow()) > before, { what: 'the ServiceNow change reached the pair' });
      if (backsync) {
        await waitFor(() => rig.oc.alertGroup(group.id)?.state === 'acknowledged', { what: 'acknowledged' });
      } else {
        // The pair handles events in order: once a later change is in its timeline, the first is fully done.
        const afterFirst = await fromServiceNow();
        await snAsPerson(rig, 'PATCH', `/${sysId}`, { description: 'a later change' });
        await waitFor(async () => (await fromServiceNow()) > afterFirst, { what: 'the later change' });
        await rig.oc.idle();
        expect(rig.oc.alertGroup(group.id)?.state).toBe('firing');
      }
      expect((await rig.admin('DELETE', `${route}/${other.id}`)).status).toBe(200);
    },
  );

  it('GET .../pairs lists the pair by its search attributes, with a link to the Web UI', async () => {
    const pair = await listedPair();
    expect(pair).toMatchObject({
      integrationId: resource.id,
      incidentSysId: incident.sys_id,
      incidentNumber: incident.number,
      origin: 'servicenow',
      alertGroupId: expect.any(String),
      updatedAt: expect.any(String),
    });
    const pairId = pair.pairId as string;
    expect(pair.temporalUrl).toBe(`${UI_URL}/namespaces/default/workflows/${encodeURIComponent(pairId)}`);
    expect(pair.oncallState).toBe('firing');
    const firing = await waitFor(
      async () => {
        const listed = await side.call('GET', `/api/v1/integrations/${resource.id}/pairs?state=firing&limit=50`);
        const found = (listed.body as { pairs: { pairId: string }[] }).pairs;
        return found.some((p) => p.pairId === pairId) ? found : undefined;
      },
      { what: 'the pair under state=firing' },
    );
    expect(firing.length).toBeLessThanOrEqual(50);
    const resolved = await side.call('GET', `/api/v1/integrations/${resource.id}/pairs?state=resolved`);
    expect((resolved.body as { pairs: { pairId: string }[] }).pairs.map((p) => p.pairId)).not.toContain(pairId);
    const limited = await side.call('GET', `/api/v1/integrations/${resource.id}/pairs?limit=0`);
    expect(limited.status).toBe(400);
    const unknown = await side.call('GET', '/api/v1/integrations/inope/pairs');
    expect(unknown.status).toBe(404);
  });

  it('GET .../pairs?search= finds the pair by its incident number or its alert group id, and nothing else', async () => {
    const { pairId, alertGroupId } = (await listedPair()) as { pairId: string; alertGroupId: string };
    const search = async (term: string) => {
      const res = await side.call(
        'GET',
        `/api/v1/integrations/${resource.id}/pairs?search=${encodeURIComponent(term)}`,
      );
      return {
        status: res.status,
        ids: ((res.body as { pairs?: { pairId: string }[] }).pairs ?? []).map((p) => p.pairId),
      };
    };
    expect(await search(incident.number!)).toEqual({ status: 200, ids: [pairId] });
    expect(await search(alertGroupId)).toEqual({ status: 200, ids: [pairId] });
    expect(await search('INC9999999')).toEqual({ status: 200, ids: [] });
    expect((await search("x' OR WorkflowType = 'pairWorkflow")).status).toBe(400);
  });

  it('GET /api/v1/pairs/:pairId gives the detail with its timeline, by raw slashes or %2F', async () => {
    const { pairId } = (await listedPair()) as { pairId: string };
    const raw = await side.call('GET', `/api/v1/pairs/${pairId}`);
    expect(raw.status).toBe(200);
    expect(raw.body).toMatchObject({
      pairId,
      incidentSysId: incident.sys_id,
      incidentNumber: incident.number,
      temporalUrl: `${UI_URL}/namespaces/default/workflows/${encodeURIComponent(pairId)}`,
      alertGroupUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/.+/),
    });
    const timeline = (raw.body as { timeline: { at: string; source: string; kind: string; summary: string }[] })
      .timeline;
    expect(timeline.length).toBeGreaterThan(0);
    expect(timeline[0]).toEqual({
      at: expect.any(String),
      source: expect.stringMatching(/^(oncall|servicenow|bridge)$/),
      kind: expect.any(String),
      summary: expect.any(String),
    });
    const encoded = await side.call('GET', `/api/v1/pairs/${encodeURIComponent(pairId)}`);
    expect(encoded.status).toBe(200);
    expect(encoded.body).toMatchObject({ pairId });
    expect((await side.call('GET', `/api/v1/pairs/${pairId}x`)).status).toBe(404);
    expect((await side.call('GET', '/api/v1/pairs/not-a-pair')).status).toBe(404);
  });

  it('history read without the codec holds no secret and no incident text; /codec/decode opens it', async () => {
    const { pairId } = (await listedPair()) as { pairId: string };
    const webhookSecret = rig.oc
      .deliveries()
      .map((d) => d.headers.Authorization ?? d.headers.authorization)
      .find((value) => value !== undefined);
    expect(webhookSecret).toEqual(expect.stringMatching(/^Bearer .{16,}/));
    const raw = new Client({ connection: rig.bridge.client.connection });
    const ids = [pairId, integrationWorkflowId(resource.id), `setup/${resource.id}`];
    const histories = await Promise.all(ids.map((id) => raw.workflow.getHandle(id).fetchHistory()));
    const text = histories.map((h) => plainTextOf(h).join('\n')).join('\n');
    expect(text).toContain(resource.id);

    const secrets = [
      INTEGRATION_USER.password,
      rig.botKey,
      webhookSecret!.replace(/^Bearer /, ''),
      token,
      shortDescription,
      'keys leaked',
    ];
    expect(secretsIn(text, secrets)).toEqual([]);

    const payload = firstPayload(histories[0]);
    const decoded = await call(side.url, 'POST', '/codec/decode', { payloads: [payload] }, rig.config.adminToken);
    expect(decoded.status).toBe(200);
    const [opened] = (decoded.body as { payloads: { data: string }[] }).payloads;
    expect(Buffer.from(opened!.data, 'base64').toString('utf8')).toContain(incident.sys_id);
    const encodedAgain = await call(side.url, 'POST', '/codec/encode', decoded.body, rig.config.adminToken);
    const roundTrip = await call(side.url, 'POST', '/codec/decode', encodedAgain.body, rig.config.adminToken);
    expect(roundTrip.body).toEqual(decoded.body);
    expect((await call(side.url, 'POST', '/codec/decode', { payloads: [payload] })).status).toBe(401);
  });
});
