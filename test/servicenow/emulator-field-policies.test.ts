/**
 * What field-rich sync needs of the emulated instance (issue 14 item 6): reference fields written by display
 * value with `sysparm_input_display_value`, and the switchable data policies for On Hold and for fields an
 * instance makes mandatory on insert.
 */
import type { ServiceNowEmulator } from '../../src/emulators/servicenow';
import { type RecordRow, INTEGRATION, api, basic, control, startEmulator } from './support';

let sn: ServiceNowEmulator;
beforeAll(async () => {
  sn = await startEmulator();
});
afterAll(() => sn.close());
beforeEach(() => control(sn, 'POST', '/reset'));

const path = '/api/now/table/incident';
const raw = '?sysparm_exclude_reference_link=true';
const byName = `${raw}&sysparm_input_display_value=true`;
const auth = basic(INTEGRATION);
const write = (method: string, route: string, body: Record<string, unknown>) =>
  api(sn, method, `${path}${route}`, { body, auth });
const created = async (body: Record<string, unknown>, query = raw) =>
  (await write('POST', query, body)).body.result as RecordRow;

async function insert(table: string, fields: Record<string, string>): Promise<string> {
  const res = await api(sn, 'POST', `/api/now/table/${table}`, { body: fields });
  expect(res.status).toBe(201);
  return res.body.result.sys_id as string;
}

const dataPolicyError = (labels: string) => ({
  error: {
    message: 'Operation Failed',
    detail: `Data Policy Exception: \n\tThe following fields are mandatory: ${labels}`,
  },
  status: 'failure',
});

describe('reference fields by display value (sysparm_input_display_value=true)', () => {
  let network: string;
  let alice: string;
  beforeEach(async () => {
    network = await insert('sys_user_group', { name: 'Network' });
    alice = await insert('sys_user', { user_name: 'alice.w', name: 'Alice Walker', email: 'alice@example.com' });
  });

  test('the group is found by its name and the users by name, user name or e-mail', async () => {
    const record = await created(
      { assignment_group: 'Network', assigned_to: 'alice@example.com', caller_id: 'alice.w' },
      byName,
    );
    expect(record).toMatchObject({ assignment_group: network, assigned_to: alice, caller_id: alice });
    const patched = await write('PATCH', `/${record.sys_id}${byName}`, { caller_id: 'Alice Walker' });
    expect(patched.body.result.caller_id).toBe(alice);
  });

  test('a sys_id is still taken as it is, and a choice field takes its label', async () => {
    const record = await created({ assignment_group: network, impact: '1 - High', urgency: '2' }, byName);
    expect(record).toMatchObject({ assignment_group: network, impact: '1', urgency: '2', priority: '2' });
  });

  test('a name that matches no record leaves the field empty and the write succeeds', async () => {
    const res = await write('POST', byName, { short_description: 'x', assignment_group: 'Nobody', caller_id: 'bob' });
    expect(res.status).toBe(201);
    expect(res.body.result).toMatchObject({ short_description: 'x', assignment_group: '', caller_id: '' });
    const kept = await created({ assignment_group: network });
    const renamed = await write('PATCH', `/${kept.sys_id}${byName}`, { assignment_group: 'Nobody' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.result.assignment_group).toBe('');
  });

  test('without the switch (or with it false) a name is stored as it was sent', async () => {
    const record = await created({ assignment_group: 'Network' }, `${raw}&sysparm_input_display_value=false`);
    expect(record.assignment_group).toBe('Network');
  });

  test('the switch is read case-insensitively, as an instance does', async () => {
    const record = await created({ assignment_group: 'Network' }, `${raw}&sysparm_input_display_value=True`);
    expect(record.assignment_group).toBe(network);
  });

  test('a user added through the control endpoint with an e-mail can be found by it', async () => {
    const added = await control(sn, 'POST', '/users', {
      user_name: 'carol',
      password: 'carol-pw-1',
      roles: ['itil'],
      email: 'carol@example.com',
    });
    const record = await created({ assigned_to: 'carol@example.com' }, byName);
    expect(record.assigned_to).toBe(added.body.sys_id);
  });
});

describe('the On Hold data policy', () => {
  test('off (the default), On Hold is written without a reason', async () => {
    const record = await created({});
    expect((await write('PATCH', `/${record.sys_id}${raw}`, { state: '3' })).body.result.state).toBe('3');
  });

  test('on, On Hold without hold_reason is refused with 403 and the record is unchanged; with it, written', async () => {
    await control(sn, 'POST', '/settings', { onHoldPolicy: true });
    const record = await created({});
    const refused = await write('PATCH', `/${record.sys_id}${raw}`, { state: '3' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(dataPolicyError('On hold reason'));
    expect((await api(sn, 'GET', `${path}/${record.sys_id}`)).body.result.state).toBe('1');
    expect((await write('POST', raw, { state: '3' })).status).toBe(403);

    const held = await write('PATCH', `/${record.sys_id}${raw}`, { state: '3', hold_reason: '4' });
    expect(held.body.result).toMatchObject({ state: '3', hold_reason: '4' });
    const back = await write('PATCH', `/${record.sys_id}${raw}`, { state: '2' });
    expect(back.status).toBe(200);
  });

  test('a person putting an incident On Hold meets the policy too', async () => {
    await control(sn, 'POST', '/settings', { onHoldPolicy: true });
    const record = await created({});
    const refused = await control(sn, 'PATCH', `/incidents/${record.sys_id}`, {
      as: 'beth.anglin',
      fields: { state: '3' },
    });
    expect(refused.status).toBe(403);
  });
});

describe('the mandatory-on-insert data policy', () => {
  test('off (the default), a minimal insert gets the default category and no group', async () => {
    expect(await created({})).toMatchObject({ category: 'inquiry', assignment_group: '' });
  });

  test('on for assignment_group and category, an insert without them is refused naming both', async () => {
    await control(sn, 'POST', '/settings', { mandatoryOnInsert: ['assignment_group', 'category'] });
    const refused = await write('POST', raw, { short_description: 'no group' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual(dataPolicyError('Assignment group, Category'));
    expect(sn.store.rows('incident').size).toBe(0);
    const onlyGroup = await write('POST', raw, { assignment_group: 'global' });
    expect(onlyGroup.body).toEqual(dataPolicyError('Category'));
  });

  test('on, an insert that gives them is written, and later updates are not held to the policy', async () => {
    await control(sn, 'POST', '/settings', { mandatoryOnInsert: ['assignment_group', 'category'] });
    const network = await insert('sys_user_group', { name: 'Network' });
    const record = await created({ assignment_group: 'Network', category: 'network' }, byName);
    expect(record).toMatchObject({ assignment_group: network, category: 'network' });
    const cleared = await write('PATCH', `/${record.sys_id}${raw}`, { assignment_group: '' });
    expect(cleared.status).toBe(200);
  });

  test('a group name that matches nothing does not satisfy the policy', async () => {
    await control(sn, 'POST', '/settings', { mandatoryOnInsert: ['assignment_group'] });
    expect((await write('POST', byName, { assignment_group: 'Nobody' })).status).toBe(403);
  });

  test('an unknown field in the switch is refused, and reset turns the policies off again', async () => {
    expect((await control(sn, 'POST', '/settings', { mandatoryOnInsert: ['short_descr'] })).status).toBe(400);
    await control(sn, 'POST', '/settings', { mandatoryOnInsert: ['category'], onHoldPolicy: true });
    await control(sn, 'POST', '/reset');
    expect((await control(sn, 'GET', '/settings')).body).toMatchObject({ mandatoryOnInsert: [], onHoldPolicy: false });
  });
});
