/**
 * An old OnCall webhook re-sent with the valid credential and its `event.time` moved to "now" passes the
 * receiver's time window; the pair must see that the payload contradicts what it heard and re-read the group
 * instead of writing the old change to ServiceNow (docs/SECURITY.md, replayed events).
 */
import { oncallAction, type Rig, type SetUpIntegration, useIntegrationRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { deliveryIndex, incident, incidentFor, oncallPairKey, openAlertGroup, pairView } from './support/actions';
import { BRIDGE_ONCALL_USER, quiet, since } from './support/ledger';

/** The bridge's reads of one alert group in OnCall's request log. */
async function groupReads(rig: Rig, alertGroupId: string): Promise<number> {
  const res = await fetch(`${rig.oc.url}/__emulator/requests`);
  const logged = (await res.json()) as { method: string; path: string; user: string | null }[];
  const path = new RegExp(`/alert_groups/${alertGroupId}/?$`);
  return logged.filter((r) => r.method === 'GET' && r.user === BRIDGE_ONCALL_USER && path.test(r.path)).length;
}

/** Posts an earlier delivery again, as an attacker holding the webhook credential would, with `event.time` now. */
async function replayWithTimeMoved(rig: Rig, index: number): Promise<number> {
  const delivery = rig.oc.deliveries()[index]!;
  const body = structuredClone(delivery.body) as { event: { time?: string } };
  body.event.time = new Date().toISOString().replace('Z', '+00:00');
  const res = await fetch(delivery.url, {
    method: 'POST',
    headers: { ...delivery.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

describe('an old OnCall webhook replayed with its event time moved', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  it('when an old acknowledge is replayed after the resolve, then the incident stays Resolved; a real unresolve and acknowledge still sync', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Replayed acknowledge');
    const created = await incidentFor(rig, group.id);
    const stateIs = (value: string) => async () => (await incident(rig, created.sys_id!))?.state === value;
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(stateIs('2'), { what: 'In Progress' });
    expect(await oncallAction(rig, group.id, 'resolve')).toBe(200);
    await waitFor(stateIs('6'), { what: 'Resolved' });
    const before = await quiet(rig);
    const readsBefore = await groupReads(rig, group.id);

    const key = oncallPairKey(integration, group.id);
    const oncallNotes = async () => (await pairView(rig, key)).timeline.filter((e) => e.source === 'oncall').length;
    const notesBefore = await oncallNotes();
    expect(await replayWithTimeMoved(rig, deliveryIndex(rig, group.id, 'acknowledge'))).toBe(202);
    await waitFor(async () => (await oncallNotes()) > notesBefore, { what: 'the pair took up the replay' });
    const afterReplay = await quiet(rig);

    expect(await incident(rig, created.sys_id!)).toMatchObject({ state: '6' });
    expect(rig.oc.alertGroup(group.id)?.state).toBe('resolved');
    expect(since(before, afterReplay)).toEqual({ sn: [], ocActions: [], ocInbound: [] });
    expect((await pairView(rig, key)).timeline).toContainEqual(expect.objectContaining({ kind: 'untrusted' }));
    // The one read the replay cost: the group, from OnCall.
    await waitFor(async () => (await groupReads(rig, group.id)) > readsBefore, { what: 'the group re-read' });
    expect(await groupReads(rig, group.id)).toBe(readsBefore + 1);

    // A person's unresolve (no event time: read, as always) and acknowledge (agrees: no read) still sync.
    expect(await oncallAction(rig, group.id, 'unresolve')).toBe(200);
    await waitFor(stateIs('1'), { what: 'New after unresolve' });
    await quiet(rig);
    const readsAfterUnresolve = await groupReads(rig, group.id);
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(stateIs('2'), { what: 'In Progress after the new acknowledge' });
    await quiet(rig);
    expect(await groupReads(rig, group.id)).toBe(readsAfterUnresolve);
  });
});
