/**
 * ServiceNow-born lifecycles: a person creates incidents, takes them In Progress and later resolves them in
 * ServiceNow; the Business Rule calls the bridge, which sends an alert to OnCall, then acknowledges and
 * resolves its alert group.
 * Latency runs from the rule's call to the bridge (rule log) to the bridge's request at OnCall.
 */
import { callsSince, markCalls, withCalls } from '../common/calls';
import { SN_HUMAN } from '../common/emulators';
import { expectJson } from '../common/http';
import { apiRequests, deliveries, ruleLog, writesAfter, type RuleLogLine } from '../common/logs';
import { paced, untilCount } from '../common/pace';
import { sample } from '../common/proc';
import { stepResult, type StepResult } from '../common/step';
import type { LifecycleInput } from './lifecycle';

const UID_PREFIX = 'servicenow:';

export async function serviceNowBorn(input: LifecycleInput): Promise<{ steps: StepResult[]; sysIds: string[] }> {
  const tag = `S${Date.now().toString(36)}`;
  const { snUrl } = input.emulators;
  const sysIds: string[] = [];
  const createStep = await measure(input, 'servicenow create', 'create', async (i) => {
    const created = await expectJson<{ result: { sys_id: string } }>('POST', `${snUrl}/__emulator/incidents`, {
      as: SN_HUMAN.user_name,
      fields: { short_description: `${tag} incident ${i}`, description: 'bench', ...input.fields?.incident(i) },
    });
    sysIds.push(created.result.sys_id);
  });
  const update = (fields: Record<string, string>) => async (i: number) => {
    await expectJson('PATCH', `${snUrl}/__emulator/incidents/${sysIds[i]}`, { as: SN_HUMAN.user_name, fields });
  };
  const acknowledgeStep = await measure(input, 'servicenow acknowledge', 'acknowledge', update({ state: '2' }));
  const resolveStep = await measure(
    input,
    'servicenow resolve',
    'resolve',
    update({ state: '6', close_code: 'Solution provided', close_notes: 'bench' }),
  );
  return { steps: [createStep, acknowledgeStep, resolveStep], sysIds };
}

/** What a person does to the incidents in a step, and what the bridge does at OnCall for it. */
type Action = 'create' | 'acknowledge' | 'resolve';

/**
 * The first rule call of the step's operation per incident sys_id since `since`, as epoch ms (the rule logs
 * after the bridge answered).
 */
function ruleCalls(log: RuleLogLine[], operation: string, since: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of log) {
    if (line.level !== 'request' || !line.request?.body || (line.response?.status ?? 500) >= 300) continue;
    const at = Date.parse(line.at);
    if (at < since) continue;
    try {
      const body = JSON.parse(line.request.body) as { operation?: string; sys_id?: string };
      if (body.operation === operation && body.sys_id && !out.has(body.sys_id)) out.set(body.sys_id, at);
    } catch {
      // Not a call of the bridge's rule.
    }
  }
  return out;
}

async function measure(
  input: LifecycleInput,
  step: string,
  action: Action,
  act: (i: number) => Promise<void>,
): Promise<StepResult> {
  const operation = action === 'create' ? 'insert' : 'update';
  const { ocUrl, snUrl } = input.emulators;
  const mark = await markCalls(input.emulators);
  const before = sample(input.bridgePid);
  const { startedAt, results } = await paced(input.count, input.rate, act);
  const acted = results.filter((r) => r.status === 'fulfilled').length;
  let effects = new Map<string, number>();
  let causes = new Map<string, number>();
  await untilCount(
    async () => {
      causes = ruleCalls(await ruleLog(snUrl), operation, startedAt);
      effects = await oncallWrites(ocUrl, action, causes);
      return effects.size;
    },
    acted,
    { timeoutMs: 180_000, stallMs: 30_000 },
  );
  const after = sample(input.bridgePid);
  const result = stepResult({
    scenario: 'bridge-lifecycle',
    step,
    rate: input.rate,
    events: input.count,
    startedAt,
    causes,
    effects,
    keys: [...effects.keys()],
    before,
    after,
  });
  return withCalls(result, await callsSince(input.emulators, mark, result.completed));
}

/**
 * The bridge's writes at OnCall by incident sys_id, at or after each cause: an alert to the inbound URL
 * (how it creates, and may resolve, a group) or the step's action on the group through the public API.
 */
async function oncallWrites(ocUrl: string, action: Action, causes: Map<string, number>): Promise<Map<string, number>> {
  const requests = await apiRequests(ocUrl);
  const viaAlert = writesAfter(
    requests,
    (r) => {
      const uid = r.path.startsWith('/integrations/')
        ? (r.body as { alert_uid?: unknown } | null)?.alert_uid
        : undefined;
      return typeof uid === 'string' && uid.startsWith(UID_PREFIX) ? uid.slice(UID_PREFIX.length) : undefined;
    },
    causes,
  );
  if (action === 'create') return viaAlert;
  const groupToSysId = new Map<string, string>();
  for (const d of await deliveries(ocUrl)) {
    const uid = d.body?.alert_payload?.alert_uid;
    if (typeof uid === 'string' && uid.startsWith(UID_PREFIX))
      groupToSysId.set(d.alertGroupId, uid.slice(UID_PREFIX.length));
  }
  const viaAction = writesAfter(
    requests,
    (r) => {
      const match = /^(?:\/api\/v1)?\/alert_groups\/([^/]+)\/(\w+)\/?$/.exec(r.path);
      return match && match[2] === action ? groupToSysId.get(match[1]!) : undefined;
    },
    causes,
  );
  if (action === 'acknowledge') return viaAction;
  for (const [key, at] of viaAlert) if (!viaAction.has(key) || viaAction.get(key)! > at) viaAction.set(key, at);
  return viaAction;
}
