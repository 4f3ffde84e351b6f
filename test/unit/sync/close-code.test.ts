import { CURRENT_CLOSE_CODES, LEGACY_CLOSE_CODES } from '../../../src/emulators/servicenow/seed';
import { chosenCloseCode, defaultCloseCode } from '../../../workflows/close-code';
import { toPairSettings } from '../../../workflows/settings';
import { integrationSettings } from './builders';

const asOptions = (labels: string[]) => labels.map((label) => ({ label, value: label }));

describe('the close code a resolve from OnCall writes', () => {
  it('defaults to a code whose label says solved, not the first by sequence', () => {
    expect(CURRENT_CLOSE_CODES[0]).toBe('Duplicate');
    expect(defaultCloseCode(asOptions(CURRENT_CLOSE_CODES)).value).toBe('Solution provided');
    expect(LEGACY_CLOSE_CODES[0]).toBe('Solved (Work Around)');
    expect(defaultCloseCode(asOptions(LEGACY_CLOSE_CODES)).value).toBe('Solved (Permanently)');
    expect(defaultCloseCode(asOptions([...CURRENT_CLOSE_CODES, ...LEGACY_CLOSE_CODES])).value).toBe(
      'Solution provided',
    );
  });

  it('on an instance with other labels, takes one that says solved, else the first, else a fixed fallback', () => {
    expect(
      defaultCloseCode([
        { label: 'Not Solved (Too Costly)', value: 'a' },
        { label: 'Solved by vendor', value: 'b' },
      ]).value,
    ).toBe('b');
    expect(defaultCloseCode([{ label: 'Gelöst', value: 'g' }]).value).toBe('g');
    expect(defaultCloseCode([]).value).toBe('Solution provided');
  });

  it("an integration's chosen code wins while ServiceNow still lists it; pairs carry it", () => {
    const codes = asOptions(CURRENT_CLOSE_CODES);
    expect(chosenCloseCode(codes, 'Workaround provided').value).toBe('Workaround provided');
    expect(chosenCloseCode(codes, 'Gone').value).toBe('Solution provided');
    const settings = { ...integrationSettings(), closeCodes: codes };
    expect(toPairSettings(settings).closeCode).toBe('Solution provided');
    expect(toPairSettings({ ...settings, closeCode: 'Known error' }).closeCode).toBe('Known error');
  });
});
