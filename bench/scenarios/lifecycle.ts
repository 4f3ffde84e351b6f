/**
 * Mixed lifecycles through both emulators: OnCall-born groups created, acknowledged and resolved in OnCall;
 * ServiceNow-born incidents created and resolved in ServiceNow. Each step's latency runs from the cause
 * (webhook delivered, or Business Rule call answered) to the write the bridge made on the other side.
 */
import type { Integration } from '../common/bridge';
import { callsSince, markCalls, withCalls } from '../common/calls';
import type { Emulators } from '../common/emulators';
import { requestJson } from '../common/http';
import { historyCost, type HistoryCost } from '../common/history';
import {
  apiRequests,
  countIncidents,
  deliveries,
  firstDeliveries,
  latencies,
  listIncidents,
  writesAfter,
} from '../common/logs';
import { paced, untilCount } from '../common/pace';
import { cpuBetween, sample } from '../common/proc';
import type { StepResult } from '../common/step';
import { summarize, throughput } from '../common/stats';
import type { Client } from '@temporalio/client';
import type { LifecycleFields } from './lifecycle-fields';
import { createStep } from './oncall-born';
import { serviceNowBorn } from './servicenow-born';

export interface LifecycleInput {
  emulators: Emulators;
  integration: Integration;
  client: Client;
  bridgePid: number;
  rate: number;
  count: number;
  /** An integration with the five-field mapping and a filter: alert labels and incident fields to match it. */
  fields?: Pick<LifecycleFields, 'labels' | 'incident'>;
}

export interface LifecycleOutput {
  steps: StepResult[];
  history: { oncallBorn: HistoryCost; servicenowBorn: HistoryCost };
}

export async function lifecycles(input: LifecycleInput): Promise<LifecycleOutput> {
  const { emulators, integration } = input;
  const mark = await markCalls(emulators);
  const created = await createStep({
    scenario: 'bridge-lifecycle',
    step: 'oncall create',
    ocUrl: emulators.ocUrl,
    snUrl: emulators.snUrl,
    inboundUrl: integration.inboundUrl,
    correlationPrefix: 'oncall:',
    pid: input.bridgePid,
    rate: input.rate,
    count: input.count,
    labels: input.fields?.labels,
  });
  const createCalls = await callsSince(emulators, mark, created.result.completed);
  const ack = await oncallAction(input, created.alertGroupIds, created.tag, 'acknowledge', '2');
  const resolve = await oncallAction(input, created.alertGroupIds, created.tag, 'resolve', '6');
  const sn = await serviceNowBorn(input);
  const sample10 = (ids: string[]) => ids.slice(0, 10);
  const pairId = (origin: string, id: string) => `pair/${integration.id}/${origin}/${id}`;
  return {
    steps: [withCalls(created.result, createCalls), ack, resolve, ...sn.steps],
    history: {
      oncallBorn: await historyCost(
        input.client,
        sample10(created.alertGroupIds).map((id) => pairId('oncall', id)),
      ),
      servicenowBorn: await historyCost(
        input.client,
        sample10(sn.sysIds).map((id) => pairId('servicenow', id)),
      ),
    },
  };
}

/** People act on the groups in OnCall; the bridge moves each incident to `state`. */
async function oncallAction(
  input: LifecycleInput,
  groupIds: string[],
  tag: string,
  action: 'acknowledge' | 'resolve',
  state: string,
): Promise<StepResult> {
  const { emulators } = input;
  const mark = await markCalls(emulators);
  const before = sample(input.bridgePid);
  const { startedAt, results } = await paced(groupIds.length, input.rate, async (i) => {
    const key = emulators.humanKeys[i % emulators.humanKeys.length]!;
    const res = await requestJson(
      'POST',
      `${emulators.ocUrl}/api/v1/alert_groups/${groupIds[i]}/${action}/`,
      undefined,
      {
        authorization: key,
      },
    );
    if (res.status >= 300) throw new Error(`${action} answered ${res.status}`);
  });
  const query = `short_descriptionSTARTSWITH${tag} ^state=${state}`;
  await untilCount(() => countIncidents(emulators.snUrl, query), groupIds.length, {
    timeoutMs: 180_000,
    stallMs: 30_000,
  });
  const after = sample(input.bridgePid);
  const rows = await listIncidents(emulators.snUrl, query);
  const sysIdToGroup = new Map(rows.map((row) => [row.sys_id, row.correlation_id.slice('oncall:'.length)]));
  const causes = firstDeliveries(await deliveries(emulators.ocUrl), action);
  const effects = writesAfter(
    await apiRequests(emulators.snUrl),
    (request) => (request.method === 'PATCH' ? sysIdToGroup.get(request.path.split('/').pop() ?? '') : undefined),
    causes,
  );
  const done = [...sysIdToGroup.values()];
  const end = Math.max(startedAt, ...done.map((id) => effects.get(id) ?? 0));
  const calls = await callsSince(emulators, mark, done.length);
  return {
    scenario: 'bridge-lifecycle',
    step: `oncall ${action}`,
    offeredRate: Number.isFinite(input.rate) ? input.rate : null,
    events: groupIds.length,
    completed: done.length,
    failed: groupIds.length - done.length + results.filter((r) => r.status === 'rejected').length,
    throughput: throughput(done.length, startedAt, end),
    latencyMs: summarize(latencies(causes, effects, done)),
    cpuMsPerEvent: (cpuBetween(before, after) * 1000) / Math.max(1, done.length),
    rssMb: after.rssMb,
    extra: { calls },
  };
}
