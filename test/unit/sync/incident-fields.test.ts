import { applyPatch, INVALID_SETTINGS } from '../../../workflows/integration-validate';
import { toPairSettings } from '../../../workflows/settings';
import { created, integrationSettings, oncallKey, run } from './builders';

describe('extra incident fields', () => {
  it('when an integration is patched with incidentFields, then created incidents carry them', () => {
    const patched = applyPatch(integrationSettings(), {
      incidentFields: { assignment_group: 'SRE', category: 'software' },
    });
    const { commands } = run(oncallKey, [created({ with: toPairSettings(patched) })]);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({
      kind: 'createIncident',
      fields: { assignment_group: 'SRE', category: 'software', correlation_id: 'oncall:IAG000000001', state: '1' },
    });
  });

  it('when an integration predates the field, then its pairs create incidents without extra fields', () => {
    const { incidentFields: _none, ...older } = integrationSettings();
    const pairSettings = toPairSettings(older);
    expect(pairSettings.incidentFields).toEqual({});
    const { commands } = run(oncallKey, [created({ with: { ...pairSettings, incidentFields: undefined } })]);
    expect(commands[0]?.kind === 'createIncident' && Object.keys(commands[0].fields).sort()).toEqual([
      'correlation_display',
      'correlation_id',
      'description',
      'short_description',
      'state',
    ]);
  });

  it.each([
    [{ correlation_id: 'x' }, 'set by the bridge'],
    [{ sys_id: 'x' }, 'set by the bridge'],
    [{ 'Bad Name': 'x' }, 'not a ServiceNow field name'],
  ])('when incidentFields is %j, then the patch is refused', (incidentFields, message) => {
    expect(() => applyPatch(integrationSettings(), { incidentFields })).toThrow(
      expect.objectContaining({ type: INVALID_SETTINGS, message: expect.stringContaining(message) }),
    );
  });
});
