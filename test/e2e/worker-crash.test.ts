import type { IncomingMessage } from 'node:http';
import { oncallAction, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incident, incidentFor, oncallPairKey, openAlertGroup, pairView } from './support/actions';
import { quiet } from './support/ledger';
import { useWorkerProcessRig } from './support/worker-process';

describe('a crash of the worker in the middle of a pair', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  const workers = useWorkerProcessRig((started) => ({ rig, integration } = started));

  it('when the worker is killed while a ServiceNow write is in flight, then a new worker completes it, once', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Worker crash mid-write');
    const created = await incidentFor(rig, group.id);
    await quiet(rig);
    const modCount = Number(created.sys_mod_count);

    // Every PATCH of this incident that reaches ServiceNow, seen as it arrives (before any response).
    const patches: string[] = [];
    const onRequest = (req: IncomingMessage) => {
      if (req.method === 'PATCH' && req.url?.includes(created.sys_id!)) patches.push(new Date().toISOString());
    };
    rig.sn.server.on('request', onRequest);
    await fetch(`${rig.sn.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delayMs: 2000, count: 1 }),
    });

    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(() => patches.length === 1, { intervalMs: 10, what: "the bridge's PATCH in flight" });
    await workers.restart();

    // The held PATCH still lands; the new worker retries the activity once its attempt times out, and
    // that retry finds the incident already In Progress instead of writing it again.
    await waitFor(
      async () => {
        const view = await pairView(rig, oncallPairKey(integration, group.id));
        return view.pending.servicenow === null && view.timeline.some((e) => e.kind === 'incident_updated');
      },
      { timeoutMs: 50_000, intervalMs: 500, what: 'the write completed by the new worker' },
    );
    await quiet(rig);
    rig.sn.server.off('request', onRequest);
    const final = await incident(rig, created.sys_id!);
    expect(final).toMatchObject({ state: '2' });
    expect(Number(final!.sys_mod_count)).toBe(modCount + 1);
    expect(patches).toHaveLength(1);
    expect((await pairView(rig, oncallPairKey(integration, group.id))).lastError).toBeNull();
  });
});
