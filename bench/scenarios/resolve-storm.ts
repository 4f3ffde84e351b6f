/**
 * The OnCall half of the storm: ServiceNow-born alert groups, then every incident resolved in ServiceNow
 * at once with an OnCall API limit of half as many calls per minute as there are resolves. Each resolve
 * costs the bridge one OnCall call, so the limit is hit once and every pair of the integration then waits
 * the `Retry-After` through the shared budget instead of each being refused on its own. Every group must
 * end resolved by exactly one resolve action; the step reports the calls, the 429s and the time to drain.
 */
import { BRIDGE_ONCALL_USER, callsSince, markCalls } from '../common/calls';
import { SN_HUMAN, setRateLimits, type Emulators } from '../common/emulators';
import { expectJson } from '../common/http';
import { apiRequests, deliveries, type ApiRequest } from '../common/logs';
import { paced, untilCount } from '../common/pace';
import { sample } from '../common/proc';
import { stepResult, type StepResult } from '../common/step';

const UID_PREFIX = 'servicenow:';
const RESOLVE_PATH = /^(?:\/api\/v1)?\/alert_groups\/([^/]+)\/resolve\/?$/;

export interface ResolveStormInput {
  emulators: Emulators;
  bridgePid: number;
  count: number;
}

export async function resolveStorm(input: ResolveStormInput): Promise<StepResult> {
  const { snUrl, ocUrl } = input.emulators;
  const tag = `R${Date.now().toString(36)}`;
  const sysIds: string[] = [];
  // Built up with the limits off: only the resolves are the storm.
  await paced(input.count, 20, async (i) => {
    const created = await expectJson<{ result: { sys_id: string } }>('POST', `${snUrl}/__emulator/incidents`, {
      as: SN_HUMAN.user_name,
      fields: { short_description: `${tag} incident ${i}`, description: 'bench' },
    });
    sysIds.push(created.result.sys_id);
  });
  const groups = await groupsOf(ocUrl, sysIds, 180_000);
  const mark = (await apiRequests(ocUrl)).length;
  const callMark = await markCalls(input.emulators);
  const perMinute = oncallLimitFor(input.count);
  await setRateLimits(input.emulators, { oncallPerMinute: perMinute, servicenowPerHour: null });
  try {
    const before = sample(input.bridgePid);
    const resolvedAt = new Map<string, number>();
    const { startedAt } = await paced(sysIds.length, Number.POSITIVE_INFINITY, async (i) => {
      const sysId = sysIds[i]!;
      await expectJson('PATCH', `${snUrl}/__emulator/incidents/${sysId}`, {
        as: SN_HUMAN.user_name,
        fields: { state: '6', close_code: 'Solution provided', close_notes: 'bench' },
      });
      resolvedAt.set(groups.get(sysId)!, Date.now());
    });
    let actions = new Map<string, number[]>();
    await untilCount(
      async () => {
        actions = resolveActions(await apiRequests(ocUrl, mark));
        return actions.size;
      },
      groups.size,
      { timeoutMs: 900_000, stallMs: 120_000 },
    );
    const after = sample(input.bridgePid);
    const log = await apiRequests(ocUrl, mark);
    const first = new Map([...actions].map(([id, times]) => [id, Math.min(...times)]));
    const result = stepResult({
      scenario: 'storm',
      step: `${input.count} ServiceNow resolves, OnCall ${perMinute}/min`,
      rate: Number.POSITIVE_INFINITY,
      events: input.count,
      startedAt,
      causes: resolvedAt,
      effects: first,
      keys: [...first.keys()],
      before,
      after,
    });
    const calls = await callsSince(input.emulators, callMark, first.size);
    return {
      ...result,
      extra: {
        oncallCalls: log.filter((r) => r.user === BRIDGE_ONCALL_USER).length,
        oncall429: log.filter((r) => r.status === 429).length,
        oncall429AfterFirstWave: refusedAfterFirstWave(log),
        oncall429Offsets: refusedOffsets(log),
        duplicates: [...actions.values()].reduce((sum, times) => sum + times.length - 1, 0),
        drainMs: Math.max(...first.values()) - startedAt,
        calls,
      },
    };
  } finally {
    await setRateLimits(input.emulators, { oncallPerMinute: false, servicenowPerHour: null });
  }
}

/** Half the resolves fit in the first minute: the rest must wait for the limit's window to move on. */
export function oncallLimitFor(resolves: number): number {
  return Math.max(5, Math.round(resolves / 2));
}

/** The alert group of each incident, from the "created" webhooks that carry its `alert_uid`. */
async function groupsOf(ocUrl: string, sysIds: string[], timeoutMs: number): Promise<Map<string, string>> {
  const wanted = new Set(sysIds);
  let found = new Map<string, string>();
  await untilCount(
    async () => {
      found = new Map();
      for (const d of await deliveries(ocUrl)) {
        const uid = d.body?.alert_payload?.alert_uid;
        const sysId = typeof uid === 'string' && uid.startsWith(UID_PREFIX) ? uid.slice(UID_PREFIX.length) : '';
        if (wanted.has(sysId)) found.set(sysId, d.alertGroupId);
      }
      return found.size;
    },
    sysIds.length,
    { timeoutMs, stallMs: 30_000 },
  );
  if (found.size < sysIds.length) throw new Error(`only ${found.size} of ${sysIds.length} alert groups appeared`);
  return found;
}

/** The calls OnCall answered 429, each with when it reached OnCall in ms after the first 429 was answered. */
function refusedSinceFirst(log: ApiRequest[]): number[] {
  const refused = log.filter((r) => r.status === 429);
  const first = Math.min(...refused.map((r) => Date.parse(r.finishedAt ?? r.at)));
  return refused.map((r) => Date.parse(r.at) - first);
}

/**
 * 429s of calls that reached OnCall more than a second after the first 429 was answered: what the shared
 * budget is for. The calls already on their way when the limit was met (the first wave) could not know it;
 * the second is room for a loaded bridge's event loop between sending them and reading the first answer.
 */
function refusedAfterFirstWave(log: ApiRequest[]): number {
  return refusedSinceFirst(log).filter((ms) => ms > 1000).length;
}

/** Where the refusals fell: seconds after the first 429 was answered, to a tenth. */
function refusedOffsets(log: ApiRequest[]): number[] {
  return refusedSinceFirst(log).map((ms) => Math.round(ms / 100) / 10);
}

/** Successful resolve actions per alert group, as epoch ms. */
function resolveActions(log: ApiRequest[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const entry of log) {
    const id =
      entry.method === 'POST' && entry.status !== null && entry.status < 300
        ? RESOLVE_PATH.exec(entry.path)?.[1]
        : undefined;
    if (id) out.set(id, [...(out.get(id) ?? []), Date.parse(entry.at)]);
  }
  return out;
}
