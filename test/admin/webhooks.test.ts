/**
 * The OnCall webhooks setup creates (forward_all, authorization_header, integration_filter, a trigger_template
 * that drops the bridge's own actions), the compensation of a failed setup, and their removal on DELETE.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { oncallAction, startRig, type Rig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { createBody, resourceOf } from './support';

interface OnCallWebhook {
  id: string;
  name: string;
  url: string;
  trigger_type: string;
  forward_all: boolean;
  is_webhook_enabled: boolean;
  authorization_header: string | null;
  integration_filter: string[];
  trigger_template: string | null;
}

async function oncallGet<T>(rig: Rig, route: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${rig.oc.url}/api/v1/${route}`, { headers: { authorization: rig.humanKey } });
  return { status: res.status, body: (await res.json()) as T };
}

async function allWebhooks(rig: Rig): Promise<OnCallWebhook[]> {
  return (await oncallGet<{ results: OnCallWebhook[] }>(rig, 'webhooks/?perpage=100')).body.results;
}

async function allIntegrations(rig: Rig): Promise<{ id: string; name: string }[]> {
  return (await oncallGet<{ results: { id: string; name: string }[] }>(rig, 'integrations/?perpage=100')).body.results;
}

/** A proxy in front of the OnCall emulator that arms an emulator fault just before the n-th webhook creation. */
async function faultingProxy(rig: Rig, failCreation: number): Promise<{ url: string; close(): Promise<void> }> {
  let creations = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        if (req.method === 'POST' && req.url?.startsWith('/api/v1/webhooks')) {
          creations += 1;
          if (creations === failCreation) {
            await fetch(`${rig.oc.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ status: 403 }) });
          }
        }
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([name]) => ['authorization', 'content-type'].includes(name)),
        ) as Record<string, string>;
        const upstream = await fetch(`${rig.oc.url}${req.url}`, {
          method: req.method,
          headers,
          body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function sendAlert(url: string, uid: string, title: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ alert_uid: uid, title, message: 'test', state: 'alerting' }),
  });
  expect(res.status).toBe(200);
}

describe('the OnCall webhooks of an integration', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('when setup creates them, then both carry forward_all, the secret, the filter and the echo template', async () => {
    const created = await rig.admin('POST', '/api/v1/integrations', createBody(rig));
    expect(created.status).toBe(201);
    const { id, oncall, webhooks } = resourceOf(created);
    const inOnCall = (await allWebhooks(rig)).filter((w) => webhooks.some((o) => o.id === w.id));

    expect(inOnCall).toHaveLength(2);
    for (const webhook of inOnCall) {
      expect(webhook).toMatchObject({
        url: `${rig.bridgeUrl}/webhooks/oncall/${id}`,
        forward_all: true,
        is_webhook_enabled: true,
        integration_filter: [oncall.integrationId],
        authorization_header: expect.any(String),
      });
      expect(webhook.trigger_template).toEqual(expect.stringContaining('user'));
    }
    expect(inOnCall.map((w) => w.trigger_type).sort()).toEqual(['alert group created', 'status change']);
  });

  it("when the bridge's own user acts, then no webhook fires; when a person acts, it does, with the secret", async () => {
    const created = await rig.admin('POST', '/api/v1/integrations', createBody(rig));
    const statusWebhook = resourceOf(created).webhooks.find((w) => w.triggerType === 'status change')!;
    const link = (await oncallGet<{ link: string }>(rig, `integrations/${resourceOf(created).oncall.integrationId}/`))
      .body.link;
    await sendAlert(link, 'echo-1', 'Echo check');
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title === 'Echo check'), { what: 'group' });
    const ofGroup = () => rig.oc.deliveries().filter((d) => d.alertGroupId === group.id);
    await waitFor(() => ofGroup().find((d) => d.eventType === 'alert group created' && d.status === 202), {
      what: 'creation delivered and accepted',
    });

    const byBot = await fetch(`${rig.oc.url}/api/v1/alert_groups/${group.id}/acknowledge/`, {
      method: 'POST',
      headers: { authorization: rig.botKey },
    });
    expect(byBot.status).toBe(200);
    await rig.oc.idle();
    expect(ofGroup().filter((d) => d.webhookId === statusWebhook.id)).toEqual([]);

    expect(await oncallAction(rig, group.id, 'unacknowledge')).toBe(200);
    const delivered = await waitFor(() => ofGroup().find((d) => d.webhookId === statusWebhook.id), {
      what: "the person's action delivered",
    });
    expect(delivered.eventType).toBe('unacknowledge');
    expect(delivered.headers.Authorization ?? delivered.headers.authorization).toMatch(/^Bearer /);
    // The receiver accepted it: the header is the secret the bridge stored (as a hash).
    await waitFor(() => ofGroup().find((d) => d.webhookId === statusWebhook.id && d.status !== undefined));
    expect(ofGroup().find((d) => d.webhookId === statusWebhook.id)?.status).toBe(202);
  });

  it('when a later setup step fails, then what setup created in OnCall is removed and the reason is returned', async () => {
    // The second webhook's creation is refused: the first webhook and the new integration must be undone.
    const proxy = await faultingProxy(rig, 2);
    try {
      const body = createBody(rig, { oncall: { apiUrl: proxy.url, apiToken: rig.botKey } });
      const refused = await rig.admin('POST', '/api/v1/integrations', body);

      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toEqual(expect.any(String));
      const integrations = await allIntegrations(rig);
      expect(integrations.filter((i) => i.name === body.name)).toEqual([]);
      const bridgeWebhooks = (await allWebhooks(rig)).filter((w) => w.url.includes('/webhooks/oncall/'));
      const known = new Set(
        (
          (await rig.admin('GET', '/api/v1/integrations')).body.integrations as { webhooks: { id: string }[] }[]
        ).flatMap((i) => i.webhooks.map((w) => w.id)),
      );
      expect(bridgeWebhooks.filter((w) => !known.has(w.id))).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('when the integration is deleted, then its webhooks are gone from OnCall and its endpoints answer 404', async () => {
    const created = await rig.admin('POST', '/api/v1/integrations', createBody(rig));
    const { id, webhooks } = resourceOf(created);

    const deleted = await rig.admin('DELETE', `/api/v1/integrations/${id}`);
    expect(deleted.status).toBe(200);
    const left = new Set((await allWebhooks(rig)).map((w) => w.id));
    expect(webhooks.filter((w) => left.has(w.id))).toEqual([]);
    expect((await rig.admin('GET', `/api/v1/integrations/${id}`)).status).toBe(404);
    const listed = (await rig.admin('GET', '/api/v1/integrations')).body.integrations as { id: string }[];
    expect(listed.map((i) => i.id)).not.toContain(id);
    const late = await fetch(`${rig.bridgeUrl}/webhooks/oncall/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer whatever' },
      body: '{}',
    });
    expect(late.status).toBe(404);
    const lateSn = await fetch(`${rig.bridgeUrl}/webhooks/servicenow/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer whatever' },
      body: '{}',
    });
    expect(lateSn.status).toBe(404);
  });

  describe('when a person deleted one of them in OnCall (a soft delete: renamed, hidden from the API)', () => {
    async function withOneDeleted() {
      const created = await rig.admin('POST', '/api/v1/integrations', createBody(rig));
      const { id, webhooks } = resourceOf(created);
      const [gone, kept] = webhooks as { id: string; triggerType: string }[];
      const res = await fetch(`${rig.oc.url}/api/v1/webhooks/${gone!.id}/`, {
        method: 'DELETE',
        headers: { authorization: rig.humanKey },
      });
      expect(res.status).toBe(204);
      return { id, gone: gone!, kept: kept! };
    }

    it('then a connection change answers 4xx naming the missing webhook, and the other keeps its filter', async () => {
      const { id, gone, kept } = await withOneDeleted();
      const other = rig.oc.createIntegration({ type: 'alertmanager', name: `other ${id}` });
      const before = (await oncallGet<OnCallWebhook>(rig, `webhooks/${kept.id}/`)).body.integration_filter;

      const answer = await rig.admin('POST', `/api/v1/integrations/${id}/connections`, {
        oncallIntegrationId: other.id,
        backsync: true,
      });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.error.message).toContain(gone.id);
      expect(answer.body.error.message).toMatch(/deleted/);
      expect((await oncallGet<OnCallWebhook>(rig, `webhooks/${kept.id}/`)).body.integration_filter).toEqual(before);
      const resource = await rig.admin('GET', `/api/v1/integrations/${id}`);
      expect(resource.body.connections).toEqual([]);
    });

    it('then deleting the integration succeeds and both remain in OnCall only as renamed, deleted rows', async () => {
      const { id, gone, kept } = await withOneDeleted();

      expect((await rig.admin('DELETE', `/api/v1/integrations/${id}`)).status).toBe(200);
      const stored = rig.oc.storedWebhooks().filter((w) => w.id === gone.id || w.id === kept.id);
      expect(stored).toHaveLength(2);
      for (const webhook of stored) {
        expect(webhook.deleted_at).toEqual(expect.any(String));
        expect(webhook.name).toBe(`servicenow-bridge-${id} ${webhook.trigger_type}_deleted_${webhook.id}`);
      }
      const visible = new Set((await allWebhooks(rig)).map((w) => w.id));
      expect(visible.has(gone.id) || visible.has(kept.id)).toBe(false);
    });
  });
});
