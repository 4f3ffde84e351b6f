/**
 * Reading and changing an integration through the admin API: list/get, PATCH, state options and mapping,
 * the Business Rule and its token, and connections with their webhook filters and demo alerts.
 */
import { parse } from 'acorn';
import { integrationWorkflowId } from '../../workflows/ids';
import { INTEGRATION_USER, startRig, type Rig } from '../helpers/e2e';
import { uniqueId, waitFor } from '../helpers/wait';
import { createBody, fieldsOf, resourceOf, secretsIn, type ResourceBody } from './support';

async function filtersOf(rig: Rig, resource: ResourceBody): Promise<string[][]> {
  const filters: string[][] = [];
  for (const { id } of resource.webhooks) {
    const res = await fetch(`${rig.oc.url}/api/v1/webhooks/${id}/`, { headers: { authorization: rig.humanKey } });
    filters.push(((await res.json()) as { integration_filter: string[] }).integration_filter.slice().sort());
  }
  return filters;
}

function serviceNowCall(rig: Rig, id: string, token: string, sysId: string) {
  return fetch(`${rig.bridgeUrl}/webhooks/servicenow/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      operation: 'insert',
      sys_id: sysId,
      number: 'INC0099999',
      state: '1',
      short_description: 'token check',
      description: null,
      correlation_id: null,
      sys_updated_on: '2026-12-01 10:00:00',
      sys_updated_by: 'alice.sn',
      sys_mod_count: 0,
    }),
  });
}

describe('changing an integration through the admin API', () => {
  let rig: Rig;
  let resource: ResourceBody;

  beforeAll(async () => {
    rig = await startRig();
    const created = await rig.admin('POST', '/api/v1/integrations', createBody(rig));
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    resource = resourceOf(created);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('lists and gets the integration; an unknown id is 404', async () => {
    const listed = await rig.admin('GET', '/api/v1/integrations');
    expect(listed.status).toBe(200);
    expect((listed.body as { integrations: ResourceBody[] }).integrations).toContainEqual(resource);
    expect(await rig.admin('GET', `/api/v1/integrations/${resource.id}`)).toEqual({ status: 200, body: resource });
    const missing = await rig.admin('GET', '/api/v1/integrations/inope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('still lists its integrations when another integration workflow has no worker to answer', async () => {
    // An integration workflow on another task queue (another deployment, a stopped test rig) must not stall the list.
    const stray = uniqueId('istray');
    await rig.bridge.client.workflow.start('integrationWorkflow', {
      workflowId: integrationWorkflowId(stray),
      taskQueue: uniqueId('nobody'),
      args: [{ settings: { id: stray } }],
    });
    const listed = await rig.admin('GET', '/api/v1/integrations');
    expect(listed.status).toBe(200);
    expect((listed.body as { integrations: ResourceBody[] }).integrations.map((i) => i.id)).toContain(resource.id);
    await rig.bridge.client.workflow.getHandle(integrationWorkflowId(stray)).terminate('test over');
  });

  it('PATCH changes the name; new credentials are verified, re-sealed and then used', async () => {
    const renamed = await rig.admin('PATCH', `/api/v1/integrations/${resource.id}`, { name: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(resourceOf(renamed).name).toBe('Renamed');

    const wrong = await rig.admin('PATCH', `/api/v1/integrations/${resource.id}`, {
      servicenow: { password: 'a-new-wrong-password' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('servicenow_unauthorized');
    expect(JSON.stringify(wrong.body)).not.toContain('a-new-wrong-password');
    expect((await rig.admin('GET', `/api/v1/integrations/${resource.id}/state-options`)).status).toBe(200);

    // A new password that ServiceNow accepts: the integration user's password was changed there.
    rig.sn.addUser({ ...INTEGRATION_USER, password: 'sn-integration-pw-2' });
    const before = await rig.admin('GET', `/api/v1/integrations/${resource.id}/state-options`);
    expect(before.status).toBe(400);
    const changed = await rig.admin('PATCH', `/api/v1/integrations/${resource.id}`, {
      servicenow: { password: 'sn-integration-pw-2' },
    });
    expect(changed.status).toBe(200);
    expect(resourceOf(changed).servicenow).toEqual({ ...resource.servicenow, passwordSet: true });
    expect((await rig.admin('GET', `/api/v1/integrations/${resource.id}/state-options`)).status).toBe(200);
  });

  it("PATCH refuses an OnCall key of another user, and accepts the same user's key", async () => {
    const other = await rig.admin('PATCH', `/api/v1/integrations/${resource.id}`, {
      oncall: { apiToken: rig.humanKey },
    });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('oncall_user_changed');
    expect(JSON.stringify(other.body)).not.toContain(rig.humanKey);
    const same = await rig.admin('PATCH', `/api/v1/integrations/${resource.id}`, { oncall: { apiToken: rig.botKey } });
    expect(same.status).toBe(200);
    expect(resourceOf(same).oncall.apiTokenSet).toBe(true);
  });

  it('PATCH refuses an unknown field and a bad field name of incidentFields, naming it', async () => {
    const unknown = await rig.admin('PATCH', `/api/v1/integrations/${resource.id}`, { id: 'other' });
    expect(unknown.status).toBe(400);
    const badField = await rig.admin('PATCH', `/api/v1/integrations/${resource.id}`, {
      incidentFields: { 'Bad Field': 'x' },
    });
    expect(badField.status).toBe(400);
    expect(fieldsOf(badField)[0]).toMatch(/^incidentFields/);
  });

  it('state-options are read fresh from ServiceNow', async () => {
    rig.sn.store.insert('sys_choice', {
      name: 'incident',
      element: 'state',
      value: '42',
      label: 'Waiting for vendor',
      language: 'en',
      inactive: 'false',
    });
    const options = await rig.admin('GET', `/api/v1/integrations/${resource.id}/state-options`);
    expect(options.status).toBe(200);
    expect((options.body as { options: unknown[] }).options).toEqual(
      expect.arrayContaining([
        { label: 'New', value: '1' },
        { label: 'Waiting for vendor', value: '42' },
      ]),
    );
  });

  it('PUT state-mapping accepts a valid mapping and refuses an unknown value or a state used twice', async () => {
    const route = `/api/v1/integrations/${resource.id}/state-mapping`;
    const accepted = await rig.admin('PUT', route, { firing: '1', acknowledged: '2', resolved: '7', silenced: '3' });
    expect(accepted.status).toBe(200);
    expect(resourceOf(accepted).stateMapping.oncallToServiceNow).toEqual({
      firing: '1',
      acknowledged: '2',
      resolved: '7',
      silenced: '3',
    });
    // The flat form's reverse: its named states back to their statuses, the others by label.
    expect(resourceOf(accepted).stateMapping.serviceNowToOnCall).toMatchObject({
      '1': 'firing',
      '2': 'acknowledged',
      '3': 'silenced',
      '6': 'resolved',
      '7': 'resolved',
      '8': 'resolved',
    });

    const unknown = await rig.admin('PUT', route, { firing: '1', acknowledged: '99', resolved: '6', silenced: null });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('acknowledged');
    const twice = await rig.admin('PUT', route, { firing: '1', acknowledged: '1', resolved: '6', silenced: null });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/already mapped/);
    const malformed = await rig.admin('PUT', route, { firing: 1 });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed)).toEqual(expect.arrayContaining(['firing']));

    // A state added in ServiceNow since setup (the previous test) is offered and accepted.
    const fresh = await rig.admin('PUT', route, { firing: '1', acknowledged: '2', resolved: '6', silenced: '42' });
    expect(fresh.status).toBe(200);
    expect(resourceOf(fresh).stateOptions).toContainEqual({ label: 'Waiting for vendor', value: '42' });
    const patched = await rig.admin('PATCH', `/api/v1/integrations/${resource.id}`, {
      stateMapping: { firing: '1', acknowledged: '1', resolved: '6', silenced: null },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.code).toBe('invalid_state_mapping');

    const back = await rig.admin('PUT', route, { firing: '1', acknowledged: '2', resolved: '6', silenced: null });
    expect(resourceOf(back).stateMapping.oncallToServiceNow.resolved).toBe('6');
  });

  it('PUT state-mapping takes the two-way form, many states to one status, and names a wrong key', async () => {
    const route = `/api/v1/integrations/${resource.id}/state-mapping`;
    const oncallToServiceNow = { firing: '1', acknowledged: '2', resolved: '6', silenced: null };
    const serviceNowToOnCall = { '1': 'firing', '2': 'acknowledged', '3': 'acknowledged', '6': 'resolved', '7': null };
    const twoWay = await rig.admin('PUT', route, { oncallToServiceNow, serviceNowToOnCall });
    expect(twoWay.status).toBe(200);
    expect(resourceOf(twoWay).stateMapping).toEqual({ oncallToServiceNow, serviceNowToOnCall });

    const unknownKey = await rig.admin('PUT', route, { oncallToServiceNow, serviceNowToOnCall: { '99': 'firing' } });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error.message).toContain('serviceNowToOnCall.99');
    const unknownStatus = await rig.admin('PUT', route, { oncallToServiceNow, serviceNowToOnCall: { '3': 'paused' } });
    expect(unknownStatus.status).toBe(400);

    // The flat form again: the reverse is derived once more (On Hold back to acknowledged by its label).
    const flat = await rig.admin('PUT', route, oncallToServiceNow);
    expect(resourceOf(flat).stateMapping.serviceNowToOnCall).toMatchObject({ '3': 'acknowledged', '7': 'resolved' });
  });

  it('business-rule: an ES5 script the emulator accepts; a new token revokes the old one', async () => {
    const route = `/api/v1/integrations/${resource.id}/business-rule`;
    const first = await rig.admin('POST', route);
    expect(first.status).toBe(201);
    const { token, script, instructions } = first.body as { token: string; script: string; instructions: string };
    expect(() => parse(script, { ecmaVersion: 5 })).not.toThrow();
    expect(script).toContain(token);
    expect(instructions).toMatch(/incident/);
    expect(instructions).toMatch(/after/i);
    const installed = await fetch(`${rig.sn.url}/__emulator/business-rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bridge', table: 'incident', when: 'after', insert: true, update: true, script }),
    });
    expect(installed.status).toBe(201);
    const got = resourceOf(await rig.admin('GET', `/api/v1/integrations/${resource.id}`));
    expect(got.businessRuleIssuedAt).not.toBeNull();
    expect(secretsIn(JSON.stringify(got), [token])).toEqual([]);
    expect((await serviceNowCall(rig, resource.id, token, 'a'.repeat(32))).status).toBe(202);

    const second = await rig.admin('POST', route);
    const next = (second.body as { token: string }).token;
    expect(next).not.toBe(token);
    expect((await serviceNowCall(rig, resource.id, token, 'b'.repeat(32))).status).toBe(401);
    expect((await serviceNowCall(rig, resource.id, next, 'b'.repeat(32))).status).toBe(202);
    expect(secretsIn(rig.logLines.join('\n'), [token, next])).toEqual([]);
  });

  it('connections: add widens both webhook filters, PATCH changes backsync, DELETE narrows them', async () => {
    const other = rig.oc.createIntegration({ type: 'alertmanager', name: uniqueId('am') });
    const route = `/api/v1/integrations/${resource.id}/connections`;
    const added = await rig.admin('POST', route, { oncallIntegrationId: other.id, backsync: true });
    expect(added.status).toBe(201);
    expect(resourceOf(added).connections).toEqual([{ oncallIntegrationId: other.id, backsync: true }]);
    const both = [resource.oncall.integrationId, other.id].sort();
    expect(await filtersOf(rig, resource)).toEqual([both, both]);

    const patched = await rig.admin('PATCH', `${route}/${other.id}`, { backsync: false });
    expect(patched.status).toBe(200);
    expect(resourceOf(patched).connections).toEqual([{ oncallIntegrationId: other.id, backsync: false }]);

    const removed = await rig.admin('DELETE', `${route}/${other.id}`);
    expect(removed.status).toBe(200);
    expect(resourceOf(removed).connections).toEqual([]);
    expect(await filtersOf(rig, resource)).toEqual([[resource.oncall.integrationId], [resource.oncall.integrationId]]);
    expect((await rig.admin('PATCH', `${route}/${other.id}`, { backsync: true })).status).toBe(404);
    expect((await rig.admin('DELETE', `${route}/${other.id}`)).status).toBe(404);
  });

  it('connections: the bridge integration itself and an unknown OnCall integration are refused', async () => {
    const route = `/api/v1/integrations/${resource.id}/connections`;
    const itself = await rig.admin('POST', route, { oncallIntegrationId: resource.oncall.integrationId });
    expect(itself.status).toBe(400);
    const unknown = await rig.admin('POST', route, { oncallIntegrationId: 'CNOPE000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toEqual(expect.any(String));
    expect(resourceOf(await rig.admin('GET', `/api/v1/integrations/${resource.id}`)).connections).toEqual([]);
  });

  it.each([
    ['alertmanager', 'alertmanager'],
    ['formatted_webhook', 'formatted_webhook'],
  ] as const)(
    'demo-alert into a connected %s integration: 202, sent in its format, an alert group appears',
    async (type, format) => {
      const other = rig.oc.createIntegration({ type, name: uniqueId(type) });
      const route = `/api/v1/integrations/${resource.id}/connections`;
      expect((await rig.admin('POST', route, { oncallIntegrationId: other.id })).status).toBe(201);
      const requestsBefore = ((await (await fetch(`${rig.oc.url}/__emulator/requests`)).json()) as unknown[]).length;

      const sent = await rig.admin('POST', `${route}/${other.id}/demo-alert`);
      expect(sent.status).toBe(202);
      expect(sent.body).toMatchObject({ format });
      const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.integration_id === other.id), {
        what: 'demo alert group',
      });
      expect(group.title).toMatch(/demo/i);
      const requests = (
        (await (await fetch(`${rig.oc.url}/__emulator/requests`)).json()) as { path: string; body: unknown }[]
      ).slice(requestsBefore);
      const inbound = requests.find((r) => r.path.includes(`/integrations/v1/${type}/`));
      expect(inbound).toBeDefined();
      if (format === 'alertmanager') expect(inbound?.body).toMatchObject({ alerts: [expect.anything()] });
      else expect(inbound?.body).toMatchObject({ alert_uid: expect.any(String), title: expect.any(String) });
      expect((await rig.admin('POST', `${route}/CUNCONNECTED/demo-alert`)).status).toBe(404);
      expect((await rig.admin('DELETE', `${route}/${other.id}`)).status).toBe(200);
    },
  );
});
