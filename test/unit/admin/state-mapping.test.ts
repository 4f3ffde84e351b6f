import { defaultStateMapping, stateMappingProblems } from '../../../workflows/state-mapping';

const OPTIONS = [
  { label: 'New', value: '1' },
  { label: 'In Progress', value: '2' },
  { label: 'On Hold', value: '3' },
  { label: 'Resolved', value: '6' },
  { label: 'Closed', value: '7' },
  { label: 'Canceled', value: '8' },
];

describe('the state mapping', () => {
  it('defaults by label: firing → New, acknowledged → In Progress, resolved → Resolved, silenced → none', () => {
    expect(defaultStateMapping(OPTIONS)).toEqual({ firing: '1', acknowledged: '2', resolved: '6', silenced: null });
  });

  it('follows the labels, not the usual values, and ignores case and spaces', () => {
    const custom = [
      { label: ' new ', value: '10' },
      { label: 'IN PROGRESS', value: '20' },
      { label: 'Resolved', value: '60' },
    ];
    expect(defaultStateMapping(custom)).toEqual({ firing: '10', acknowledged: '20', resolved: '60', silenced: null });
  });

  it('maps a status to none when its label is missing', () => {
    expect(defaultStateMapping([{ label: 'New', value: '1' }])).toEqual({
      firing: '1',
      acknowledged: null,
      resolved: null,
      silenced: null,
    });
  });

  it('accepts a mapping of known, distinct states, and nulls', () => {
    expect(stateMappingProblems({ firing: '1', acknowledged: '2', resolved: '7', silenced: '3' }, OPTIONS)).toEqual([]);
    expect(stateMappingProblems({ firing: null, acknowledged: null, resolved: null, silenced: null }, OPTIONS)).toEqual(
      [],
    );
  });

  it('names a value that is no incident state, listing the states', () => {
    const problems = stateMappingProblems({ firing: '1', acknowledged: '99', resolved: '6', silenced: null }, OPTIONS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^acknowledged: "99" is not an incident state/);
    expect(problems[0]).toContain('2 In Progress');
  });

  it('names a ServiceNow state used twice', () => {
    const problems = stateMappingProblems({ firing: '1', acknowledged: '2', resolved: '2', silenced: null }, OPTIONS);
    expect(problems).toEqual(['resolved: state "2" is already mapped from acknowledged']);
  });
});
