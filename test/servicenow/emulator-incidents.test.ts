import type { ServiceNowEmulator } from '../../src/emulators/servicenow';
import { type RecordRow, INTEGRATION, api, basic, control, recorded, startEmulator } from './support';

let sn: ServiceNowEmulator;
beforeAll(async () => {
  sn = await startEmulator();
});
afterAll(() => sn.close());
beforeEach(() => control(sn, 'POST', '/reset'));

const path = '/api/now/table/incident';
const q = '?sysparm_exclude_reference_link=true';
const create = async (fields: Record<string, unknown> = {}, auth = basic(INTEGRATION)) =>
  (await api(sn, 'POST', path + q, { body: fields, auth })).body.result as RecordRow;
const patch = (sysId: string, fields: Record<string, unknown>, auth = basic(INTEGRATION)) =>
  api(sn, 'PATCH', `${path}/${sysId}${q}`, { body: fields, auth });

describe('checklist 4: incidents', () => {
  test('numbers count up from INC0010001; sys_id is 32 hex characters', async () => {
    const first = await create();
    const second = await create();
    expect([first.number, second.number]).toEqual(['INC0010001', 'INC0010002']);
    expect(first.sys_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('a minimal POST gets the recorded defaults', async () => {
    const expected = recorded('ServiceNowOutputTest_insertRecord').response.body.result;
    const record = await create();
    const defaults = [
      'state',
      'incident_state',
      'impact',
      'urgency',
      'priority',
      'category',
      'severity',
      'active',
      'approval',
      'sys_mod_count',
      'sys_class_name',
      'sys_domain',
    ];
    for (const field of defaults) expect([field, record[field]]).toEqual([field, expected[field]]);
    expect(record.opened_by).toBe(sn.store.account(INTEGRATION.user_name)!.sys_id);
    expect(record.sys_created_by).toBe(INTEGRATION.user_name);
    expect(record.opened_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  test('priority is derived from impact and urgency and cannot be written', async () => {
    const record = await create({ impact: '1', urgency: '2', priority: '5' });
    expect(record.priority).toBe('2');
    expect((await patch(record.sys_id, { urgency: '3' })).body.result.priority).toBe('3');
  });

  test('each update bumps sys_mod_count and sets sys_updated_on (UTC) and sys_updated_by', async () => {
    const record = await create({}, basic());
    const updated = (await patch(record.sys_id, { short_description: 'changed' })).body.result;
    expect(updated.sys_mod_count).toBe('1');
    expect(updated.sys_updated_by).toBe(INTEGRATION.user_name);
    expect(Math.abs(Date.parse(`${(updated.sys_updated_on as string).replace(' ', 'T')}Z`) - Date.now())).toBeLessThan(
      60_000,
    );
    expect((await patch(record.sys_id, { short_description: 'again' })).body.result.sys_mod_count).toBe('2');
  });

  test('resolving sets resolved_at/by; closing sets closed_at/by and active=false', async () => {
    const record = await create();
    const resolve = { state: '6', close_code: 'Solution provided', close_notes: 'fixed' };
    const resolved = (await patch(record.sys_id, resolve)).body.result;
    expect(resolved).toMatchObject({
      state: '6',
      incident_state: '6',
      active: 'true',
      resolved_by: sn.store.account(INTEGRATION.user_name)!.sys_id,
    });
    expect(resolved.resolved_at).not.toBe('');
    const closed = (await patch(record.sys_id, { state: '7' })).body.result;
    expect(closed).toMatchObject({ state: '7', active: 'false' });
    expect(closed.closed_at).not.toBe('');
    expect(closed.closed_by).not.toBe('');
  });

  test('changing the assignment group clears assigned_to unless it is set in the same write', async () => {
    const record = await create({ assignment_group: 'aaaa', assigned_to: 'bbbb' });
    expect((await patch(record.sys_id, { assignment_group: 'cccc' })).body.result.assigned_to).toBe('');
    expect(
      (await patch(record.sys_id, { assignment_group: 'dddd', assigned_to: 'eeee' })).body.result.assigned_to,
    ).toBe('eeee');
  });

  test('a work note appends to sys_journal_field and reads back as ""', async () => {
    const record = await create();
    const updated = (await patch(record.sys_id, { work_notes: 'first note' })).body.result;
    await patch(record.sys_id, { work_notes: 'second note' });
    expect(updated.work_notes).toBe('');
    const journal = await api(
      sn,
      'GET',
      `/api/now/table/sys_journal_field?sysparm_query=${encodeURIComponent(`element_id=${record.sys_id}^element=work_notes^ORelement=comments^ORDERBYsys_created_on`)}&sysparm_fields=element,value,sys_created_by`,
    );
    expect(journal.body.result).toEqual([
      { element: 'work_notes', value: 'first note', sys_created_by: INTEGRATION.user_name },
      { element: 'work_notes', value: 'second note', sys_created_by: INTEGRATION.user_name },
    ]);
  });

  test('unknown fields are dropped silently; sys_ fields cannot be written', async () => {
    const res = await api(sn, 'POST', path, { body: { u_unknown: 'x', sys_mod_count: '9', short_description: 'ok' } });
    expect(res.status).toBe(201);
    expect(res.body.result.u_unknown).toBeUndefined();
    expect(res.body.result.sys_mod_count).toBe('0');
  });

  test('the data policy refuses a resolve without close_code and close_notes (403), and can be switched off', async () => {
    const record = await create();
    const refused = await patch(record.sys_id, { state: '6', close_code: 'Solution provided' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: {
        message: 'Operation Failed',
        detail: 'Data Policy Exception: \n\tThe following fields are mandatory: Close notes',
      },
      status: 'failure',
    });
    expect((await api(sn, 'GET', `${path}/${record.sys_id}`)).body.result.state).toBe('1');
    await control(sn, 'POST', '/settings', { dataPolicy: false });
    expect((await patch(record.sys_id, { state: '6' })).status).toBe(200);
  });

  test('Resolved can go back to In Progress (reopen_count counts it); Closed is immutable unless switched off', async () => {
    const record = await create();
    await patch(record.sys_id, { state: '6', close_code: 'Solution provided', close_notes: 'done' });
    const reopened = (await patch(record.sys_id, { state: '2' })).body.result;
    expect(reopened).toMatchObject({ state: '2', reopen_count: '1' });
    await patch(record.sys_id, { state: '7', close_code: 'Solution provided', close_notes: 'done' });
    const refused = await patch(record.sys_id, { state: '2' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Operation Failed');
    await control(sn, 'POST', '/settings', { closedImmutable: false });
    expect((await patch(record.sys_id, { state: '2' })).body.result.state).toBe('2');
  });

  test('"as a person" endpoints write as that user and apply the data policy too', async () => {
    const created = await control(sn, 'POST', '/incidents', {
      as: 'beth.anglin',
      fields: { short_description: 'printer on fire' },
    });
    expect(created.status).toBe(201);
    expect(created.body.result).toMatchObject({
      sys_created_by: 'beth.anglin',
      sys_updated_by: 'beth.anglin',
      number: 'INC0010001',
    });
    const refused = await control(sn, 'PATCH', `/incidents/${created.body.result.sys_id}`, {
      as: 'beth.anglin',
      fields: { state: '6' },
    });
    expect(refused.status).toBe(403);
    const updated = await control(sn, 'PATCH', `/incidents/${created.body.result.sys_id}`, {
      as: 'admin',
      fields: { state: '2' },
    });
    expect(updated.body.result).toMatchObject({ state: '2', sys_updated_by: 'admin', sys_mod_count: '1' });
  });
});
