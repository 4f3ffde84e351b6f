import { oncallAction, type Rig, type SetUpIntegration, snAsPerson, useIntegrationRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incident, incidentFor, oncallPairKey, openAlertGroup, pairView, servicenowPairKey } from './support/actions';
import { ocLines, quiet, since, snLines } from './support/ledger';

const RESOLVE = { state: '6', close_code: 'Solution provided', close_notes: 'fixed' };
const SN_STATE_OF: Record<string, string> = { firing: '1', acknowledged: '2', resolved: '6' };

async function setFault(url: string, fault: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  if (res.status !== 200) throw new Error(`fault refused: ${res.status}`);
}

describe('changes on both sides at once', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  it('when OnCall acknowledges while ServiceNow resolves, then both sides converge and the writes stop', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Concurrent changes');
    const created = await incidentFor(rig, group.id);
    const before = await quiet(rig);

    await Promise.all([
      oncallAction(rig, group.id, 'acknowledge'),
      snAsPerson(rig, 'PATCH', `/${created.sys_id}`, RESOLVE),
    ]);

    // Both changes are a person's and neither side orders them against the other. The bridge applies the
    // one it hears of first and carries it over; the other side's change is then older than the bridge's
    // write there (ServiceNow's sys_mod_count, OnCall's event time) and is dropped as stale, so the newest
    // change on each side is the end state (bridge.md §6.6). In this rig OnCall's webhook usually comes
    // first (acknowledged wins); either way the sides agree and exactly one write carries the winner over.
    const settled = await waitFor(
      async () => {
        await quiet(rig);
        const oc = rig.oc.alertGroup(group.id)?.state;
        const sn = (await incident(rig, created.sys_id!))?.state;
        return oc && sn && SN_STATE_OF[oc] === sn ? { oc, sn } : undefined;
      },
      { what: 'both sides in the same state' },
    );
    const writes = since(before, await quiet(rig));
    if (settled.oc === 'acknowledged') {
      expect(snLines(writes.sn)).toEqual(['PATCH state=2']);
      expect(writes.ocActions).toEqual([]);
    } else {
      expect(ocLines(writes.ocActions)).toEqual([`${group.id}/resolve`]);
      expect(writes.sn).toEqual([]);
    }
    expect(since(before, await quiet(rig))).toEqual(writes);
    expect((await pairView(rig, oncallPairKey(integration, group.id))).lastError).toBeNull();
  });
});

describe('OnCall answers "wrong state"', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  it('when a person resolves the group right before the bridge acknowledges it, then the bridge re-reads and both sides agree', async () => {
    const created = await snAsPerson(rig, 'POST', '', { short_description: 'Moved under the bridge' });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(created.number!)), {
      what: 'alert group for the incident',
    });
    const before = await quiet(rig);

    // Hold the bridge's acknowledge (it acts from the state it knows, without a read first), and resolve as a
    // person once the acknowledge has arrived: OnCall then judges it against the person's newer state.
    await setFault(rig.oc.url, { delayMs: 1500, count: 1, path: '/acknowledge' });
    await snAsPerson(rig, 'PATCH', `/${created.sys_id}`, { state: '2' });
    await waitFor(
      async () => {
        const res = await fetch(`${rig.oc.url}/__emulator/requests`);
        const all = (await res.json()) as { method: string; path: string; status: number | null }[];
        return all.some((r) => r.method === 'POST' && r.path.endsWith(`${group.id}/acknowledge/`) && r.status === null);
      },
      { intervalMs: 10, what: "the bridge's acknowledge, held" },
    );
    expect(await oncallAction(rig, group.id, 'resolve')).toBe(200);

    // The person's resolve is newer than the ServiceNow change the bridge was carrying over, so it wins:
    // the bridge does not undo it in OnCall, and ServiceNow follows it (once).
    await waitFor(async () => (await incident(rig, created.sys_id!))?.state === '6', { what: 'incident Resolved' });
    const writes = since(before, await quiet(rig));
    expect(rig.oc.alertGroup(group.id)?.state).toBe('resolved');
    expect(writes.ocActions.map((r) => [ocLines([r])[0], r.status])).toEqual([[`${group.id}/acknowledge`, 400]]);
    expect(snLines(writes.sn)).toEqual(['PATCH state=6']);
    expect(writes.sn[0]?.body).toMatchObject({ close_code: expect.any(String), close_notes: expect.any(String) });
    const view = await pairView(rig, servicenowPairKey(integration, created.sys_id!));
    expect(view.lastError).toBeNull();
    expect(view.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['wrong_state', 'superseded']));
    expect(view.timeline.filter((e) => e.kind === 'write_failed')).toEqual([]);
    expect(since(before, await quiet(rig))).toEqual(writes);
  });
});
