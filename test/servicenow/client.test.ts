import type { ServiceNowEmulator } from '../../src/emulators/servicenow';
import { HttpError } from '../../src/integrations/http';
import {
  classifyServiceNowError,
  createServiceNowClient,
  type ServiceNowClient,
} from '../../src/integrations/servicenow';
import { INTEGRATION, PLAIN_ITIL, control, startEmulator } from './support';

let sn: ServiceNowEmulator;
let client: ServiceNowClient;
beforeAll(async () => {
  sn = await startEmulator({ oauthClients: [{ client_id: 'bridge', client_secret: 'bridge-client-secret' }] });
  client = clientFor(INTEGRATION);
});
afterAll(() => sn.close());
beforeEach(() => control(sn, 'POST', '/reset'));

function clientFor(user: { user_name: string; password: string }, timeoutMs = 5000): ServiceNowClient {
  return createServiceNowClient({
    instanceUrl: `${sn.url}/`,
    auth: { kind: 'basic', username: user.user_name, password: user.password },
    timeoutMs,
  });
}

/** Runs `call` and returns how the activity layer would classify its failure. */
async function failureOf(call: () => Promise<unknown>) {
  const error: unknown = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return { error, failure: classifyServiceNowError(error) };
}

describe('ServiceNow client against the emulator', () => {
  test('verifyConnection returns the user and its roles', async () => {
    const verified = await client.verifyConnection();
    expect(verified).toEqual({
      userSysId: sn.store.account(INTEGRATION.user_name)!.sys_id,
      userName: INTEGRATION.user_name,
      roles: expect.arrayContaining(['itil', 'personalize_choices']),
    });
  });

  test('verifyConnection: bad credentials, missing role, hibernating instance and unreachable host each say so', async () => {
    const wrong = await failureOf(() =>
      clientFor({ user_name: INTEGRATION.user_name, password: 'wrong-password' }).verifyConnection(),
    );
    expect(wrong.failure).toMatchObject({ type: 'servicenow_unauthorized', retryable: false });
    expect(wrong.failure.message).not.toContain('wrong-password');
    const noRole = await failureOf(() => clientFor(PLAIN_ITIL).verifyConnection());
    expect(noRole.failure).toMatchObject({ type: 'servicenow_missing_role', retryable: false });
    expect(noRole.failure.message).toContain('missing role personalize_choices');
    await control(sn, 'POST', '/settings', { hibernating: true });
    expect((await failureOf(() => client.verifyConnection())).failure).toMatchObject({
      type: 'servicenow_hibernating',
    });
    const down = createServiceNowClient({
      instanceUrl: 'http://127.0.0.1:1',
      auth: { kind: 'basic', username: 'a', password: 'b' },
    });
    expect((await failureOf(() => down.verifyConnection())).failure).toMatchObject({
      type: 'servicenow_unreachable',
      retryable: true,
    });
  });

  test('listChoices: states and close codes, English, in sequence order', async () => {
    expect(await client.listChoices('state')).toEqual([
      { label: 'New', value: '1', sequence: 1 },
      { label: 'In Progress', value: '2', sequence: 2 },
      { label: 'On Hold', value: '3', sequence: 3 },
      { label: 'Resolved', value: '6', sequence: 6 },
      { label: 'Closed', value: '7', sequence: 7 },
      { label: 'Canceled', value: '8', sequence: 8 },
    ]);
    const codes = await client.listChoices('close_code');
    expect(codes.map((c) => c.value)).toContain('Solution provided');
    expect(codes.map((c) => c.sequence)).toEqual([...codes.map((c) => c.sequence)].sort((a, b) => a - b));
  });

  test('create, get, find by correlation id, update, work note', async () => {
    const created = await client.createIncident({
      short_description: 'Disk full',
      description: 'on db-1',
      correlation_id: 'oncall-AG1',
      correlation_display: 'Grafana OnCall',
    });
    expect(created).toMatchObject({
      number: 'INC0010001',
      state: '1',
      correlation_id: 'oncall-AG1',
      sys_mod_count: 0,
      sys_created_by: INTEGRATION.user_name,
    });
    expect(await client.getIncident(created.sys_id)).toEqual(created);
    expect(await client.getIncident('0123456789abcdef0123456789abcdef')).toBeUndefined();
    expect((await client.findIncidentByCorrelationId('oncall-AG1'))?.sys_id).toBe(created.sys_id);
    expect(await client.findIncidentByCorrelationId('oncall-none')).toBeUndefined();
    const updated = await client.updateIncident(created.sys_id, { state: '2' });
    expect(updated).toMatchObject({ state: '2', sys_mod_count: 1 });
    await client.addJournalEntry(created.sys_id, 'work_notes', 'from the bridge [note M1]');
    await client.addJournalEntry(created.sys_id, 'comments', 'to the caller');
    const journal = sn.store.rows('sys_journal_field');
    expect([...journal.values()].map((j) => [j.element_id, j.element, j.value])).toEqual([
      [created.sys_id, 'work_notes', 'from the bridge [note M1]'],
      [created.sys_id, 'comments', 'to the caller'],
    ]);
    const notes = await client.listJournalEntries(created.sys_id, ['work_notes']);
    expect(notes).toEqual([
      {
        sysId: expect.stringMatching(/^[0-9a-f]{32}$/),
        element: 'work_notes',
        text: 'from the bridge [note M1]',
        createdOn: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        createdBy: INTEGRATION.user_name,
      },
    ]);
    expect(await client.listJournalEntries(created.sys_id, ['work_notes', 'comments'], '[note M1]')).toHaveLength(1);
    expect(await client.listJournalEntries(created.sys_id, ['work_notes', 'comments'], '[note M2]')).toEqual([]);
    expect((await client.listJournalEntries(created.sys_id, ['comments'])).map((e) => e.text)).toEqual([
      'to the caller',
    ]);
    expect(await client.displayNames([INTEGRATION.user_name, 'no.such.user'])).toEqual({
      [INTEGRATION.user_name]: INTEGRATION.name,
    });
  });

  test('a resolve carries close_code and close_notes in the same write; without them the client refuses to send it', async () => {
    const { sys_id } = await client.createIncident({ short_description: 'x' });
    const refused = await failureOf(() => client.updateIncident(sys_id, { state: '6' }));
    expect(refused.failure).toMatchObject({ type: 'servicenow_missing_close_fields', retryable: false });
    const resolved = await client.updateIncident(sys_id, {
      state: '6',
      close_code: 'Solution provided',
      close_notes: 'Resolved in Grafana OnCall',
    });
    expect(resolved).toMatchObject({ state: '6', close_code: 'Solution provided' });
  });

  test('error classes: data policy 403, ACL 403, 404, 5xx and a timeout', async () => {
    const { sys_id } = await client.createIncident({ short_description: 'x' });
    const policy = await failureOf(() =>
      client.updateIncident(sys_id, { state: '7', close_code: 'Solution provided', close_notes: ' ' }),
    );
    expect(policy.failure).toMatchObject({ type: 'servicenow_data_policy', retryable: false, status: 403 });
    expect(policy.failure.message).toContain('data policy requires close_notes');
    await control(sn, 'POST', '/settings', { denyUpdates: true });
    expect((await failureOf(() => client.updateIncident(sys_id, { state: '2' }))).failure).toMatchObject({
      type: 'servicenow_forbidden',
    });
    expect(
      (await failureOf(() => client.updateIncident('0123456789abcdef0123456789abcdef', { state: '2' }))).failure,
    ).toMatchObject({ type: 'servicenow_not_found' });
    await control(sn, 'POST', '/faults', { status: 502 });
    const bad = await failureOf(() => client.getIncident(sys_id));
    expect(bad.error).toBeInstanceOf(HttpError);
    expect(bad.failure).toMatchObject({ type: 'servicenow_unavailable', retryable: true, status: 502 });
    await control(sn, 'POST', '/faults', { delayMs: 2000 });
    expect((await failureOf(() => clientFor(INTEGRATION, 100).getIncident(sys_id))).failure).toMatchObject({
      type: 'servicenow_timeout',
      retryable: true,
    });
  });

  test('a 429 is retryable with the Retry-After delay the instance asked for', async () => {
    await control(sn, 'POST', '/settings', { rateLimitPerHour: 1 });
    await client.listChoices('state');
    const limited = await failureOf(() => client.listChoices('state'));
    expect(limited.failure).toMatchObject({ type: 'rate_limited', retryable: true, status: 429 });
    expect(limited.failure.retryAfterMs).toBeGreaterThan(0);
    expect(limited.failure.retryAfterMs).toBeLessThanOrEqual(3_600_000);
  });

  test('listIncidentsUpdatedSince pages with offsets until X-Total-Count', async () => {
    for (let i = 0; i < 5; i++) await client.createIncident({ short_description: `n${i}` });
    const seen: string[] = [];
    let offset: number | undefined = 0;
    let pages = 0;
    while (offset !== undefined) {
      const page = await client.listIncidentsUpdatedSince('1970-01-01 00:00:00', { offset, limit: 2 }, []);
      expect(page.total).toBe(5);
      seen.push(...page.incidents.map((i) => i.short_description));
      offset = page.nextOffset;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    expect(
      (await client.listIncidentsUpdatedSince('2999-01-01 00:00:00', { offset: 0, limit: 2 }, [])).incidents,
    ).toEqual([]);
  });

  test('listIncidentsUpdatedSince reads the routing fields as value and display value, the record as stored values', async () => {
    const created = await client.createIncident({ short_description: 'routed', impact: '1', urgency: '1' });
    const page = await client.listIncidentsUpdatedSince('1970-01-01 00:00:00', { offset: 0, limit: 10 }, [
      'priority',
      'assignment_group',
    ]);
    const read = page.incidents.find((i) => i.sys_id === created.sys_id);
    expect(read).toMatchObject({ state: '1', sys_mod_count: 0, sys_updated_on: created.sys_updated_on });
    expect(read?.fields).toEqual({
      priority: { value: '1', display: '1 - Critical' },
      assignment_group: { value: '', display: '' },
    });
  });

  test('findRecordSysId finds a record by any of its columns in one read; an earlier column wins', async () => {
    const users = ['user_name', 'email', 'name'];
    const network = sn.store.insert('sys_user_group', { name: 'Network', description: '', active: 'true' }).sys_id;
    const dana = sn.store.insert('sys_user', { user_name: 'dana', name: 'Kim Lee', email: 'dana@example.com' }).sys_id;
    const kim = sn.store.insert('sys_user', { user_name: 'Kim Lee', name: 'Kim L.', email: 'kim@example.com' }).sys_id;
    const before = (await control(sn, 'GET', '/requests')).body.length as number;

    expect(await client.findRecordSysId('sys_user_group', ['name'], 'Network')).toBe(network);
    expect(await client.findRecordSysId('sys_user', users, 'dana@example.com')).toBe(dana);
    expect(await client.findRecordSysId('sys_user', users, 'Kim Lee')).toBe(kim);
    expect(await client.findRecordSysId('sys_user', users, 'nobody@example.com')).toBeUndefined();
    expect(await client.findRecordSysId('cmdb_ci', ['name'], 'db-1')).toBeUndefined();
    expect((await control(sn, 'GET', '/requests')).body.length - before).toBe(5);
  });

  test('OAuth: the password grant, then a fresh token after the old one is refused', async () => {
    const oauth = createServiceNowClient({
      instanceUrl: sn.url,
      auth: {
        kind: 'oauth',
        username: INTEGRATION.user_name,
        password: INTEGRATION.password,
        clientId: 'bridge',
        clientSecret: 'bridge-client-secret',
      },
    });
    const created = await oauth.createIncident({ short_description: 'via oauth' });
    expect(created.sys_created_by).toBe(INTEGRATION.user_name);
    await control(sn, 'POST', '/reset'); // drops every issued token, as a revoked token would be
    expect((await oauth.createIncident({ short_description: 'again' })).number).toBe('INC0010001');
    const wrongSecret = createServiceNowClient({
      instanceUrl: sn.url,
      auth: {
        kind: 'oauth',
        username: INTEGRATION.user_name,
        password: INTEGRATION.password,
        clientId: 'bridge',
        clientSecret: 'not-the-secret',
      },
    });
    const refused = await failureOf(() => wrongSecret.getIncident('x'));
    expect(refused.failure).toMatchObject({ type: 'servicenow_unauthorized' });
    expect(JSON.stringify(refused.error)).not.toContain('not-the-secret');
  });
});
