import { HIBERNATING_PAGE, type ServiceNowEmulator } from '../../src/emulators/servicenow';
import type { LoggedRequest } from '../../src/emulators/shared/request-log';
import { waitFor } from '../helpers/wait';
import { type RecordRow, INTEGRATION, api, basic, control, startEmulator } from './support';

let sn: ServiceNowEmulator;
beforeAll(async () => {
  sn = await startEmulator();
});
afterAll(() => sn.close());
beforeEach(() => control(sn, 'POST', '/reset'));

const create = async () =>
  (await api(sn, 'POST', '/api/now/table/incident', { body: { short_description: 'x' } })).body.result as RecordRow;

describe('checklist 7: fault injection', () => {
  test('a hibernating instance answers 200 with an HTML page and no result', async () => {
    await control(sn, 'POST', '/settings', { hibernating: true });
    const res = await api(sn, 'GET', '/api/now/table/incident');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toBe(HIBERNATING_PAGE);
  });

  test('the next N requests answer a 5xx in the ServiceNow envelope, with Retry-After, then recover', async () => {
    await control(sn, 'POST', '/faults', { status: 503, count: 2, retryAfter: 7 });
    const first = await api(sn, 'GET', '/api/now/table/incident');
    expect(first.status).toBe(503);
    expect(first.body).toEqual({
      error: { message: expect.any(String), detail: expect.any(String) },
      status: 'failure',
    });
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await api(sn, 'GET', '/api/now/table/incident')).status).toBe(503);
    expect((await api(sn, 'GET', '/api/now/table/incident')).status).toBe(200);
  });

  test("slow responses: a delay without a status holds the answer past a caller's timeout, then answers 200", async () => {
    await control(sn, 'POST', '/faults', { delayMs: 2000 });
    const slow = fetch(`${sn.url}/api/now/table/incident`, {
      headers: { authorization: basic() },
      signal: AbortSignal.timeout(100),
    });
    await expect(slow).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await api(sn, 'GET', '/api/now/table/incident')).status).toBe(200);
  });

  test('a held answer: the write lands at once and the request log shows it before the answer, then completed', async () => {
    await control(sn, 'POST', '/faults', { answerDelayMs: 1500, method: 'POST' });
    // The caller gives up (a worker killed mid-call) long before the answer comes.
    const gone = fetch(`${sn.url}/api/now/table/incident`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: JSON.stringify({ short_description: 'held' }),
      signal: AbortSignal.timeout(300),
    });
    await expect(gone).rejects.toMatchObject({ name: 'TimeoutError' });
    const rows = [...sn.store.rows('incident').values()] as RecordRow[];
    expect(rows.filter((r) => r.short_description === 'held')).toHaveLength(1);
    const logged = async () => ((await control(sn, 'GET', '/requests')).body as LoggedRequest[]).at(-1)!;
    expect(await logged()).toMatchObject({ method: 'POST', path: '/api/now/table/incident', status: null });
    await waitFor(async () => (await logged()).status === 201, { what: 'the held answer to be sent' });
    const entry = await logged();
    expect(entry.user).toBe('admin');
    expect(Date.parse(entry.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(entry.at) + 1500);
  });

  test('an applied fault: the write lands and the caller is answered the error, so it cannot know', async () => {
    await control(sn, 'POST', '/faults', { status: 503, applied: true, method: 'POST' });
    const answered = await api(sn, 'POST', '/api/now/table/incident', { body: { short_description: 'applied' } });
    expect(answered.status).toBe(503);
    expect(answered.body).toMatchObject({ status: 'failure' });
    const rows = [...sn.store.rows('incident').values()] as RecordRow[];
    expect(rows.filter((r) => r.short_description === 'applied')).toHaveLength(1);
    expect((await api(sn, 'POST', '/api/now/table/incident', { body: { short_description: 'next' } })).status).toBe(
      201,
    );
  });

  test('an ACL that refuses updates answers 403 on PATCH and leaves the record alone', async () => {
    const record = await create();
    await control(sn, 'POST', '/settings', { denyUpdates: true });
    const res = await api(sn, 'PATCH', `/api/now/table/incident/${record.sys_id}`, {
      body: { short_description: 'y' },
    });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: { message: 'Operation Failed', detail: 'ACL Exception Update Failed due to security constraints' },
      status: 'failure',
    });
    expect((await api(sn, 'GET', `/api/now/table/incident/${record.sys_id}`)).body.result.short_description).toBe('x');
  });

  test('a record hidden by an ACL is 404 and missing from lists', async () => {
    const record = await create();
    await control(sn, 'POST', '/settings', { hiddenSysIds: [record.sys_id] });
    const res = await api(sn, 'GET', `/api/now/table/incident/${record.sys_id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('No Record found');
    expect((await api(sn, 'GET', '/api/now/table/incident')).body.result).toEqual([]);
  });
});

describe('control endpoints', () => {
  test('the request log has every API request, rejected ones included, and no control requests', async () => {
    await api(sn, 'POST', '/api/now/table/incident?sysparm_exclude_reference_link=true', {
      body: { short_description: 'logged' },
      auth: basic(INTEGRATION),
    });
    await api(sn, 'GET', '/api/now/table/incident', { auth: null });
    const log = (await control(sn, 'GET', '/requests')).body;
    expect(log).toEqual([
      {
        at: expect.any(String),
        method: 'POST',
        path: '/api/now/table/incident',
        query: { sysparm_exclude_reference_link: 'true' },
        user: INTEGRATION.user_name,
        body: { short_description: 'logged' },
        status: 201,
        finishedAt: expect.any(String),
      },
      {
        at: expect.any(String),
        method: 'GET',
        path: '/api/now/table/incident',
        query: {},
        user: null,
        body: null,
        status: 401,
        finishedAt: expect.any(String),
      },
    ]);
  });

  test('reset clears records, settings and the log but keeps users', async () => {
    await control(sn, 'POST', '/users', { user_name: 'late.user', password: 'late-password', roles: ['itil'] });
    await create();
    await control(sn, 'POST', '/settings', { dataPolicy: false });
    await control(sn, 'POST', '/reset');
    expect((await control(sn, 'GET', '/requests')).body).toEqual([]);
    expect((await control(sn, 'GET', '/settings')).body.dataPolicy).toBe(true);
    const res = await api(sn, 'GET', '/api/now/table/incident', {
      auth: basic({ user_name: 'late.user', password: 'late-password' }),
    });
    expect(res.body).toEqual({ result: [] });
    expect((await create()).number).toBe('INC0010001');
  });
});
