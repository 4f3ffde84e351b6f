/**
 * OnCall-born alert groups at a given rate, through the real OnCall emulator: alerts go to an inbound URL,
 * the emulator delivers "alert group created" webhooks, and a forwarder (the bridge or the relay) creates
 * the incidents. Shared by the relay and bridge scenarios so both are measured the same way.
 */
import { requestJson } from '../common/http';
import {
  bodyField,
  countIncidents,
  deliveries,
  apiRequests,
  firstDeliveries,
  writesAfter,
  listIncidents,
} from '../common/logs';
import { paced, untilCount } from '../common/pace';
import { sample } from '../common/proc';
import { stepResult, type StepResult } from '../common/step';

export interface CreateStepInput {
  scenario: string;
  step: string;
  ocUrl: string;
  snUrl: string;
  inboundUrl: string;
  /** `oncall:` for the bridge, `relay:` for the relay. */
  correlationPrefix: string;
  /** The process whose CPU and memory count. */
  pid: number;
  rate: number;
  count: number;
  timeoutMs?: number;
  /** Labels of the i-th alert (the templates of an integration with a field mapping read them). */
  labels?: (i: number) => Record<string, string>;
}

export interface CreateStepOutput {
  result: StepResult;
  /** Alert group ids of the incidents that were created, for later lifecycle steps. */
  alertGroupIds: string[];
  tag: string;
}

let serial = 0;

export async function createStep(input: CreateStepInput): Promise<CreateStepOutput> {
  serial += 1;
  const tag = `B${Date.now().toString(36)}x${serial}`;
  const before = sample(input.pid);
  const { startedAt, results } = await paced(input.count, input.rate, async (i) => {
    const res = await requestJson('POST', input.inboundUrl, {
      alert_uid: `${tag}-${i}`,
      title: `${tag} alert ${i}`,
      message: 'bench',
      state: 'alerting',
      ...(input.labels ? { labels: input.labels(i) } : {}),
    });
    if (res.status >= 300) throw new Error(`inbound alert answered ${res.status}`);
  });
  const sent = results.filter((r) => r.status === 'fulfilled').length;
  const query = `short_descriptionSTARTSWITH${tag} `;
  await untilCount(() => countIncidents(input.snUrl, query), sent, {
    timeoutMs: input.timeoutMs ?? 180_000,
    stallMs: 30_000,
  });
  const after = sample(input.pid);
  const rows = await listIncidents(input.snUrl, query);
  const ids = rows.map((row) => row.correlation_id.slice(input.correlationPrefix.length));
  const sentAt = firstDeliveries(await deliveries(input.ocUrl), 'alert group created');
  const writtenAt = writesAfter(
    await apiRequests(input.snUrl),
    (request) => {
      const correlation = request.method === 'POST' ? bodyField(request, 'correlation_id') : undefined;
      return correlation?.startsWith(input.correlationPrefix)
        ? correlation.slice(input.correlationPrefix.length)
        : undefined;
    },
    sentAt,
  );
  return {
    tag,
    alertGroupIds: ids,
    result: stepResult({
      scenario: input.scenario,
      step: input.step,
      rate: input.rate,
      events: input.count,
      startedAt,
      causes: sentAt,
      effects: writtenAt,
      keys: ids,
      before,
      after,
    }),
  };
}
