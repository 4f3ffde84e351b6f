import type { ServiceNowEmulator } from '../../src/emulators/servicenow';
import { type Row, api, control, recorded, startEmulator } from './support';

let sn: ServiceNowEmulator;
beforeAll(async () => {
  sn = await startEmulator();
});
afterAll(() => sn.close());
beforeEach(() => control(sn, 'POST', '/reset'));

const create = async (fields: Record<string, unknown> = {}) =>
  (await api(sn, 'POST', '/api/now/table/incident?sysparm_exclude_reference_link=true', { body: fields })).body
    .result as Row;

describe('checklist 1: paths, methods, statuses', () => {
  test('POST answers 201 with a Location to the new record, on both paths, with the recorded headers', async () => {
    const expected = recorded('ServiceNowOutputTest_insertRecord').response;
    for (const path of ['/api/now/table/incident', '/api/now/v2/table/incident']) {
      const res = await api(sn, 'POST', path, { body: { short_description: 'x' } });
      expect(res.status).toBe(expected.status);
      expect(res.headers.get('location')).toBe(`${sn.url}${path}/${res.body.result.sys_id}`);
      expect(res.headers.get('content-type')).toBe(expected.headers['Content-Type']);
      for (const header of ['Server', 'Pragma', 'Cache-control'])
        expect(res.headers.get(header)).toBe(expected.headers[header]);
    }
  });

  test('GET one, PATCH and PUT answer 200 with the record; DELETE 204 without a body', async () => {
    const { sys_id } = await create();
    expect((await api(sn, 'GET', `/api/now/table/incident/${sys_id}`)).body.result.sys_id).toBe(sys_id);
    expect(
      (await api(sn, 'PATCH', `/api/now/table/incident/${sys_id}`, { body: { urgency: '2' } })).body.result.urgency,
    ).toBe('2');
    expect(
      (await api(sn, 'PUT', `/api/now/v2/table/incident/${sys_id}`, { body: { urgency: '1' } })).body.result.urgency,
    ).toBe('1');
    const deleted = await api(sn, 'DELETE', `/api/now/table/incident/${sys_id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
  });

  test('an unknown table is 400 "Invalid table"', async () => {
    const res = await api(sn, 'GET', '/api/now/table/no_such_table');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { message: 'Invalid table no_such_table', detail: null }, status: 'failure' });
  });

  test('an unknown sys_id is 404 in the recorded envelope', async () => {
    const expected = recorded('ServiceNowOutputTest_deleteNonExistingRecord').response;
    const res = await api(sn, 'DELETE', '/api/now/v2/table/incident/NoId');
    expect(res.status).toBe(expected.status);
    expect(res.body).toEqual(expected.body);
    expect((await api(sn, 'GET', '/api/now/table/incident/0123456789abcdef0123456789abcdef')).body).toEqual(
      expected.body,
    );
  });
});

describe('checklist 2: values and rendering', () => {
  test('a created incident has exactly the recorded field set, every value a string', async () => {
    const expected = recorded('ServiceNowOutputTest_insertRecord').response.body.result;
    const record = await create();
    expect(Object.keys(record)).toEqual(Object.keys(expected));
    for (const value of Object.values(record)) expect(typeof value).toBe('string');
  });

  test('reference fields are {link, value} unless excluded; an empty reference is ""', async () => {
    const { sys_id } = await create();
    const linked = (await api(sn, 'GET', `/api/now/table/incident/${sys_id}`)).body.result;
    expect(linked.opened_by).toEqual({
      link: `${sn.url}/api/now/table/sys_user/${linked.opened_by.value}`,
      value: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(linked.caller_id).toBe('');
    const bare = (await api(sn, 'GET', `/api/now/table/incident/${sys_id}?sysparm_exclude_reference_link=true`)).body
      .result;
    expect(bare.opened_by).toBe(linked.opened_by.value);
    // The switches are read case-insensitively, as a real instance does (a third-party client sends `True`).
    const upper = (await api(sn, 'GET', `/api/now/table/incident/${sys_id}?sysparm_exclude_reference_link=True`)).body
      .result;
    expect(upper.opened_by).toBe(linked.opened_by.value);
    const display = `/api/now/table/incident/${sys_id}?sysparm_fields=state&sysparm_display_value=TRUE`;
    expect((await api(sn, 'GET', display)).body.result).toEqual({ state: 'New' });
  });

  test('sysparm_display_value true and all', async () => {
    const { sys_id } = await create({ impact: '2', urgency: '2' });
    const q = `/api/now/table/incident/${sys_id}?sysparm_fields=state,priority,opened_by&sysparm_exclude_reference_link=true`;
    expect((await api(sn, 'GET', `${q}&sysparm_display_value=true`)).body.result).toEqual({
      state: 'New',
      priority: '3 - Moderate',
      opened_by: 'System Administrator',
    });
    expect((await api(sn, 'GET', `${q}&sysparm_display_value=all`)).body.result.state).toEqual({
      display_value: 'New',
      value: '1',
    });
  });

  test('sysparm_fields selects fields, ignores unknown names and dot-walks references', async () => {
    const { sys_id } = await create();
    const res = await api(
      sn,
      'GET',
      `/api/now/table/incident/${sys_id}?sysparm_fields=number,no_such_field,opened_by.user_name`,
    );
    expect(res.body.result).toEqual({ number: expect.stringMatching(/^INC\d{7}$/), 'opened_by.user_name': 'admin' });
  });
});

describe('checklist 3: queries and paging', () => {
  test('a query matching nothing is 200 with [] and X-Total-Count 0, as recorded', async () => {
    const expected = recorded('ServiceNowTableServiceTest_guessTableSchemaWhenNoRecordTest').response;
    const res = await api(
      sn,
      'GET',
      '/api/now/v2/table/incident?sysparm_query=number%3DImpossibleNumber007&sysparm_limit=1',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected.body);
    expect(res.headers.get('x-total-count')).toBe(expected.headers['X-Total-Count']);
  });

  test('encoded query with OR, LIKE and ORDERBYDESC; name=value pairs', async () => {
    await create({ short_description: 'disk full', urgency: '1' });
    await create({ short_description: 'cpu high', urgency: '2' });
    await create({ short_description: 'disk slow', urgency: '3' });
    const res = await api(
      sn,
      'GET',
      `/api/now/table/incident?sysparm_query=${encodeURIComponent('short_descriptionLIKEdisk^ORurgency=2^ORDERBYDESCurgency')}&sysparm_fields=urgency`,
    );
    expect(res.body.result).toEqual([{ urgency: '3' }, { urgency: '2' }, { urgency: '1' }]);
    expect(
      (await api(sn, 'GET', '/api/now/table/incident?urgency=2&sysparm_fields=short_description')).body.result,
    ).toEqual([{ short_description: 'cpu high' }]);
  });

  test('an invalid term is ignored by default and returns no rows with the strict property', async () => {
    await create();
    const q = `/api/now/table/incident?sysparm_query=${encodeURIComponent('no_such_field=1^active=true')}`;
    expect((await api(sn, 'GET', q)).body.result).toHaveLength(1);
    await control(sn, 'POST', '/settings', { properties: { 'glide.invalid_query.returns_no_rows': 'true' } });
    expect((await api(sn, 'GET', q)).body.result).toHaveLength(0);
  });

  test('limit/offset pages with the total in X-Total-Count and first/prev/next/last links', async () => {
    for (let i = 0; i < 5; i++) await create({ short_description: `n${i}` });
    const res = await api(
      sn,
      'GET',
      '/api/now/table/incident?sysparm_limit=2&sysparm_offset=2&sysparm_fields=short_description',
    );
    expect(res.body.result).toEqual([{ short_description: 'n2' }, { short_description: 'n3' }]);
    expect(res.headers.get('x-total-count')).toBe('5');
    const links = Object.fromEntries(
      res.headers
        .get('link')!
        .split(',')
        .map((part) => {
          const [, url, rel] = /^<(.+)>;rel="(\w+)"$/.exec(part)!;
          return [rel, new URL(url!).searchParams.get('sysparm_offset')];
        }),
    );
    expect(links).toEqual({ first: '0', prev: '0', next: '4', last: '4' });
  });

  test('no Link on a single page or when suppressed; no X-Total-Count with sysparm_no_count', async () => {
    await create();
    expect((await api(sn, 'GET', '/api/now/table/incident')).headers.get('link')).toBeNull();
    const paged = '/api/now/table/incident?sysparm_limit=1&sysparm_offset=0';
    await create();
    expect((await api(sn, 'GET', paged)).headers.get('link')).toContain('rel="next"');
    expect((await api(sn, 'GET', `${paged}&sysparm_suppress_pagination_header=true`)).headers.get('link')).toBeNull();
    expect((await api(sn, 'GET', `${paged}&sysparm_no_count=true`)).headers.get('x-total-count')).toBeNull();
  });
});
