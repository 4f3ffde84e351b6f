/**
 * Fields that reach a pair's history or search attributes are bounded at the receiver: a value no real
 * ServiceNow sends (a 3,000-character number) is refused with 400, and long free text (descriptions) is cut,
 * so no input grows a pair's history past what Temporal allows or gets the pair terminated.
 */
import { oncallAction, type Rig, type SetUpIntegration, snAsPerson, useIntegrationRig } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';
import { incident, repeatRuleCall, ruleCalls, servicenowPairKey } from './support/actions';
import { pairWorkflowId } from '../../workflows/ids';

describe('oversize fields', () => {
  let rig: Rig;
  let integration: SetUpIntegration;

  useIntegrationRig((started) => ({ rig, integration } = started));

  async function servicenowBornPair(title: string) {
    const created = await snAsPerson(rig, 'POST', '', { short_description: title });
    const group = await waitFor(() => rig.oc.alertGroups().find((g) => g.title?.includes(created.number!)), {
      what: 'alert group for the incident',
    });
    const [insertBody] = ruleCalls(rig, created.sys_id!);
    const handle = rig.bridge.client.workflow.getHandle(
      pairWorkflowId(servicenowPairKey(integration, created.sys_id!)),
    );
    return { created, group, insert: JSON.parse(insertBody!) as Record<string, unknown>, handle };
  }

  async function expectPairStillSyncs(pair: Awaited<ReturnType<typeof servicenowBornPair>>) {
    // From OnCall's side: the forged updates' versions must not matter to this check.
    expect(await oncallAction(rig, pair.group.id, 'acknowledge')).toBe(200);
    await waitFor(async () => (await incident(rig, pair.created.sys_id!))?.state === '2', { what: 'In Progress' });
    expect((await pair.handle.describe()).status.name).toBe('RUNNING');
  }

  it('when a Business Rule call carries a 3,000-character number, then it is refused with 400 and the pair goes on', async () => {
    const pair = await servicenowBornPair('Number far too long');
    const forged = { ...pair.insert, operation: 'update', number: `INC${'9'.repeat(3000)}`, sys_mod_count: '1' };
    expect(await repeatRuleCall(rig, integration, JSON.stringify(forged))).toBe(400);
    const longState = { ...pair.insert, operation: 'update', state: '2'.repeat(3000), sys_mod_count: '1' };
    expect(await repeatRuleCall(rig, integration, JSON.stringify(longState))).toBe(400);
    await expectPairStillSyncs(pair);
  });

  it('when 60 updates of 900 KB each reach one pair, then each is accepted, its history stays small and the pair goes on', async () => {
    const pair = await servicenowBornPair('Sixty huge updates');
    const huge = 'x'.repeat(900 * 1024);
    // All at once, as an attacker would: they queue up in the pair faster than it can apply them.
    const statuses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        repeatRuleCall(
          rig,
          integration,
          JSON.stringify({ ...pair.insert, operation: 'update', description: huge, sys_mod_count: String(i + 1) }),
        ),
      ),
    );
    expect(statuses.filter((s) => s !== 202)).toEqual([]);
    await expectPairStillSyncs(pair);
    const runs: string[] = [];
    for await (const run of rig.bridge.client.workflow.list({ query: `WorkflowId = '${pair.handle.workflowId}'` })) {
      runs.push(`${run.status.name} ${run.historySize ?? '?'}`);
    }
    expect(runs.filter((run) => !/^(RUNNING|CONTINUED_AS_NEW) /.test(run))).toEqual([]);
    const { historySize } = await pair.handle.describe();
    expect(historySize).toBeLessThan(4 * 1024 * 1024);
  });
});
