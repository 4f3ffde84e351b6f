/**
 * The rate-limited storm: a burst of alerts with the OnCall emulator's per-minute limit on and an hourly
 * ServiceNow limit set. Every alert must end as exactly one incident; 429s are counted where they occur.
 */
import type { Integration } from '../common/bridge';
import { callsSince } from '../common/calls';
import { setRateLimits, type Emulators } from '../common/emulators';
import { apiRequests, deliveries } from '../common/logs';
import type { StepResult } from '../common/step';
import { createStep } from './oncall-born';

export interface StormInput {
  emulators: Emulators;
  integration: Integration;
  bridgePid: number;
  count: number;
  servicenowPerHour: number;
}

export async function storm(input: StormInput): Promise<StepResult> {
  const { emulators } = input;
  const marks = {
    deliveries: (await deliveries(emulators.ocUrl)).length,
    sn: (await apiRequests(emulators.snUrl)).length,
    oc: (await apiRequests(emulators.ocUrl)).length,
  };
  await setRateLimits(emulators, { oncallPerMinute: 300, servicenowPerHour: input.servicenowPerHour });
  try {
    const run = await createStep({
      scenario: 'storm',
      step: `${input.count} alerts, OnCall 300/min, ServiceNow ${input.servicenowPerHour}/h`,
      ocUrl: emulators.ocUrl,
      snUrl: emulators.snUrl,
      inboundUrl: input.integration.inboundUrl,
      correlationPrefix: 'oncall:',
      pid: input.bridgePid,
      rate: Number.POSITIVE_INFINITY,
      count: input.count,
      timeoutMs: 600_000,
    });
    const refused = (entries: { status?: number | null }[], status?: number) =>
      entries.filter((e) => (status === undefined ? (e.status ?? 500) >= 300 : e.status === status)).length;
    const stormDeliveries = (await deliveries(emulators.ocUrl)).slice(marks.deliveries);
    const calls = await callsSince(emulators, { sn: marks.sn, oc: marks.oc }, run.result.completed);
    const unique = new Set(run.alertGroupIds).size;
    return {
      ...run.result,
      extra: {
        // OnCall never re-sends a webhook answered with an error status: each of these is a lost event.
        webhooksRefusedByBridge: refused(stormDeliveries),
        webhooks429: refused(stormDeliveries, 429),
        webhooks503: refused(stormDeliveries, 503),
        servicenow429: refused(await apiRequests(emulators.snUrl, marks.sn), 429),
        oncall429: refused(await apiRequests(emulators.ocUrl, marks.oc), 429),
        duplicates: run.alertGroupIds.length - unique,
        calls,
      },
    };
  } finally {
    await setRateLimits(emulators, { oncallPerMinute: false, servicenowPerHour: null });
  }
}
