import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../../activities';
import { toApplicationFailure } from '../../../activities/errors';
import type { ReadAlertGroupInput, UpdateIncidentInput } from '../../../activities/types';
import type { IncidentSnapshot } from '../../../workflows/pair-types';
import { HttpError } from '../../../src/integrations/http';
import { classifyOnCall, classifyServiceNow, FakeOnCall, FakeServiceNow } from '../../helpers/fake-clients';

function setup() {
  const sn = new FakeServiceNow();
  const oc = new FakeOnCall();
  const activities = createActivities({
    serviceNow: () => Promise.resolve(sn),
    onCall: () => Promise.resolve(oc),
    classifyServiceNow,
    classifyOnCall,
  });
  const env = new MockActivityEnvironment();
  /** `env.run` with the activity's own input and result types. */
  const call = <I, O>(fn: (input: I) => Promise<O>, input: I): Promise<O> => env.run<[I], O, typeof fn>(fn, input);
  return { sn, oc, activities, env, call };
}

function alertInput(sysId: string) {
  const payload = {
    alert_uid: `servicenow:${sysId}`,
    title: `INC: ${sysId}`,
    message: '',
    state: 'alerting' as const,
    link_to_upstream_details: `https://sn.example.com/nav_to.do?uri=incident.do%3Fsys_id%3D${sysId}`,
  };
  return {
    integrationId: 'int1',
    inboundUrl: 'https://oncall.example.com/integrations/v1/formatted_webhook/t/',
    payload,
  };
}

/** The ids of the alert groups read from now on. */
function countReads(oc: FakeOnCall): string[] {
  const reads: string[] = [];
  const read = oc.getAlertGroup.bind(oc);
  oc.getAlertGroup = (id) => {
    reads.push(id);
    return read(id);
  };
  return reads;
}

describe('pair activities', () => {
  it('createIncident run twice (a retry after a lost response) creates one incident', async () => {
    const { sn, activities, call } = setup();
    const input = {
      integrationId: 'int1',
      correlationId: 'oncall:IAG1',
      fields: { short_description: 'x', state: '1' },
    };
    const first = await call(activities.createIncident, input);
    const second = await call(activities.createIncident, input);
    expect(second.sysId).toBe(first.sysId);
    expect(sn.writes).toHaveLength(1);
    expect(sn.incidents.get(first.sysId)?.correlation_id).toBe('oncall:IAG1');
  });

  it('createIncident on the happy path (no earlier attempt possible) creates without looking up first', async () => {
    const { sn, activities, call } = setup();
    const input = { integrationId: 'int1', correlationId: 'oncall:IAG2', fields: { short_description: 'x' } };
    await call(activities.createIncident, { ...input, mayExist: false });
    expect(sn.lookups).toEqual([]);
    expect(sn.writes).toHaveLength(1);
  });

  it('createIncident retried by the server finds the incident an earlier attempt made, even if told it may not exist', async () => {
    const { sn, activities } = setup();
    const input = {
      integrationId: 'int1',
      correlationId: 'oncall:IAG3',
      fields: { short_description: 'x' },
      mayExist: false,
    };
    const run = (attempt: number) =>
      new MockActivityEnvironment({ attempt }).run<[typeof input], IncidentSnapshot, typeof activities.createIncident>(
        activities.createIncident,
        input,
      );
    const first = await run(1);
    const retried = await run(2);
    expect(retried.sysId).toBe(first.sysId);
    expect(sn.writes).toHaveLength(1);
  });

  it('createAlertGroup on the happy path posts once and searches nothing', async () => {
    const { oc, activities, call } = setup();
    await call(activities.createAlertGroup, { ...alertInput('sys1'), mayExist: false });
    expect(oc.searches).toEqual([]);
    expect(oc.writes).toEqual([{ kind: 'alert', id: 'servicenow:sys1' }]);
  });

  it('createAlertGroup run again after its post landed (a re-run workflow task) finds the alert and does not post again', async () => {
    const { oc, activities, call } = setup();
    await call(activities.createAlertGroup, { ...alertInput('sys2'), mayExist: false });
    await call(activities.createAlertGroup, { ...alertInput('sys2'), mayExist: true });
    const groups = [...oc.groups.values()].filter((g) => g.alertUid === 'servicenow:sys2');
    expect(groups.map((g) => g.group.alerts_count)).toEqual([1]);
    expect(oc.writes).toHaveLength(1);
    expect(oc.searches).toEqual(['servicenow:sys2']);
  });

  it('createAlertGroup that may have run posts when the search finds only other alerts', async () => {
    const { oc, activities, call } = setup();
    await call(activities.createAlertGroup, { ...alertInput('sys10'), mayExist: false });
    // `servicenow:sys1` is a substring of `servicenow:sys10`: the exact alert_uid decides.
    await call(activities.createAlertGroup, { ...alertInput('sys1'), mayExist: true });
    expect(oc.writes.map((w) => w.id)).toEqual(['servicenow:sys10', 'servicenow:sys1']);
  });

  it('createAlertGroup retried by the server (attempt 2) looks first even when the workflow said no', async () => {
    const { oc, activities } = setup();
    const input = { ...alertInput('sys3'), mayExist: false };
    await new MockActivityEnvironment({ attempt: 1 }).run(activities.createAlertGroup, input);
    await new MockActivityEnvironment({ attempt: 2 }).run(activities.createAlertGroup, input);
    expect(oc.writes).toHaveLength(1);
  });

  it('updateIncident retried after its write landed (response lost, worker killed) does not write again', async () => {
    const { sn, activities } = setup();
    const incident = sn.humanCreate({ short_description: 'x' });
    const input = { integrationId: 'int1', sysId: incident.sys_id, fields: { state: '2' } };
    const first = await new MockActivityEnvironment({ attempt: 1 }).run<
      [typeof input],
      IncidentSnapshot,
      typeof activities.updateIncident
    >(activities.updateIncident, input);
    const writes = sn.writes.length;
    const retried = await new MockActivityEnvironment({ attempt: 2 }).run(activities.updateIncident, input);
    expect(sn.writes).toHaveLength(writes);
    expect(retried).toMatchObject({ state: '2', modCount: first.modCount });
  });

  describe('updateIncident retried after a restart (its first attempt may or may not have landed)', () => {
    const retry = <O>(fn: (input: UpdateIncidentInput) => Promise<O>, input: UpdateIncidentInput) =>
      new MockActivityEnvironment({ attempt: 2 }).run<[UpdateIncidentInput], O, typeof fn>(fn, input);
    const knownOf = (incident: { sys_mod_count: number; state: string }) => ({
      modCount: incident.sys_mod_count,
      fields: { state: incident.state },
    });

    it('writes when nobody changed the incident since the write was decided, however recent its last change', async () => {
      const { sn, activities } = setup();
      const incident = sn.humanCreate({ short_description: 'x' });
      const input = { integrationId: 'int1', sysId: incident.sys_id, fields: { state: '2' }, known: knownOf(incident) };
      const written = await retry(activities.updateIncident, input);
      expect(written.state).toBe('2');
      expect(sn.writes).toHaveLength(1);
    });

    it("writes when the last change is the bridge's own", async () => {
      const { sn, activities } = setup();
      const incident = sn.humanCreate({ short_description: 'x' });
      const known = knownOf(incident);
      await sn.updateIncident(incident.sys_id, { state: '2' });
      const input = { integrationId: 'int1', sysId: incident.sys_id, fields: { state: '3' }, known };
      expect((await retry(activities.updateIncident, input)).state).toBe('3');
    });

    it('writes when a person changed only other fields since', async () => {
      const { sn, activities } = setup();
      const incident = sn.humanCreate({ short_description: 'x' });
      const known = knownOf(incident);
      sn.humanUpdate(incident.sys_id, { short_description: 'edited by a person' });
      const input = { integrationId: 'int1', sysId: incident.sys_id, fields: { state: '2' }, known };
      expect((await retry(activities.updateIncident, input)).state).toBe('2');
    });

    it("stops without writing when a person changed a written field since: the person's newer change wins", async () => {
      const { sn, activities } = setup();
      const incident = sn.humanCreate({ short_description: 'x' });
      const known = knownOf(incident);
      sn.humanUpdate(incident.sys_id, { state: '3' });
      const writes = sn.writes.length;
      const input = { integrationId: 'int1', sysId: incident.sys_id, fields: { state: '2' }, known };
      await expect(retry(activities.updateIncident, input)).rejects.toMatchObject({
        type: 'servicenow_conflict',
        nonRetryable: true,
      });
      expect(sn.writes).toHaveLength(writes);
      expect(sn.incidents.get(incident.sys_id)?.state).toBe('3');
    });
  });

  it('turns a rejected write into a non-retryable failure with the classified type', async () => {
    const { sn, activities, call } = setup();
    const incident = sn.humanCreate({ short_description: 'x' });
    const run = call(activities.updateIncident, {
      integrationId: 'int1',
      sysId: incident.sys_id,
      fields: { state: '6' },
    });
    await expect(run).rejects.toMatchObject({ type: 'servicenow_http_403', nonRetryable: true });
  });

  it('turns a rate limit into a retryable failure whose next retry waits for Retry-After', () => {
    const failure = toApplicationFailure(classifyServiceNow(new HttpError(429, 'slow down', {}, 2500)));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ nonRetryable: false, nextRetryDelay: 2500 });
  });

  it('moveAlertGroup on a "wrong state" 400 re-reads and reports the actual state instead of failing', async () => {
    const { oc, activities, call } = setup();
    const id = oc.fireAlert(oc.bridgeIntegrationId, { title: 't' });
    oc.beforeAction = (groupId) => {
      oc.beforeAction = () => undefined;
      oc.humanAction(groupId, 'resolve');
    };
    const result = await call(activities.moveAlertGroup, {
      integrationId: 'int1',
      alertGroupId: id,
      target: 'acknowledged',
    });
    expect(result).toMatchObject({ wrongState: true, actions: [], group: { id, state: 'resolved' } });
  });

  it('moveAlertGroup takes the multi-step path and returns the group with its newest time', async () => {
    const { oc, activities, call } = setup();
    const id = oc.fireAlert(oc.bridgeIntegrationId, { title: 't' });
    oc.humanAction(id, 'resolve');
    const result = await call(activities.moveAlertGroup, {
      integrationId: 'int1',
      alertGroupId: id,
      target: 'acknowledged',
    });
    expect(result.actions).toEqual(['unresolve', 'acknowledge']);
    expect(result.group.state).toBe('acknowledged');
    expect(result.group.version).toBe(oc.groups.get(id)?.group.acknowledged_at);
  });

  it('moveAlertGroup from the state the pair knows posts the action alone and reports the target without a version', async () => {
    const { oc, activities, call } = setup();
    const id = oc.fireAlert(oc.bridgeIntegrationId, { title: 't' });
    const reads = countReads(oc);
    const input = { integrationId: 'int1', alertGroupId: id, target: 'resolved' as const, from: 'firing' as const };
    const result = await call(activities.moveAlertGroup, input);
    expect(result).toEqual({
      group: { id, state: 'resolved', version: null },
      actions: ['resolve'],
      wrongState: false,
    });
    expect(reads).toEqual([]);
    expect(oc.groups.get(id)?.group.state).toBe('resolved');
  });

  it('moveAlertGroup from a state a person changed meanwhile reads the group once, after the refusal', async () => {
    const { oc, activities, call } = setup();
    const id = oc.fireAlert(oc.bridgeIntegrationId, { title: 't' });
    oc.humanAction(id, 'resolve');
    const reads = countReads(oc);
    const input = { integrationId: 'int1', alertGroupId: id, target: 'acknowledged' as const, from: 'firing' as const };
    const result = await call(activities.moveAlertGroup, input);
    expect(result).toMatchObject({ wrongState: true, actions: [], group: { id, state: 'resolved' } });
    expect(result.group.version).toBe(oc.groups.get(id)?.group.resolved_at);
    expect(reads).toEqual([id]);
  });

  it('moveAlertGroup retried after an attempt whose outcome is unknown reads first and does not act twice', async () => {
    const { oc, activities } = setup();
    const id = oc.fireAlert(oc.bridgeIntegrationId, { title: 't' });
    await oc.acknowledge(id);
    const input = { integrationId: 'int1', alertGroupId: id, target: 'acknowledged' as const, from: 'firing' as const };
    const retried = await new MockActivityEnvironment({ attempt: 2 }).run<
      [typeof input],
      Awaited<ReturnType<typeof activities.moveAlertGroup>>,
      typeof activities.moveAlertGroup
    >(activities.moveAlertGroup, input);
    expect(retried).toMatchObject({ actions: [], wrongState: false, group: { state: 'acknowledged' } });
    expect(retried.group.version).toBe(oc.groups.get(id)?.group.acknowledged_at);
    expect(oc.writes.filter((w) => w.kind === 'acknowledge')).toHaveLength(1);
  });

  it('moveAlertGroup refused with 429 tells its next attempt, which acts first without a read; any other failure does not', async () => {
    const { oc, activities } = setup();
    const id = oc.fireAlert(oc.bridgeIntegrationId, { title: 't' });
    const input = { integrationId: 'int1', alertGroupId: id, target: 'resolved' as const, from: 'firing' as const };
    const resolve = oc.resolve.bind(oc);
    const attempt = async (info: { attempt: number; heartbeatDetails?: unknown }, failWith?: HttpError) => {
      oc.resolve = failWith ? () => Promise.reject(failWith) : resolve;
      // An id of its own: the worker also keeps what an attempt told, by activity.
      const env = new MockActivityEnvironment({ ...info, activityId: 'move-refused-429' });
      const told: unknown[] = [];
      env.on('heartbeat', (details: unknown) => told.push(details));
      const run = env.run(activities.moveAlertGroup, input);
      return {
        outcome: await run.then(
          (result) => result,
          (error: unknown) => error,
        ),
        told,
      };
    };
    const refused = await attempt({ attempt: 1 }, new HttpError(429, 'throttled', {}, 60_000));
    expect(refused.outcome).toMatchObject({ nextRetryDelay: 60_000 });
    expect(refused.told).toEqual([{ wroteNothingThrough: 1 }]);
    // Its outcome is unknown: not told, so the attempt after it reads first.
    const unknown = await attempt(
      { attempt: 2, heartbeatDetails: refused.told[0] },
      new HttpError(503, 'busy', {}, undefined),
    );
    expect(unknown.told).toEqual([]);
    const reads = countReads(oc);
    const acted = await attempt({ attempt: 2, heartbeatDetails: refused.told[0] });
    expect(acted.outcome).toMatchObject({ actions: ['resolve'], group: { state: 'resolved', version: null } });
    expect(reads).toEqual([]);
    // Attempt 3 after the unknown attempt 2 (its heartbeat still attempt 1's) reads first.
    await attempt({ attempt: 3, heartbeatDetails: refused.told[0] });
    expect(reads).toEqual([id, id]);
  });

  it('a refused attempt is known to its retry on the same worker even when its heartbeat was lost', async () => {
    const { oc, activities } = setup();
    const id = oc.fireAlert(oc.bridgeIntegrationId, { title: 't' });
    const input = { integrationId: 'int1', alertGroupId: id, target: 'acknowledged' as const, from: 'firing' as const };
    const acknowledge = oc.acknowledge.bind(oc);
    oc.acknowledge = () => Promise.reject(new HttpError(429, 'throttled', {}, 1000));
    const first = new MockActivityEnvironment({ attempt: 1, activityId: 'move-heartbeat-lost' });
    await expect(first.run(activities.moveAlertGroup, input)).rejects.toMatchObject({ nextRetryDelay: 1000 });
    oc.acknowledge = acknowledge;
    const reads = countReads(oc);
    const retry = new MockActivityEnvironment({ attempt: 2, activityId: 'move-heartbeat-lost' });
    expect(await retry.run(activities.moveAlertGroup, input)).toMatchObject({ actions: ['acknowledge'] });
    expect(reads).toEqual([]);
  });

  it('readAlertGroup finds a ServiceNow-born group by alert_uid, and readIncident by correlation id', async () => {
    const { oc, sn, activities, call } = setup();
    oc.fireAlert(oc.bridgeIntegrationId, { alert_uid: 'other' });
    const id = oc.fireAlert(oc.bridgeIntegrationId, { alert_uid: 'servicenow:abc' });
    const lookup: ReadAlertGroupInput = {
      integrationId: 'int1',
      alertGroupId: null,
      alertUid: 'servicenow:abc',
      oncallIntegrationId: oc.bridgeIntegrationId,
    };
    const group = await call(activities.readAlertGroup, lookup);
    expect(group?.id).toBe(id);
    const incident = sn.humanCreate({ correlation_id: 'oncall:IAG9' });
    const read = await call(activities.readIncident, {
      integrationId: 'int1',
      sysId: null,
      correlationId: 'oncall:IAG9',
    });
    expect(read?.sysId).toBe(incident.sys_id);
    expect(await call(activities.readIncident, { integrationId: 'int1', sysId: null, correlationId: null })).toBeNull();
  });
});
