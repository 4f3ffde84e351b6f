/**
 * The public webhook API where OnCall's serializer and views do more than store fields
 * (`engine/apps/public_api/serializers/webhooks.py`, `views/webhooks.py`).
 */
import { setup, startReceiver } from './helpers';
import { waitFor } from '../helpers/wait';
import { sendAlert } from '../e2e/support/actions';

describe('OnCall emulator: the webhook API as OnCall answers it', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    ctx = await setup();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await ctx.emulator.close();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${ctx.emulator.url}/api/v1${path}`, {
      method,
      headers: { authorization: ctx.user.apiKey, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('a PATCH without integration_filter clears the filter: the webhook then fires for every integration', async () => {
    const created = await api('POST', '/webhooks/', {
      name: 'filtered',
      url: receiver.url,
      http_method: 'POST',
      trigger_type: 'alert group created',
      integration_filter: [ctx.integration.id],
    });
    expect(created.body.integration_filter).toEqual([ctx.integration.id]);
    const patched = await api('PATCH', `/webhooks/${created.body.id}/`, { is_webhook_enabled: true });
    expect(patched.status).toBe(200);
    expect(patched.body.integration_filter).toBeNull();

    const other = ctx.emulator.createIntegration({ type: 'webhook', name: 'other source' });
    await sendAlert(other.link, { title: 'from elsewhere' });
    await ctx.emulator.idle();
    expect(receiver.received.map((r) => r.body.integration?.id)).toContain(other.id);
    await api('DELETE', `/webhooks/${created.body.id}/`);
  });

  it('responses lists only rows of the webhook own trigger type, newest first, with the rendered trigger template', async () => {
    const hook = async (name: string, trigger_type: string) =>
      (await api('POST', '/webhooks/', { name, url: receiver.url, http_method: 'POST', trigger_type })).body
        .id as string;
    const created = await hook('on created', 'alert group created');
    const status = await hook('on status', 'status change');
    await sendAlert(ctx.integration.link, { alert_uid: 'resp-1', title: 'r', state: 'alerting' });
    await ctx.emulator.idle();
    const group = ctx.emulator.alertGroups().find((g) => g.title === 'r')!;
    expect((await api('POST', `/alert_groups/${group.id}/acknowledge/`)).status).toBe(200);
    await ctx.emulator.idle();
    const createdRows = (await api('GET', `/webhooks/${created}/responses/`)).body.results;
    expect(createdRows.length).toBeGreaterThanOrEqual(1);
    expect(createdRows[0].request_trigger).toBe('');
    expect((await api('GET', `/webhooks/${status}/responses/`)).body.results).toEqual([]);
  });

  it('a webhook whose trigger template renders false, or whose filter names another integration, leaves no row', async () => {
    const hook = async (name: string, extra: Record<string, unknown>) =>
      (
        await api('POST', '/webhooks/', {
          name,
          url: receiver.url,
          http_method: 'POST',
          trigger_type: 'alert group created',
          ...extra,
        })
      ).body.id as string;
    const elsewhere = ctx.emulator.createIntegration({ type: 'webhook', name: 'filter target' });
    const passing = await hook('template true', { trigger_template: "{{ alert_group.id != 'none' }}" });
    const failing = await hook('template false', { trigger_template: "{{ alert_group.id == 'none' }}" });
    const filtered = await hook('other integration', { integration_filter: [elsewhere.id] });
    await sendAlert(ctx.integration.link, { alert_uid: 'rows-1', title: 'rows', state: 'alerting' });
    await ctx.emulator.idle();
    const group = ctx.emulator.alertGroups().find((g) => g.title === 'rows')!;

    const rowsOf = async (id: string) =>
      ((await api('GET', `/webhooks/${id}/responses/`)).body.results as { request_trigger: string }[]).filter((row) =>
        JSON.stringify(row).includes(group.id),
      );
    expect((await rowsOf(passing)).map((row) => row.request_trigger)).toEqual(['True']);
    expect(await rowsOf(failing)).toEqual([]);
    expect(await rowsOf(filtered)).toEqual([]);
    for (const id of [passing, failing, filtered]) await api('DELETE', `/webhooks/${id}/`);
  });

  it('DELETE is a soft delete: the webhook is renamed <name>_deleted_<id>, kept, and gone from every API answer', async () => {
    const name = 'x'.repeat(100);
    const created = await api('POST', '/webhooks/', {
      name,
      url: receiver.url,
      http_method: 'POST',
      trigger_type: 'alert group created',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    expect((await api('DELETE', `/webhooks/${id}/`)).status).toBe(204);
    expect((await api('GET', `/webhooks/${id}/`)).status).toBe(404);
    expect((await api('PATCH', `/webhooks/${id}/`, { integration_filter: null })).status).toBe(404);
    expect((await api('GET', `/webhooks/${id}/responses/`)).status).toBe(404);
    expect((await api('DELETE', `/webhooks/${id}/`)).status).toBe(404);
    expect((await api('GET', `/webhooks/?name=${name}`)).body.results).toEqual([]);
    const listed = (await api('GET', '/webhooks/')).body.results as { id: string }[];
    expect(listed.map((w) => w.id)).not.toContain(id);
    const kept = ctx.emulator.storedWebhooks().find((w) => w.id === id)!;
    expect(kept.name).toBe(`${'x'.repeat(78)}_deleted_${id}`);
    expect(kept.deleted_at).toEqual(expect.any(String));

    // The renaming frees the name; 100 characters is the field's limit.
    const again = await api('POST', '/webhooks/', {
      name,
      url: receiver.url,
      http_method: 'POST',
      trigger_type: 'alert group created',
    });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(id);
    await api('DELETE', `/webhooks/${again.body.id}/`);
    const tooLong = await api('POST', '/webhooks/', {
      name: `${name}y`,
      url: receiver.url,
      http_method: 'POST',
      trigger_type: 'escalation',
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.name).toEqual(['Ensure this field has no more than 100 characters.']);
  });
});

describe('OnCall emulator: a soft-deleted webhook never fires', () => {
  it('not even for an event queued before the delete', async () => {
    const ctx = await setup({ timeoutMs: 30_000 });
    const slow = await startReceiver();
    const fast = await startReceiver();
    try {
      slow.behaviour.hang = true;
      const create = (name: string, url: string) =>
        ctx.client.createWebhook({ name, url, trigger_type: 'alert group created', forward_all: true });
      await create('first, hangs', slow.url);
      const second = await create('second, deleted while queued', fast.url);
      await sendAlert(ctx.integration.link, { alert_uid: 'queued-1', title: 'queued', state: 'alerting' });
      // Deliveries of one group run in order: the second waits behind the hanging first.
      await waitFor(() => slow.received[0], { what: 'the first webhook sent' });
      await ctx.client.deleteWebhook(second.id);
      await slow.close();
      await ctx.emulator.idle();

      expect(fast.received).toEqual([]);
      expect(ctx.emulator.deliveries().filter((d) => d.webhookId === second.id)).toEqual([]);
    } finally {
      await fast.close();
      await ctx.emulator.close();
    }
  });
});
