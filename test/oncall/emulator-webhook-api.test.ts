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
});
