import {
  alertUidFor,
  correlationIdFor,
  integrationWorkflowId,
  pairWorkflowId,
  parseAlertUid,
  parseCorrelationId,
  parseIntegrationWorkflowId,
  parsePairWorkflowId,
} from '../../../workflows/ids';
import { needsCloseFields, toOnCallStatus, toPairSettings, toServiceNowState } from '../../../workflows/settings';
import { derivedReverseMapping, reverseMappingProblems } from '../../../workflows/state-mapping';
import { integrationSettings, settings } from './builders';

describe('workflow ids and markers', () => {
  it('go both ways', () => {
    const key = { integrationId: 'int1', origin: 'servicenow' as const, sourceId: '9d385017c611228701d22104cc95c371' };
    expect(pairWorkflowId(key)).toBe('pair/int1/servicenow/9d385017c611228701d22104cc95c371');
    expect(parsePairWorkflowId(pairWorkflowId(key))).toEqual(key);
    expect(parseIntegrationWorkflowId(integrationWorkflowId('int1'))).toBe('int1');
    expect(parseCorrelationId(correlationIdFor('IXJ47FKMYYJ5U'))).toBe('IXJ47FKMYYJ5U');
    expect(parseAlertUid(alertUidFor('9d38'))).toBe('9d38');
  });

  it('reject what the bridge did not write', () => {
    expect(parsePairWorkflowId('pair/int1/jira/1')).toBeUndefined();
    expect(parsePairWorkflowId('integration/int1')).toBeUndefined();
    expect(parseCorrelationId('grafana:AG1')).toBeUndefined();
    expect(parseCorrelationId(null)).toBeUndefined();
    expect(parseAlertUid('snow-9d2c1f0e4f2a')).toBeUndefined();
    expect(() => pairWorkflowId({ integrationId: 'a/b', origin: 'oncall', sourceId: 'x' })).toThrow();
  });
});

describe('state mapping', () => {
  it('maps OnCall statuses forward and ServiceNow states back, Closed and Canceled as resolved', () => {
    expect(toServiceNowState(settings, 'acknowledged')).toBe('2');
    expect(toServiceNowState(settings, 'silenced')).toBeUndefined();
    expect(toOnCallStatus(settings, '2')).toBe('acknowledged');
    expect(toOnCallStatus(settings, '7')).toBe('resolved');
    expect(toOnCallStatus(settings, '8')).toBe('resolved');
    expect(toOnCallStatus(settings, '3')).toBe('acknowledged');
    expect(toOnCallStatus(settings, '99')).toBeUndefined();
  });

  it('derives the reverse of a flat mapping: its named states first, then the label defaults', () => {
    const options = integrationSettings().stateOptions;
    expect(derivedReverseMapping({ firing: '1', acknowledged: '2', resolved: '6', silenced: null }, options)).toEqual({
      '1': 'firing',
      '2': 'acknowledged',
      '3': 'acknowledged',
      '6': 'resolved',
      '7': 'resolved',
      '8': 'resolved',
    });
    expect(
      derivedReverseMapping({ firing: '1', acknowledged: '2', resolved: '7', silenced: '3' }, options),
    ).toMatchObject({ '3': 'silenced', '6': 'resolved', '7': 'resolved' });
  });

  it('uses a two-way mapping as given, many states to one status', () => {
    const reverseMapping = { '1': 'firing' as const, '2': 'acknowledged' as const, '3': 'acknowledged' as const };
    const twoWay = toPairSettings(integrationSettings({ reverseMapping }));
    expect(toOnCallStatus(twoWay, '3')).toBe('acknowledged');
    expect(toOnCallStatus(twoWay, '7')).toBeUndefined();
  });

  it('names the key of each problem of a reverse mapping', () => {
    const options = integrationSettings().stateOptions;
    expect(reverseMappingProblems({ '9': 'firing', '2': 'paused' as never }, options)).toEqual([
      'serviceNowToOnCall.2: "paused" is not an OnCall status',
      expect.stringMatching(/^serviceNowToOnCall\.9: "9" is not an incident state/),
    ]);
  });

  it('asks for close fields on Resolved and Closed only', () => {
    expect(needsCloseFields(settings, '6')).toBe(true);
    expect(needsCloseFields(settings, '7')).toBe(true);
    expect(needsCloseFields(settings, '2')).toBe(false);
  });
});
