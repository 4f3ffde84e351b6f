import { generateBusinessRule } from '../../src/admin/business-rule';
import type { ServiceNowEmulator } from '../../src/emulators/servicenow';
import { startListener } from './listener';
import { type RecordRow, INTEGRATION, PERSON, api, basic, control, startEmulator } from './support';

let sn: ServiceNowEmulator;
beforeAll(async () => {
  sn = await startEmulator({ settings: { javaStrings: true } });
});
afterAll(() => sn.close());
beforeEach(async () => {
  await control(sn, 'POST', '/reset');
  await control(sn, 'POST', '/settings', { javaStrings: true });
});

const addRule = (name: string, script: string) =>
  control(sn, 'POST', '/business-rules', {
    name,
    table: 'incident',
    insert: true,
    update: true,
    when: 'after',
    script,
  });

const create = async (fields: Record<string, unknown>, user: { user_name: string; password: string }) =>
  (await api(sn, 'POST', '/api/now/table/incident', { body: fields, auth: basic(user) })).body.result as RecordRow;

const infos = async () =>
  ((await control(sn, 'GET', '/business-rules/log')).body as { level: string; message: string }[])
    .filter((l) => l.level === 'info')
    .map((l) => l.message);

describe('Business Rules on an instance whose getters hand out Java strings (global scope Rhino)', () => {
  test('a getter value is an object: === with a JS string is false, == and String() see the text', async () => {
    await addRule(
      'Probe',
      `(function executeRule(current, previous) {
        var user = gs.getUserName();
        gs.info(typeof user);
        gs.info(String(user === 'beth.anglin'));
        gs.info(String(user == 'beth.anglin'));
        gs.info(String(String(user) === 'beth.anglin'));
        gs.info(JSON.stringify({ number: current.getValue('number') }));
        gs.info(JSON.stringify({ number: String(current.getValue('number')) }));
      })(current, previous);`,
    );
    const created = await create({ short_description: 'probe' }, PERSON);
    expect(await infos()).toEqual([
      'object',
      'false',
      'true',
      'true',
      '{"number":{}}',
      JSON.stringify({ number: created.number }),
    ]);
  });

  test("the bridge's generated rule skips the integration user's changes and sends a person's as strings", async () => {
    const listener = await startListener();
    try {
      const { script } = generateBusinessRule({
        webhookUrl: `${listener.url}/webhooks/servicenow/int-1`,
        token: 'rule-token-123',
        integrationUsername: INTEGRATION.user_name,
      });
      await addRule('Grafana OnCall bridge', script);

      await create({ short_description: 'written by the bridge' }, INTEGRATION);
      expect(listener.bodies()).toEqual([]);

      const created = await create({ short_description: 'Disk full', work_notes: 'first look' }, PERSON);
      expect(listener.bodies()).toEqual([
        expect.objectContaining({
          operation: 'insert',
          sys_id: created.sys_id,
          number: created.number,
          short_description: 'Disk full',
          sys_updated_by: PERSON.user_name,
          correlation_id: null,
          work_note: expect.stringContaining('first look'),
        }),
      ]);
    } finally {
      await listener.close();
    }
  });
});
