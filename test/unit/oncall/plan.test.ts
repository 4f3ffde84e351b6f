import { planAlertGroupMove } from '../../../src/integrations/oncall/plan';
import type { AlertGroupAction, AlertGroupState } from '../../../src/integrations/oncall/types';

const STATES: AlertGroupState[] = ['firing', 'acknowledged', 'resolved', 'silenced'];

/** The public-API matrix of oncall.md §4.4: which action is allowed from which state, and where it leads. */
const ALLOWED: Record<AlertGroupState, Partial<Record<AlertGroupAction, AlertGroupState>>> = {
  firing: { acknowledge: 'acknowledged', resolve: 'resolved', silence: 'silenced' },
  silenced: { acknowledge: 'acknowledged', resolve: 'resolved', silence: 'silenced', unsilence: 'firing' },
  acknowledged: { unacknowledge: 'firing', resolve: 'resolved' },
  resolved: { unresolve: 'firing' },
};

describe('planAlertGroupMove', () => {
  it.each(STATES.flatMap((from) => STATES.map((to) => [from, to] as const)))(
    'from %s to %s the plan uses only allowed actions and ends in the target',
    (from, to) => {
      const plan = planAlertGroupMove(from, to);
      let state = from;
      for (const action of plan) {
        const next = ALLOWED[state][action];
        expect(next).toBeDefined();
        state = next!;
      }
      expect(state).toBe(to);
      if (from === to) expect(plan).toEqual([]);
      else expect(plan.length).toBeLessThanOrEqual(2);
    },
  );

  it('when resolved and the target is acknowledged, then it unresolves first', () => {
    expect(planAlertGroupMove('resolved', 'acknowledged')).toEqual(['unresolve', 'acknowledge']);
  });

  it('when acknowledged and the target is silenced, then it unacknowledges first', () => {
    expect(planAlertGroupMove('acknowledged', 'silenced')).toEqual(['unacknowledge', 'silence']);
  });

  it('when silenced and the target is acknowledged, then one acknowledge is enough', () => {
    expect(planAlertGroupMove('silenced', 'acknowledged')).toEqual(['acknowledge']);
  });
});
