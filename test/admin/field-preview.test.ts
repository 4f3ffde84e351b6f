/**
 * The preview of a pasted OnCall webhook body (bridge.md §8.2) and the fixed `incidentFields` (§4.2) through
 * the admin API: the preview renders the body's own group without reading OnCall or writing an incident, a
 * malformed body is refused naming its field, and the fixed fields are shown on the resource and cleared.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startRig, type Rig } from '../helpers/e2e';
import { createBody, resourceOf, type ResourceBody } from './support';

const EVENT = JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/webhooks/oncall-acknowledge.json'), 'utf8'));

interface LoggedRequest {
  method: string;
  path: string;
}

async function requestsOf(url: string): Promise<LoggedRequest[]> {
  return (await (await fetch(`${url}/__emulator/requests`)).json()) as LoggedRequest[];
}

describe('the field preview of a pasted webhook body, and the fixed incident fields', () => {
  let rig: Rig;
  let resource: ResourceBody;
  const preview = (body: unknown) =>
    rig.admin('POST', `/api/v1/integrations/${resource.id}/field-mapping/preview`, body);

  beforeAll(async () => {
    rig = await startRig();
    const created = await rig.admin('POST', '/api/v1/integrations', createBody(rig));
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    resource = resourceOf(created);
    const templates = {
      incident: {
        urgency: "{{ 1 if alert_group.labels.severity == 'critical' else 3 }}",
        short_description: '[{{ alert_group.labels.service_name }}] {{ alert_group.title }} ({{ user.username }})',
      },
    };
    const set = await rig.admin('PUT', `/api/v1/integrations/${resource.id}/field-mapping`, templates);
    if (set.status !== 200) throw new Error(JSON.stringify(set.body));
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('when a webhook body is pasted, then its own group is rendered and neither system is called', async () => {
    const before = { sn: (await requestsOf(rig.sn.url)).length, oc: (await requestsOf(rig.oc.url)).length };
    const answer = await preview({ event: EVENT });
    expect(answer).toEqual({
      status: 200,
      body: {
        incident: { urgency: '1', short_description: '[checkout] Checkout API 5xx rate above 5% (alice)' },
        problems: [],
      },
    });
    expect((await requestsOf(rig.sn.url)).slice(before.sn)).toEqual([]);
    expect((await requestsOf(rig.oc.url)).slice(before.oc)).toEqual([]);
  });

  it('when the pasted body lacks the group id, then 400 names event.alert_group.id', async () => {
    const { id: _id, ...group } = EVENT.alert_group;
    const answer = await preview({ event: { ...EVENT, alert_group: group } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([
      { field: 'event.alert_group.id', reason: expect.stringContaining('expected string') },
    ]);
  });

  it('when both or neither of alertGroupId and event are given, then 400 says to give one', async () => {
    for (const body of [{}, { alertGroupId: EVENT.alert_group_id, event: EVENT }]) {
      const answer = await preview(body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toMatch(/either alertGroupId or event/);
    }
  });

  it('when fixed incidentFields are patched, then the resource shows them, and {} clears them', async () => {
    const route = `/api/v1/integrations/${resource.id}`;
    expect((await rig.admin('GET', route)).body.incidentFields).toEqual({});
    const set = await rig.admin('PATCH', route, { incidentFields: { category: 'software', impact: '2' } });
    expect(set.body.incidentFields).toEqual({ category: 'software', impact: '2' });
    expect((await rig.admin('GET', route)).body.incidentFields).toEqual({ category: 'software', impact: '2' });
    expect((await rig.admin('PATCH', route, { incidentFields: {} })).body.incidentFields).toEqual({});
  });
});
