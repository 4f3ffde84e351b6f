/**
 * Exactly once across a worker crash in the middle of a create: the create reached the other system, but
 * the worker died before its workflow task completed, so the next worker runs the task, and the create,
 * again. It must find what the first attempt made, through what the pair already heard (the other
 * system's webhook of the new record) or, when that webhook never came, by looking it up.
 */
import { oncallPairKey, openAlertGroup, pairView, servicenowPairKey } from './support/actions';
import { snAsPerson, type Rig, type SetUpIntegration } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { useWorkerProcessRig } from './support/worker-process';
import type { PairKey } from '../../workflows/ids';

type Logged = { method: string; path: string; user: string | null; status: number | null; body: any };

async function requests(url: string): Promise<Logged[]> {
  return (await (await fetch(`${url}/__emulator/requests`)).json()) as Logged[];
}

async function fault(url: string, body: object): Promise<void> {
  await fetch(`${url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('a worker killed after a create reached the other system, before its task completed', () => {
  let rig: Rig;
  let integration: SetUpIntegration;
  const workers = useWorkerProcessRig((started) => ({ rig, integration } = started));
  afterEach(async () => {
    await fault(rig.sn.url, {});
    await fault(rig.oc.url, {});
  });

  /** Kills the worker once `landed` holds (the create happened, its answer held back), starts another. */
  async function crashAfter(landed: () => boolean | Promise<boolean>) {
    await waitFor(landed, { intervalMs: 20, what: 'the create to land while its answer is held' });
    await workers.restart();
  }

  async function waitForTimeline(key: PairKey, kind: string) {
    await waitFor(async () => (await pairView(rig, key)).timeline.some((e) => e.kind === kind), {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: `${kind} on the pair's timeline`,
    });
  }

  async function setCreatedWebhook(enabled: boolean) {
    const headers = { authorization: rig.botKey, 'content-type': 'application/json' };
    const list = (await (await fetch(`${rig.oc.url}/api/v1/webhooks/`, { headers })).json()) as {
      results: { id: string; trigger_type: string }[];
    };
    const created = list.results.find((w) => w.trigger_type === 'alert group created');
    if (!created) throw new Error('no alert group created webhook');
    await fetch(`${rig.oc.url}/api/v1/webhooks/${created.id}/`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ is_webhook_enabled: enabled }),
    });
  }

  const bridgePosts = async (alertUid: string) =>
    (await requests(rig.oc.url)).filter((r) => r.method === 'POST' && r.body?.alert_uid === alertUid);
  const alertsOf = (alertUid: string) =>
    rig.oc
      .alertGroups()
      .filter((g) => (g.last_alert?.payload as { alert_uid?: string } | undefined)?.alert_uid === alertUid);

  async function serviceNowBorn(title: string) {
    await fault(rig.oc.url, { answerDelayMs: 30_000, path: '/integrations/v1/', method: 'POST' });
    const created = await snAsPerson(rig, 'POST', '', { short_description: title });
    const alertUid = `servicenow:${created.sys_id}`;
    await crashAfter(() => alertsOf(alertUid).length === 1);
    const key = servicenowPairKey(integration, created.sys_id!);
    await waitForTimeline(key, 'alert_sent');
    await rig.oc.idle();
    return { alertUid, key };
  }

  it('when a ServiceNow-born alert was posted and OnCall told the pair, then the re-run task posts nothing and looks nothing up', async () => {
    const { alertUid } = await serviceNowBorn('Crash after the alert post');
    expect(alertsOf(alertUid).map((g) => g.alerts_count)).toEqual([1]);
    expect(await bridgePosts(alertUid)).toHaveLength(1);
    // The "alert group created" webhook reached the pair before the task ran again: no search was needed.
    expect((await requests(rig.oc.url)).filter((r) => r.path.startsWith('/alerts'))).toEqual([]);
  });

  it("when a ServiceNow-born alert was posted and OnCall's webhook never came, then the re-run task finds the alert", async () => {
    await setCreatedWebhook(false);
    try {
      const { alertUid, key } = await serviceNowBorn('Crash after the alert post, no webhook');
      expect(alertsOf(alertUid).map((g) => g.alerts_count)).toEqual([1]);
      expect(await bridgePosts(alertUid)).toHaveLength(1);
      expect((await pairView(rig, key)).lastError).toBeNull();
    } finally {
      await setCreatedWebhook(true);
    }
  });

  async function oncallBorn(title: string) {
    await fault(rig.sn.url, { answerDelayMs: 30_000, path: '/api/now/table/incident', method: 'POST' });
    const group = await openAlertGroup(rig, integration.inboundUrl, title);
    const correlationId = `oncall:${group.id}`;
    const rows = () => [...rig.sn.store.rows('incident').values()].filter((r) => r.correlation_id === correlationId);
    await crashAfter(() => rows().length === 1);
    const key = oncallPairKey(integration, group.id);
    await waitForTimeline(key, 'incident_created');
    const creates = (await requests(rig.sn.url)).filter(
      (r) => r.method === 'POST' && r.path === '/api/now/table/incident' && r.body?.correlation_id === correlationId,
    );
    return { rows: rows(), creates, key };
  }

  it('when an OnCall-born incident was created and its Business Rule told the pair, then the re-run task creates none', async () => {
    const { rows, creates, key } = await oncallBorn('Crash after the incident create');
    expect(rows).toHaveLength(1);
    expect(creates).toHaveLength(1);
    expect((await pairView(rig, key)).incidentSysId).toBe(rows[0]!.sys_id);
  });

  it('when an OnCall-born incident was created and no Business Rule ran, then the re-run task finds it', async () => {
    const ruleList = rig.sn.rules.registry.list();
    ruleList.forEach((rule) => (rule.active = false));
    try {
      const { rows, creates, key } = await oncallBorn('Crash after the incident create, no rule');
      expect(rows).toHaveLength(1);
      expect(creates).toHaveLength(1);
      expect((await pairView(rig, key)).incidentSysId).toBe(rows[0]!.sys_id);
    } finally {
      ruleList.forEach((rule) => (rule.active = true));
    }
  });
});
