import type { IncomingMessage } from 'node:http';
import { oncallAction, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incident, incidentFor, oncallPairKey, openAlertGroup, pairView } from './support/actions';
import { quiet } from './support/ledger';
import { useWorkerProcessRig } from './support/worker-process';

describe('a ServiceNow write retried after a worker restart', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  const workers = useWorkerProcessRig((started) => ({ rig, integration } = started));

  it('when the incident was created in the same second the write was decided, then the retry still writes it', async () => {
    // The first PATCH fails before it changes anything; its retry runs on a new worker.
    await fetch(`${rig.sn.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 503, method: 'PATCH', count: 1 }),
    });
    const patches: number[] = [];
    const onRequest = (req: IncomingMessage) => {
      if (req.method === 'PATCH' && req.url?.includes('/incident/')) patches.push(Date.now());
    };
    rig.sn.server.on('request', onRequest);

    // Acknowledged at once: the bridge decides the write as soon as its create returns, so the incident's
    // sys_updated_on (whole seconds) is the very second the write was decided.
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Created and acknowledged in one second');
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    const created = await incidentFor(rig, group.id);
    await waitFor(() => patches.length >= 1, { intervalMs: 10, what: 'the first PATCH (answered 503)' });
    await workers.restart();

    await waitFor(async () => (await incident(rig, created.sys_id!))?.state === '2', {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: 'the incident In Progress',
    });
    await quiet(rig);
    rig.sn.server.off('request', onRequest);
    const view = await pairView(rig, oncallPairKey(integration, group.id));
    expect(view.lastError).toBeNull();
    expect(view.pending.servicenow).toBeNull();
    expect(view.timeline.map((entry) => entry.kind)).not.toContain('write_failed');
    expect(patches).toHaveLength(2);
  });
});
