import { created, incidentWritten, oncallKey, run } from './builders';

describe('an event delivered by reconciliation', () => {
  it('is applied like its webhook and marked on the timeline as reconciled', () => {
    const viaWebhook = run(oncallKey, [created(), incidentWritten('1', 0, true), { ...created(), key: null }]);
    const viaReconciliation = run(oncallKey, [
      created(),
      incidentWritten('1', 0, true),
      { ...created(), key: null, via: 'reconciliation' },
    ]);
    expect(viaReconciliation.commands).toEqual(viaWebhook.commands);
    const kinds = (result: typeof viaWebhook) => result.state.timeline.map((entry) => entry.kind);
    expect(kinds(viaReconciliation)).toContain('reconciled');
    expect(kinds(viaWebhook)).not.toContain('reconciled');
  });
});
