import { uniqueId } from '../helpers/wait';
import { createGroup, setup, startReceiver } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeEach(async () => {
  ctx = await setup();
  receiver = await startReceiver();
});
afterEach(async () => {
  await ctx.emulator.close();
  await receiver.close();
});

const TOP_KEYS = [
  'event',
  'user',
  'alert_group',
  'alert_group_id',
  'alert_payload',
  'integration',
  'notified_users',
  'users_to_be_notified',
  'alert_group_acknowledged_by',
  'alert_group_resolved_by',
];
const GROUP_KEYS = [
  'id',
  'integration_id',
  'team_id',
  'route_id',
  'alerts_count',
  'state',
  'created_at',
  'resolved_at',
  'resolved_by',
  'acknowledged_at',
  'acknowledged_by',
  'labels',
  'title',
  'permalinks',
  'silenced_at',
  'last_alert',
];
const PY_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;
const DRF_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

const webhook = (body: Record<string, unknown>) =>
  ctx.client.createWebhook({ name: uniqueId('wh'), url: receiver.url, ...body } as any);
const newGroup = (uid = uniqueId('snow')) =>
  createGroup(ctx.emulator, ctx.integration.link, { alert_uid: uid, title: 'INC1', state: 'alerting' });
const bodies = (): any[] => receiver.received.map((r) => r.body);

describe('outgoing webhook payloads (oncall.md §1.3)', () => {
  it('fires alert group created with user null and the full key set', async () => {
    await webhook({ trigger_type: 'alert group created', authorization_header: 'Bearer s3cret' });
    const group = await newGroup();
    await ctx.emulator.idle();
    const [payload] = bodies();
    expect(Object.keys(payload)).toEqual(TOP_KEYS);
    expect(Object.keys(payload.alert_group)).toEqual(GROUP_KEYS);
    expect(payload.event.type).toBe('alert group created');
    expect(payload.event.time).toMatch(PY_TIME);
    expect(payload.alert_group.created_at).toMatch(DRF_TIME);
    expect(payload).toMatchObject({ user: null, alert_group_id: group.id, alert_payload: { title: 'INC1' } });
    expect(payload.alert_group.labels).toEqual([]);
    expect(payload.integration).toEqual({
      id: ctx.integration.id,
      type: 'formatted_webhook',
      name: 'Snow - Formatted webhook',
      team: null,
    });
    expect(receiver.received[0]!.headers.authorization).toBe('Bearer s3cret');
  });

  it('status change fans out with the original type, the acting user and per-trigger event keys', async () => {
    await webhook({ trigger_type: 'status change' });
    await webhook({ trigger_type: 'acknowledge' });
    const { id } = await newGroup();
    await ctx.client.acknowledge(id);
    await ctx.client.unacknowledge(id);
    await ctx.client.silence(id, 600);
    await ctx.client.unsilence(id);
    await ctx.client.resolve(id);
    await ctx.client.unresolve(id);
    await ctx.emulator.idle();
    const events = bodies().map((b) => b.event);
    expect(events.map((e) => e.type)).toEqual([
      'acknowledge',
      'acknowledge',
      'unacknowledge',
      'silence',
      'unsilence',
      'resolve',
      'unresolve',
    ]);
    expect(events.filter((e) => ['unacknowledge', 'unsilence', 'unresolve'].includes(e.type))).toEqual([
      { type: 'unacknowledge' },
      { type: 'unsilence' },
      { type: 'unresolve' },
    ]);
    const silence = events.find((e) => e.type === 'silence');
    expect(Object.keys(silence)).toEqual(['type', 'time', 'until']);
    expect(silence.until).toMatch(PY_TIME);
    const me = { id: ctx.user.id, username: 'sync-bot', email: 'bot@example.com' };
    for (const body of bodies()) expect(body.user).toEqual(me);
    expect(bodies()[0].alert_group_acknowledged_by).toEqual(me);
    expect(bodies()[0].alert_group.state).toBe('acknowledged');
    expect(bodies()[5].alert_group_resolved_by).toEqual(me);
  });

  it('a compound action fires only its final webhook; a source resolve has user null', async () => {
    await webhook({ trigger_type: 'status change' });
    const uid = uniqueId('snow');
    const { id } = await newGroup(uid);
    await ctx.client.silence(id, -1);
    await ctx.client.acknowledge(id);
    await createGroup(ctx.emulator, ctx.integration.link, { alert_uid: uid, state: 'ok' });
    await ctx.emulator.idle();
    expect(bodies().map((b) => [b.event.type, b.user?.id ?? null])).toEqual([
      ['silence', ctx.user.id],
      ['acknowledge', ctx.user.id],
      ['resolve', null],
    ]);
    expect(bodies()[0].event.until).toBeNull();
  });

  it('trigger_template drops the bridge user and integration_filter drops other integrations', async () => {
    const other = ctx.emulator.createIntegration({ type: 'webhook', name: 'Other' });
    await webhook({
      trigger_type: 'status change',
      trigger_template: `{{ user is none or user.id != '${ctx.user.id}' }}`,
    });
    await webhook({ trigger_type: 'alert group created', integration_filter: [other.id] });
    const person = ctx.emulator.addUser({ username: 'alice', email: 'a@example.com' });
    const { id } = await newGroup();
    await ctx.client.acknowledge(id);
    await fetch(`${ctx.emulator.url}/api/v1/alert_groups/${id}/resolve/`, {
      method: 'POST',
      headers: { authorization: person.apiKey },
    });
    await ctx.emulator.idle();
    expect(bodies().map((b) => [b.event.type, b.user?.username])).toEqual([['resolve', 'alice']]);
  });

  it('with the labels feature on, labels are flat and webhook is added', async () => {
    await ctx.emulator.close();
    ctx = await setup({ labelsEnabled: true });
    await webhook({ trigger_type: 'alert group created' });
    await newGroup();
    await ctx.emulator.idle();
    const [payload] = bodies();
    expect(payload.alert_group.labels).toEqual({});
    expect(payload.integration.labels).toEqual({});
    expect(Object.keys(payload.webhook)).toEqual(['id', 'name', 'labels']);
  });
});

describe('delivery and retries (oncall.md §1.6)', () => {
  it('re-sends a timeout up to 3 times, then gives up', async () => {
    receiver.behaviour.hang = true;
    await webhook({ trigger_type: 'alert group created' });
    await newGroup();
    await ctx.emulator.idle();
    const attempts = ctx.emulator.deliveries();
    expect(attempts.map((a) => [a.attempt, a.error])).toEqual([
      [1, 'timeout'],
      [2, 'timeout'],
      [3, 'timeout'],
      [4, 'timeout'],
    ]);
    expect(receiver.received).toHaveLength(4);
  });

  it('never retries an HTTP error status', async () => {
    receiver.behaviour.status = 500;
    await webhook({ trigger_type: 'alert group created' });
    await newGroup();
    await ctx.emulator.idle();
    expect(ctx.emulator.deliveries().map((a) => [a.attempt, a.status])).toEqual([[1, 500]]);
  });

  it('retries a connection error with backoff up to 3 times', async () => {
    await receiver.close();
    await webhook({ trigger_type: 'alert group created' });
    await newGroup();
    await ctx.emulator.idle();
    const attempts = ctx.emulator.deliveries();
    expect(attempts).toHaveLength(4);
    expect(attempts.map((a) => a.error)).toEqual(Array(4).fill('ECONNREFUSED'));
  });

  it('resends a logged delivery and reports pending over HTTP', async () => {
    await webhook({ trigger_type: 'alert group created' });
    await newGroup();
    const wait = await fetch(`${ctx.emulator.url}/__emulator/webhook-deliveries/wait`, { method: 'POST' });
    expect(await wait.json()).toEqual({ pending: 0 });
    const res = await fetch(`${ctx.emulator.url}/__emulator/webhook-deliveries/0/resend`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ attempt: 2, status: 200 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.body).toEqual(receiver.received[0]!.body);
  });
});
