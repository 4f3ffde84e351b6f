import { pairSummary } from '../../../workflows/pair-summary';

describe('the pair summary shown in the Temporal Web UI', () => {
  it('names the incident, the alert group and the title, leaving out what is not known yet', () => {
    expect(pairSummary({ incidentNumber: 'INC0010001', alertGroupId: 'IABC', title: 'Disk full' })).toBe(
      'INC0010001 · alert group IABC · Disk full',
    );
    expect(pairSummary({ incidentNumber: null, alertGroupId: 'IABC', title: null })).toBe('alert group IABC');
  });

  it('shortens a long title to 120 characters', () => {
    const summary = pairSummary({ incidentNumber: 'INC1', alertGroupId: null, title: 'x'.repeat(500) });
    expect(summary).toBe(`INC1 · ${'x'.repeat(119)}…`);
  });
});
