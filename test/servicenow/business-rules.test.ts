import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceNowEmulator } from '../../src/emulators/servicenow';
import { waitFor } from '../helpers/wait';
import { startListener } from './listener';
import { type RecordRow, INTEGRATION, api, basic, control, startEmulator } from './support';

let sn: ServiceNowEmulator;
beforeAll(async () => {
  sn = await startEmulator({ settings: { asyncDelayMs: { min: 0, max: 200 } } });
});
afterAll(() => sn.close());
beforeEach(() => control(sn, 'POST', '/reset'));

/** An ES5 rule written independently of the emulator, in the shape vendors ship (servicenow.md §4). */
function notifyScript(url: string, method: 'execute' | 'executeAsync' = 'execute'): string {
  return `(function executeRule(current, previous /*null when async*/) {
    var skipUser = gs.getProperty('x_bridge.integration_user', 'grafana.oncall');
    if (gs.getUserName() == skipUser) { return; }
    try {
      var payload = {
        operation: current.operation(),
        sys_id: current.getUniqueValue(),
        number: current.getValue('number'),
        state: current.getValue('state'),
        state_label: current.getDisplayValue('state'),
        short_description: current.getValue('short_description'),
        correlation_id: current.getValue('correlation_id'),
        sys_updated_on: current.getValue('sys_updated_on'),
        sys_updated_by: current.getValue('sys_updated_by'),
        sys_mod_count: current.getValue('sys_mod_count'),
        is_new: current.isNewRecord(),
        previous_state: previous ? previous.getValue('state') : null,
        state_changed: current.state.changes(),
        last_note: current.work_notes.getJournalEntry(1),
        user: gs.getUserName()
      };
      var request = new sn_ws.RESTMessageV2();
      request.setEndpoint('${url}/webhooks/servicenow/test');
      request.setHttpMethod('post');
      request.setRequestHeader('Content-Type', 'application/json');
      request.setRequestHeader('Authorization', 'Bearer rule-token-123');
      request.setRequestBody(JSON.stringify(payload));
      request.setHttpTimeout(5000);
      var response = request.${method}();
      if ('${method}' == 'execute') { gs.info('bridge answered {0}', response.getStatusCode()); }
    } catch (e) {
      gs.error('bridge call failed: ' + e.message);
    }
  })(current, previous);`;
}

const addRule = (rule: Record<string, unknown>) =>
  control(sn, 'POST', '/business-rules', {
    name: 'Notify bridge',
    table: 'incident',
    insert: true,
    update: true,
    when: 'after',
    ...rule,
  });
const apiCreate = async (fields: Record<string, unknown>, auth = basic()) =>
  (await api(sn, 'POST', '/api/now/table/incident', { body: fields, auth })).body.result as RecordRow;

describe('Business Rules', () => {
  test('an ES5 after rule posts on insert and update with the right current and previous', async () => {
    const listener = await startListener();
    expect((await addRule({ script: notifyScript(listener.url) })).status).toBe(201);
    const created = await apiCreate({ short_description: 'Disk full', correlation_id: 'c-1' });
    // execute() is synchronous inside the write, so the call has landed by the time the API answers.
    expect(listener.bodies()).toEqual([
      expect.objectContaining({
        operation: 'insert',
        sys_id: created.sys_id,
        number: created.number,
        state: '1',
        state_label: 'New',
        short_description: 'Disk full',
        correlation_id: 'c-1',
        sys_mod_count: '0',
        sys_updated_by: 'admin',
        previous_state: null,
        state_changed: true,
        user: 'admin',
      }),
    ]);
    await control(sn, 'PATCH', `/incidents/${created.sys_id}`, {
      as: 'beth.anglin',
      fields: { state: '2', work_notes: 'on it' },
    });
    expect(listener.bodies()[1]).toEqual(
      expect.objectContaining({
        operation: 'update',
        state: '2',
        previous_state: '1',
        state_changed: true,
        sys_mod_count: '1',
        sys_updated_by: 'beth.anglin',
        user: 'beth.anglin',
        is_new: false,
        last_note: expect.stringMatching(
          /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - Beth Anglin \(Work notes\)\non it\n\n$/,
        ),
      }),
    );
    const request = listener.received[0]!;
    expect(request).toMatchObject({ method: 'POST', url: '/webhooks/servicenow/test' });
    expect(request.headers).toMatchObject({
      authorization: 'Bearer rule-token-123',
      'content-type': 'application/json',
      'user-agent': 'ServiceNow/1.0',
    });
    const log = (await control(sn, 'GET', '/business-rules/log')).body as {
      level: string;
      message: string;
      request?: { headers: Record<string, string> };
    }[];
    expect(log.filter((l) => l.level === 'info').map((l) => l.message)).toEqual([
      'bridge answered 202',
      'bridge answered 202',
    ]);
    expect(log.find((l) => l.level === 'request')!.request!.headers.Authorization).toBe('Bearer [redacted]');
    await listener.close();
  });

  test("a rule that skips the integration user does not call out for that user's writes", async () => {
    const listener = await startListener();
    await addRule({ script: notifyScript(listener.url) });
    const mine = await apiCreate({ short_description: 'from the bridge' }, basic(INTEGRATION));
    await api(sn, 'PATCH', `/api/now/table/incident/${mine.sys_id}`, {
      body: { state: '2' },
      auth: basic(INTEGRATION),
    });
    expect(listener.received).toEqual([]);
    await control(sn, 'PATCH', `/incidents/${mine.sys_id}`, {
      as: 'beth.anglin',
      fields: { short_description: 'edited by a person' },
    });
    expect(listener.bodies()).toEqual([
      expect.objectContaining({ user: 'beth.anglin', short_description: 'edited by a person' }),
    ]);
    await listener.close();
  });

  test('gs.getProperty reads properties set through the settings, keeping glide.servlet.uri', async () => {
    await control(sn, 'POST', '/settings', { properties: { 'x_bridge.integration_user': 'beth.anglin' } });
    await addRule({
      script:
        "gs.info(gs.getProperty('x_bridge.integration_user') + ' ' + gs.getProperty('glide.servlet.uri') + current.getLink(true) + ' ' + gs.getProperty('missing', 'fallback'));",
    });
    const created = await apiCreate({});
    const log = (await control(sn, 'GET', '/business-rules/log')).body as { message: string }[];
    expect(log.map((l) => l.message)).toEqual([`beth.anglin ${sn.url}/incident.do?sys_id=${created.sys_id} fallback`]);
  });

  test('a script condition decides whether the rule runs at all', async () => {
    const listener = await startListener();
    await addRule({
      script: notifyScript(listener.url),
      condition: "current.getValue('short_description') != 'quiet'",
    });
    await apiCreate({ short_description: 'quiet' });
    await apiCreate({ short_description: 'loud' });
    expect(listener.bodies().map((b) => b.short_description)).toEqual(['loud']);
    await listener.close();
  });

  test('a script that is not ES5 is refused with 400', async () => {
    const res = await addRule({ script: '(function (current) { const url = `x`; [1].map((n) => n); })(current);' });
    expect(res.status).toBe(400);
    expect(res.body.error.detail).toMatch(/not ECMAScript 5/);
    expect((await control(sn, 'GET', '/business-rules')).body).toEqual([]);
  });

  test('execute() waits for the answer; executeAsync() does not block the write', async () => {
    const listener = await startListener({ hold: true });
    await addRule({ script: notifyScript(listener.url, 'executeAsync') });
    await apiCreate({ short_description: 'async call' });
    // The write has answered although the listener has not: executeAsync did not block it.
    await waitFor(() => listener.received.length === 1, { what: 'the async call' });
    listener.release();

    await control(sn, 'POST', '/reset');
    await addRule({ script: notifyScript(listener.url, 'execute') });
    let answered = false;
    const write = apiCreate({ short_description: 'sync call' }).then(() => (answered = true));
    await waitFor(() => listener.received.length === 2, { what: 'the blocking call' });
    expect(answered).toBe(false);
    listener.release();
    await write;
    expect(answered).toBe(true);
    await listener.close();
  });

  test('async rules run later, with previous null and changes() false, one job per write', async () => {
    const listener = await startListener();
    await addRule({ when: 'async', script: notifyScript(listener.url, 'execute') });
    const created = await apiCreate({ short_description: 'n0' });
    for (let i = 1; i <= 4; i++)
      await api(sn, 'PATCH', `/api/now/table/incident/${created.sys_id}`, { body: { short_description: `n${i}` } });
    const bodies = await waitFor(() => listener.received.length === 5 && listener.bodies(), {
      what: 'five async jobs',
    });
    expect(bodies.map((b) => b.sys_mod_count).sort()).toEqual(['0', '1', '2', '3', '4']);
    for (const body of bodies) expect(body).toMatchObject({ previous_state: null, state_changed: false });
    // Each job carries the record as of its own write, whatever order the jobs ran in.
    for (const body of bodies) expect(body.short_description).toBe(`n${String(body.sys_mod_count)}`);
    await listener.close();
  });

  test('a before rule can change current before the write and abort it', async () => {
    await addRule({
      when: 'before',
      insert: true,
      update: false,
      script: "current.setValue('correlation_display', 'set by rule'); current.category = 'network';",
    });
    const created = await apiCreate({ short_description: 'x' });
    expect(created).toMatchObject({ correlation_display: 'set by rule', category: 'network' });
    await addRule({
      when: 'before',
      name: 'Abort',
      insert: true,
      script: "if (current.short_description == 'abort me') { current.setAbortAction(true); }",
    });
    const aborted = await api(sn, 'POST', '/api/now/table/incident', { body: { short_description: 'abort me' } });
    expect(aborted.status).toBe(403);
    expect(aborted.body.error).toEqual({
      message: 'Operation Failed',
      detail: expect.stringMatching(/^Error during insert of incident/),
    });
  });

  test('a throwing script is logged and does not fail the write; an unreachable endpoint throws inside the rule', async () => {
    await addRule({ script: 'undefinedFunction();' });
    await addRule({ name: 'Dead endpoint', script: notifyScript('http://127.0.0.1:1') });
    expect((await api(sn, 'POST', '/api/now/table/incident', { body: {} })).status).toBe(201);
    const log = (await control(sn, 'GET', '/business-rules/log')).body as {
      rule: string;
      level: string;
      message: string;
    }[];
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'Notify bridge',
          level: 'exception',
          message: expect.stringContaining('undefinedFunction'),
        }),
        expect.objectContaining({
          rule: 'Dead endpoint',
          level: 'error',
          message: expect.stringMatching(/^bridge call failed: /),
        }),
      ]),
    );
  });

  test('writes share no script state, and a rule run that hangs past the timeout does not stop later writes', async () => {
    await addRule({
      script: "gs.info('before {0}', typeof leaked); leaked = current.getValue('short_description');",
    });
    await apiCreate({ short_description: 'first' });
    await apiCreate({ short_description: 'second' });
    const infos = async () =>
      ((await control(sn, 'GET', '/business-rules/log')).body as { level: string; message: string }[])
        .filter((l) => l.level === 'info')
        .map((l) => l.message);
    // Rule workers are reused between writes; each run still gets a fresh global scope.
    expect(await infos()).toEqual(['before undefined', 'before undefined']);

    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      await control(sn, 'POST', '/settings', { ruleTimeoutMs: 200 });
      await addRule({
        name: 'Hangs',
        condition: "current.getValue('short_description') == 'hang'",
        script: `var r = new sn_ws.RESTMessageV2(); r.setEndpoint('http://127.0.0.1:${port}/'); r.setHttpMethod('get');
          r.setHttpTimeout(60000); r.execute();`,
      });
      await apiCreate({ short_description: 'hang' });
      await apiCreate({ short_description: 'after' });
      expect(await infos()).toEqual(['before undefined', 'before undefined', 'before undefined', 'before undefined']);
      const log = (await control(sn, 'GET', '/business-rules/log')).body as { level: string; message: string }[];
      expect(log).toContainEqual(
        expect.objectContaining({ level: 'exception', message: expect.stringContaining('timed out after 200') }),
      );
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
