import type { OnCallEmulator } from '../../src/emulators/oncall';
import { createOnCallClient } from '../../src/integrations/oncall';
import { HttpError } from '../../src/integrations/http';
import { uniqueId } from '../helpers/wait';
import { createGroup, setup } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>>;
let emulator: OnCallEmulator;
beforeAll(async () => {
  ctx = await setup();
  emulator = ctx.emulator;
});
afterAll(() => emulator.close());

const newGroup = () =>
  createGroup(emulator, ctx.integration.link, { alert_uid: uniqueId('g'), title: 'T', state: 'alerting' });
const api = (path: string, init: RequestInit = {}, key = ctx.user.apiKey) =>
  fetch(`${emulator.url}/api/v1${path}`, {
    ...init,
    headers: { authorization: key, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });

describe('resolution notes (oncall.md §10)', () => {
  it("when a user adds a note, then it lists on its group only, as a web note by that user's id", async () => {
    const group = await newGroup();
    const other = await newGroup();
    const note = await ctx.client.createResolutionNote(group.id, 'Rolled back the deploy');
    await ctx.client.createResolutionNote(other.id, 'Elsewhere');
    expect(note).toMatchObject({
      alertGroupId: group.id,
      author: ctx.user.id,
      source: 'web',
      text: 'Rolled back the deploy',
    });
    expect(note.id).toMatch(/^M[A-Z1-9]{12}$/);
    const page = await ctx.client.listResolutionNotes(group.id);
    expect(page.results.map((n) => n.id)).toEqual([note.id]);
    expect(page.count).toBe(1);
  });

  it('when a service account adds a note, then its author is null', async () => {
    const group = await newGroup();
    const client = createOnCallClient({ apiUrl: emulator.url, apiToken: ctx.serviceAccount.apiKey });
    expect((await client.createResolutionNote(group.id, 'from a bot')).author).toBeNull();
  });

  it('pages fifty notes at a time, oldest first', async () => {
    const group = await newGroup();
    for (let i = 0; i < 51; i += 1) await ctx.client.createResolutionNote(group.id, `note ${i}`);
    const first = await ctx.client.listResolutionNotes(group.id);
    expect(first.results).toHaveLength(50);
    expect(first.results[0]?.text).toBe('note 0');
    expect(first.nextPage).toBe(2);
    const second = await ctx.client.listResolutionNotes(group.id, 2);
    expect(second.results.map((n) => n.text)).toEqual(['note 50']);
  });

  it('refuses an unknown group and a blank text the way DRF does', async () => {
    const unknown = await api('/resolution_notes/', {
      method: 'POST',
      body: JSON.stringify({ alert_group_id: 'INOPE', text: 'x' }),
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ alert_group_id: ['Invalid pk "INOPE" - object does not exist.'] });
    const group = await newGroup();
    const blank = await api('/resolution_notes/', {
      method: 'POST',
      body: JSON.stringify({ alert_group_id: group.id, text: ' ' }),
    });
    expect(await blank.json()).toEqual({ text: ['This field may not be blank.'] });
    await expect(ctx.client.createResolutionNote(group.id, '')).rejects.toBeInstanceOf(HttpError);
  });

  it('reads, updates and deletes one note; a deleted group takes its notes with it', async () => {
    const group = await newGroup();
    const note = await ctx.client.createResolutionNote(group.id, 'first text');
    const put = await api(`/resolution_notes/${note.id}/`, {
      method: 'PUT',
      body: JSON.stringify({ text: 'second text' }),
    });
    expect(((await put.json()) as { text: string }).text).toBe('second text');
    expect(((await (await api(`/resolution_notes/${note.id}/`)).json()) as { text: string }).text).toBe('second text');
    expect((await api(`/resolution_notes/${note.id}/`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/resolution_notes/${note.id}/`)).status).toBe(404);
    const kept = await ctx.client.createResolutionNote(group.id, 'kept until the group goes');
    expect((await api(`/alert_groups/${group.id}/`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/resolution_notes/${kept.id}/`)).status).toBe(404);
  });
});
