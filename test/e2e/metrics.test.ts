/**
 * `/metrics` while a pair flows through the real bridge, worker and both emulators: the counters move
 * with what happens, under the labels README "Metrics" documents, and never with a pair's id as a label.
 */
import { type Rig, type SetUpIntegration, oncallAction, useIntegrationRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { deliveryIndex, incident, incidentFor, openAlertGroup, resendDelivery } from './support/actions';

type Samples = Map<string, number>;

/** Scrapes `/metrics` into `name{label="value",...}` → value (labels as Prometheus prints them). */
async function scrape(rig: Rig): Promise<{ text: string; samples: Samples }> {
  const res = await fetch(rig.bridge.metricsUrl!);
  expect(res.status).toBe(200);
  const text = await res.text();
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1]!, Number(match[2]));
  }
  return { text, samples };
}

/** The sum of every sample of `name` whose labels include all of `labels`. */
function sum(samples: Samples, name: string, labels: Record<string, string>): number {
  let total = 0;
  for (const [key, value] of samples) {
    if (key !== name && !key.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([label, wanted]) => key.includes(`${label}="${wanted}"`))) total += value;
  }
  return total;
}

async function until(rig: Rig, what: string, test: (samples: Samples) => boolean): Promise<Samples> {
  return waitFor(
    async () => {
      const { samples } = await scrape(rig);
      return test(samples) ? samples : undefined;
    },
    { what },
  );
}

describe('metrics while a pair flows', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  it('when an alert group is opened and acknowledged, then webhooks, events, writes, lag and calls count it', async () => {
    const integ = integration.id;
    const before = (await scrape(rig)).samples;
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Metrics flow');
    const created = await incidentFor(rig, group.id);
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incident(rig, created.sys_id!))?.state === '2', { what: 'In Progress' });

    const writes = { integration: integ, side: 'servicenow', outcome: 'ok' };
    const after = await until(
      rig,
      'the create and the update counted',
      (s) =>
        sum(s, 'bridge_writes_total', { ...writes, kind: 'create' }) >= 1 &&
        sum(s, 'bridge_writes_total', { ...writes, kind: 'update' }) >= 1 &&
        sum(s, 'bridge_sync_lag_seconds_count', { integration: integ, direction: 'oncall_to_servicenow' }) >= 2,
    );
    const grew = (name: string, labels: Record<string, string>) => sum(after, name, labels) - sum(before, name, labels);
    expect(
      grew('bridge_webhooks_total', { source: 'oncall', integration: integ, status: '202' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      grew('bridge_events_total', { integration: integ, source: 'oncall', outcome: 'applied' }),
    ).toBeGreaterThanOrEqual(2);
    expect(grew('bridge_outbound_calls_total', { system: 'servicenow', status: '2xx' })).toBeGreaterThanOrEqual(2);
    expect(grew('bridge_outbound_call_duration_seconds_count', { system: 'servicenow' })).toBeGreaterThanOrEqual(2);

    const text = (await scrape(rig)).text;
    expect(text).not.toContain(group.id);
    expect(text).not.toContain(created.sys_id!);
  });

  it('when OnCall re-sends a webhook, then the pair counts it as a duplicate', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Metrics duplicate');
    await incidentFor(rig, group.id);
    const labels = { integration: integration.id, source: 'oncall', outcome: 'duplicate' };
    const before = sum((await scrape(rig)).samples, 'bridge_events_total', labels);
    await resendDelivery(rig, deliveryIndex(rig, group.id, 'alert group created'));
    await until(rig, 'the duplicate counted', (s) => sum(s, 'bridge_events_total', labels) === before + 1);
  });

  it('when ServiceNow answers 429 once, then the 429 and a retried write count, then the write succeeds', async () => {
    const group = await openAlertGroup(rig, integration.inboundUrl, 'Metrics rate limit');
    const created = await incidentFor(rig, group.id);
    const before = (await scrape(rig)).samples;
    await fetch(`${rig.sn.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 429, count: 1, retryAfter: 1, method: 'PATCH' }),
    });
    expect(await oncallAction(rig, group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incident(rig, created.sys_id!))?.state === '2', { what: 'In Progress' });
    const retried = { integration: integration.id, side: 'servicenow', kind: 'update', outcome: 'retried' };
    const after = await until(
      rig,
      'the retry counted',
      (s) => sum(s, 'bridge_writes_total', retried) > sum(before, 'bridge_writes_total', retried),
    );
    expect(sum(after, 'bridge_writes_total', { ...retried, failure_type: 'rate_limited' })).toBeGreaterThanOrEqual(1);
    expect(sum(after, 'bridge_outbound_rate_limited_total', { system: 'servicenow' })).toBeGreaterThan(
      sum(before, 'bridge_outbound_rate_limited_total', { system: 'servicenow' }),
    );
  });

  it('when a webhook names an integration that does not exist, then it counts under "unknown", not its id', async () => {
    const res = await fetch(`${rig.bridgeUrl}/webhooks/oncall/invented-id-123`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    const { text, samples } = await scrape(rig);
    expect(
      sum(samples, 'bridge_webhooks_total', { source: 'oncall', integration: 'unknown', status: '404' }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('invented-id-123');
  });

  it('when reconciliation runs, then the run counts, and the open pairs of the integration are reported', async () => {
    const labels = { integration: integration.id };
    const before = sum((await scrape(rig)).samples, 'bridge_reconcile_runs_total', labels);
    expect((await rig.admin('POST', `/api/v1/integrations/${integration.id}/reconcile`)).status).toBeLessThan(300);
    await until(rig, 'the run counted', (s) => sum(s, 'bridge_reconcile_runs_total', labels) === before + 1);
    await until(rig, 'open pairs reported', (s) => sum(s, 'bridge_open_pairs', labels) >= 3);
  });
});
