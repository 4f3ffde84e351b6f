import type { OnCallEmulator } from '../../src/emulators/oncall';
import { HttpError } from '../../src/integrations/http';
import { classifyOnCallError, createOnCallClient } from '../../src/integrations/oncall';
import { planAlertGroupMove } from '../../src/integrations/oncall/plan';
import type { AlertGroupState, OnCallClient } from '../../src/integrations/oncall/types';
import { uniqueId } from '../helpers/wait';
import { createGroup, setup } from './helpers';

let emulator: OnCallEmulator;
let client: OnCallClient;
let link: string;
let ctx: Awaited<ReturnType<typeof setup>>;

beforeAll(async () => {
  ctx = await setup();
  ({ emulator, client } = ctx);
  link = ctx.integration.link;
});
afterAll(() => emulator.close());

const newGroup = () =>
  createGroup(emulator, link, { alert_uid: uniqueId('snow'), title: 'INC1: down', state: 'alerting' });

/** Runs the planned path with the client's actions, as the moveAlertGroup activity does. */
async function moveTo(id: string, target: AlertGroupState) {
  const actions = planAlertGroupMove((await client.getAlertGroup(id)).state, target);
  for (const step of actions) {
    if (step === 'silence') await client.silence(id, -1);
    else await client[step](id);
  }
  return actions;
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

const STATES: AlertGroupState[] = ['firing', 'acknowledged', 'resolved', 'silenced'];

describe('OnCall client against the emulator', () => {
  it('reads the user behind the key', async () => {
    expect(await client.getCurrentUser()).toEqual({ id: ctx.user.id, username: 'sync-bot', email: 'bot@example.com' });
  });

  it('reads, lists and acts on alert groups', async () => {
    const { id } = await newGroup();
    const group = await client.getAlertGroup(id);
    expect(group).toMatchObject({ id, state: 'firing', title: 'INC1: down', alerts_count: 1, labels: {} });
    expect(group.permalinks.web).toBe(`${emulator.url}/a/grafana-oncall-app/alert-groups/${id}`);
    await client.acknowledge(id);
    expect((await client.listAlertGroups({ state: 'acknowledged', id })).results.map((g) => g.id)).toEqual([id]);
    await client.unacknowledge(id);
    await client.silence(id, 3600);
    expect((await client.getAlertGroup(id)).state).toBe('silenced');
    await client.unsilence(id);
    await client.resolve(id);
    expect((await client.getAlertGroup(id)).state).toBe('resolved');
    await client.unresolve(id);
    expect((await client.getAlertGroup(id)).state).toBe('firing');
  });

  it('finds an alert by the alert_uid in its payload', async () => {
    const uid = `servicenow:${uniqueId('sys')}`;
    await client.sendAlert(link, { alert_uid: uid, title: 'INC2: slow', state: 'alerting' });
    await emulator.idle();
    const found = await client.searchAlerts(uid);
    expect(found.results).toHaveLength(1);
    expect(found.results[0]).toMatchObject({ alert_group_id: expect.any(String), payload: { alert_uid: uid } });
    expect((await client.searchAlerts(`servicenow:${uniqueId('none')}`)).results).toEqual([]);
  });

  it('pages through alert groups', async () => {
    await newGroup();
    await newGroup();
    const first = await client.listAlertGroups({ perpage: 1 });
    expect(first.results).toHaveLength(1);
    expect(first.nextPage).toBe(2);
    const second = await client.listAlertGroups({ perpage: 1, page: 2 });
    expect(second.results[0]!.id).not.toBe(first.results[0]!.id);
  });

  it.each(STATES.flatMap((from) => STATES.map((to) => [from, to] as const)))(
    'the planned path from %s to %s passes the guards of OnCall',
    async (from, to) => {
      const { id } = await newGroup();
      await moveTo(id, from);
      expect((await client.getAlertGroup(id)).state).toBe(from);
      const actions = await moveTo(id, to);
      expect((await client.getAlertGroup(id)).state).toBe(to);
      if (from === to) expect(actions).toEqual([]);
    },
  );

  it('manages integrations and webhooks', async () => {
    const created = await client.createIntegration({ type: 'webhook', name: uniqueId('int') });
    expect(created.link).toMatch(new RegExp(`^${emulator.url}/integrations/v1/webhook/[A-Za-z0-9]{25}/$`));
    expect(await client.getIntegration(created.id)).toEqual(created);
    expect((await client.listIntegrations()).results.map((i) => i.id)).toContain(created.id);
    const webhook = await client.createWebhook({
      name: uniqueId('wh'),
      url: 'http://127.0.0.1:1/x',
      trigger_type: 'status change',
      forward_all: true,
      integration_filter: [created.id],
    });
    expect(webhook).toMatchObject({
      trigger_type: 'status change',
      integration_filter: [created.id],
      is_webhook_enabled: true,
    });
    const updated = await client.updateWebhook(webhook.id, {
      is_webhook_enabled: false,
      integration_filter: webhook.integration_filter,
    });
    expect(updated.is_webhook_enabled).toBe(false);
    expect((await client.listWebhooks()).results.map((w) => w.id)).toContain(webhook.id);
    await client.deleteWebhook(webhook.id);
    await client.deleteIntegration(created.id);
    expect(classifyOnCallError(await errorOf(client.getIntegration(created.id))).type).toBe('oncall_not_found');
    expect(
      classifyOnCallError(await errorOf(client.updateWebhook(webhook.id, { integration_filter: null }))).type,
    ).toBe('oncall_not_found');
  });

  it('classifies a wrong state, a bad key, a service account, 404 and a rate limit', async () => {
    const { id } = await newGroup();
    await client.resolve(id);
    expect(classifyOnCallError(await errorOf(client.resolve(id))).type).toBe('oncall_wrong_state');
    const bad = createOnCallClient({ apiUrl: emulator.url, apiToken: 'f'.repeat(64) });
    const forbidden = await errorOf(bad.getAlertGroup(id));
    expect(forbidden).toBeInstanceOf(HttpError);
    expect((forbidden as HttpError).body).toEqual({ detail: 'Invalid token.' });
    const sa = createOnCallClient({ apiUrl: emulator.url, apiToken: ctx.serviceAccount.apiKey });
    expect((await sa.getAlertGroup(id)).id).toBe(id);
    const saError = (await errorOf(sa.unresolve(id))) as HttpError;
    expect(saError.body).toEqual({ detail: 'Service accounts are not allowed to unresolve alert groups' });
    expect(classifyOnCallError(saError).type).toBe('oncall_forbidden');
    expect(classifyOnCallError(await errorOf(client.getAlertGroup('INOSUCHGROUP1'))).type).toBe('oncall_not_found');

    const limited = await setup({ rateLimitPerMinute: 2 });
    try {
      await limited.client.getCurrentUser();
      await limited.client.getCurrentUser();
      const throttled = classifyOnCallError(await errorOf(limited.client.getCurrentUser()));
      expect(throttled).toMatchObject({ type: 'rate_limited', retryable: true, status: 429 });
      expect(throttled.retryAfterMs).toBeGreaterThan(0);
    } finally {
      await limited.emulator.close();
    }
  });

  it('classifies injected 5xx as retryable', async () => {
    await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 503, count: 1, retryAfter: 2 }),
    });
    const failure = classifyOnCallError(await errorOf(client.getCurrentUser()));
    expect(failure).toMatchObject({ retryable: true, status: 503, retryAfterMs: 2000 });
  });
});
