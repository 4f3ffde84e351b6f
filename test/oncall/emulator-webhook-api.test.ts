/**
 * The public webhook API where OnCall's serializer and views do more than store fields
 * (`engine/apps/public_api/serializers/webhooks.py`, `views/webhooks.py`).
 */
import { setup, startReceiver } from './helpers';
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
});
