import type { OnCallEmulator } from '../../src/emulators/oncall';
import { uniqueId } from '../helpers/wait';
import { createGroup, setup } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let emulator: OnCallEmulator;
beforeAll(async () => {
  ctx = await setup();
  emulator = ctx.emulator;
});
afterAll(() => emulator.close());

const api = (path: string, init: RequestInit = {}, key = ctx.user.apiKey) =>
  fetch(`${emulator.url}/api/v1${path}`, {
    ...init,
    headers: { authorization: key, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
const post = async (id: string, action: string, body?: unknown) => {
  const res = await api(`/alert_groups/${id}/${action}/`, {
    method: 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 200 ? null : await res.json() };
};
const newGroup = () =>
  createGroup(emulator, ctx.integration.link, { alert_uid: uniqueId('g'), title: 'T', state: 'alerting' });

describe('alert-group guards (oncall.md §2.2)', () => {
  it.each([
    ['acknowledge', ['acknowledge'], "Can't acknowledge an acknowledged alert group"],
    ['acknowledge', ['resolve'], "Can't acknowledge a resolved alert group"],
    ['unacknowledge', [], "Can't unacknowledge an unacknowledged alert group"],
    ['resolve', ['resolve'], "Can't resolve a resolved alert group"],
    ['unresolve', [], "Can't unresolve an unresolved alert group"],
    ['silence', ['resolve'], "Can't silence a resolved alert group"],
    ['silence', ['acknowledge'], "Can't silence an acknowledged alert group"],
    ['unsilence', [], "Can't unsilence an unsilenced alert group"],
  ])('%s after %j answers 400 %s', async (action, before, message) => {
    const { id } = await newGroup();
    for (const step of before) expect((await post(id, step)).status).toBe(200);
    expect(await post(id, action, { delay: 60 })).toEqual({ status: 400, body: { detail: message } });
  });

  it('checks the silence delay', async () => {
    const { id } = await newGroup();
    expect(await post(id, 'silence', {})).toEqual({ status: 400, body: { detail: 'delay is required' } });
    expect(await post(id, 'silence', { delay: -2 })).toEqual({ status: 400, body: { detail: 'invalid delay value' } });
    expect(await post(id, 'silence', { delay: 'soon' })).toEqual({
      status: 400,
      body: { detail: 'invalid delay value' },
    });
    expect((await post(id, 'silence', { delay: -1 })).status).toBe(200);
  });

  it('answers 403 Invalid token. and 404 Not found.', async () => {
    const res = await api('/alert_groups/', {}, 'nope');
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: 'Invalid token.' });
    expect(await post('INOSUCH000000', 'resolve')).toEqual({ status: 404, body: { detail: 'Not found.' } });
  });

  it('rejects an unknown state filter', async () => {
    const res = await api('/alert_groups/?state=open');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail: { state: 'Must be one of the following: new, acknowledged, resolved, silenced' },
    });
  });
});

describe('cascades (oncall.md §4.4)', () => {
  const read = async (id: string) => (await api(`/alert_groups/${id}/`)).json();

  it('acknowledging a silenced group un-silences it', async () => {
    const { id } = await newGroup();
    await post(id, 'silence', { delay: 3600 });
    await post(id, 'acknowledge');
    expect(await read(id)).toMatchObject({ state: 'acknowledged', silenced_at: null, acknowledged_by: ctx.user.id });
  });

  it('unresolving clears acknowledgement, so the group is firing', async () => {
    const { id } = await newGroup();
    await post(id, 'acknowledge');
    await post(id, 'resolve');
    expect(await read(id)).toMatchObject({ state: 'resolved', resolved_by: ctx.user.id });
    await post(id, 'unresolve');
    expect(await read(id)).toMatchObject({ state: 'firing', acknowledged_at: null, resolved_at: null });
  });

  it('a state ok payload resolves the group by source, and a new alerting payload opens a new group', async () => {
    const uid = uniqueId('ok');
    const group = await createGroup(emulator, ctx.integration.link, { alert_uid: uid, state: 'alerting', title: 'A' });
    await createGroup(emulator, ctx.integration.link, { alert_uid: uid, state: 'ok' });
    expect(await read(group.id)).toMatchObject({ state: 'resolved', resolved_by: null, alerts_count: 2 });
    await createGroup(emulator, ctx.integration.link, { alert_uid: uid, state: 'alerting', title: 'A' });
    const same = emulator.alertGroups().filter((g) => (g.last_alert?.payload as any)?.alert_uid === uid);
    expect(same).toHaveLength(2);
  });

  it('the inbound URL answers "Ok." and 403 for an unknown token', async () => {
    const ok = await fetch(ctx.integration.link, {
      method: 'POST',
      body: JSON.stringify({ alert_uid: uniqueId('x') }),
    });
    expect(await ok.json()).toBe('Ok.');
    const denied = await fetch(`${emulator.url}/integrations/v1/formatted_webhook/nope/`, {
      method: 'POST',
      body: '{}',
    });
    expect(denied.status).toBe(403);
    expect(await denied.text()).toBe('Integration key was not found. Permission denied.');
  });
});

describe('the request log, read from an index (for callers that poll)', () => {
  const log = async (query = '') => {
    const res = await fetch(`${emulator.url}/__emulator/requests${query}`);
    return { status: res.status, body: (await res.json()) as { path: string }[] };
  };

  it('when `from` is given, then only the entries from that index on are answered', async () => {
    await api('/alert_groups/');
    const whole = (await log()).body;
    await api('/integrations/');
    const fresh = await log(`?from=${whole.length}`);
    expect(fresh.status).toBe(200);
    expect(fresh.body.map((entry) => entry.path)).toEqual(['/api/v1/integrations/']);
  });

  it.each(['-1', '1.5', 'x'])('when `from` is %s, then it answers 400', async (from) => {
    expect((await log(`?from=${from}`)).status).toBe(400);
  });
});
