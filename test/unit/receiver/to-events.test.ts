import oncallAcknowledge from '../../fixtures/webhooks/oncall-acknowledge.json';
import servicenowUpdate from '../../fixtures/webhooks/servicenow-update.json';
import { OnCallWebhookSchema, ServiceNowWebhookSchema } from '../../../src/receiver/schemas';
import { oncallWebhookToEvent, serviceNowWebhookToEvent } from '../../../src/receiver/to-events';
import { toPairSettings } from '../../../workflows/settings';
import { integrationSettings } from '../sync/builders';

const settings = toPairSettings(
  integrationSettings({ connections: [{ oncallIntegrationId: 'CFRPV98RPR1U8', backsync: true }] }),
);

describe('OnCall webhook mapping', () => {
  it('maps the realistic acknowledge payload to an OnCall-born pair event', () => {
    const mapped = oncallWebhookToEvent(OnCallWebhookSchema.parse(oncallAcknowledge), settings);
    expect(mapped).toMatchObject({
      kind: 'routed',
      workflowId: 'pair/int1/oncall/IXJ47FKMYYJ5U',
      event: {
        source: 'oncall',
        key: 'oncall:IXJ47FKMYYJ5U:acknowledge:2025-06-02T10:15:42.318204+00:00',
        eventType: 'acknowledge',
        // The group's own timestamp of the change, which a moved `event.time` does not move.
        changedAt: '2025-06-02T10:15:42.318204Z',
        userId: 'UCGEIXI1MR1NZ',
        alertGroup: {
          id: 'IXJ47FKMYYJ5U',
          integrationId: 'CFRPV98RPR1U8',
          state: 'acknowledged',
          title: 'Checkout API 5xx rate above 5%',
          message: '5xx ratio 7.3% over 5m',
          permalink: 'https://acme.grafana.net/a/grafana-oncall-app/alert-groups/IXJ47FKMYYJ5U',
        },
      },
    });
  });

  it('routes a group opened by the bridge to the ServiceNow-born pair of the incident, by alert_uid', () => {
    const body = structuredClone(oncallAcknowledge);
    body.alert_payload.alert_uid = 'servicenow:9d385017c611228701d22104cc95c371';
    body.alert_group.integration_id = 'CBRIDGE000001';
    const mapped = oncallWebhookToEvent(OnCallWebhookSchema.parse(body), settings);
    expect(mapped).toMatchObject({
      kind: 'routed',
      workflowId: 'pair/int1/servicenow/9d385017c611228701d22104cc95c371',
    });
  });

  it('finds the marker in the last alert when alert_payload is empty', () => {
    const body = { ...structuredClone(oncallAcknowledge), alert_payload: '' };
    body.alert_group.last_alert.payload.alert_uid = 'servicenow:abc123';
    const mapped = oncallWebhookToEvent(OnCallWebhookSchema.parse(body), settings);
    expect(mapped).toMatchObject({ kind: 'routed', workflowId: 'pair/int1/servicenow/abc123' });
  });

  it('gives un-* events (no time) no de-duplication key and the firing status', () => {
    const body = { ...structuredClone(oncallAcknowledge), event: { type: 'unresolve' } };
    const mapped = oncallWebhookToEvent(OnCallWebhookSchema.parse(body), settings);
    expect(mapped).toMatchObject({
      kind: 'routed',
      event: { key: null, eventTime: null, alertGroup: { state: 'firing' } },
    });
  });

  it('ignores events that change no status, and groups of integrations that are not connected', () => {
    const escalation = {
      ...structuredClone(oncallAcknowledge),
      event: { type: 'escalation', time: '2025-06-02T10:20:00Z' },
    };
    const other = toPairSettings(integrationSettings());
    expect(oncallWebhookToEvent(OnCallWebhookSchema.parse(escalation), settings).kind).toBe('ignored');
    expect(oncallWebhookToEvent(OnCallWebhookSchema.parse(oncallAcknowledge), other).kind).toBe('ignored');
  });

  it('rejects a body without an alert group', () => {
    expect(OnCallWebhookSchema.safeParse({ event: { type: 'resolve' } }).success).toBe(false);
  });
});

describe('ServiceNow webhook mapping', () => {
  it('parses the Business Rule body, numbers as strings and empty values as null', () => {
    const body = ServiceNowWebhookSchema.parse(servicenowUpdate);
    expect(body).toMatchObject({ sys_mod_count: 3, correlation_id: '', state: '2' });
    expect(ServiceNowWebhookSchema.parse({ ...servicenowUpdate, sys_mod_count: 4, state: 6 })).toMatchObject({
      sys_mod_count: 4,
      state: '6',
    });
  });

  it('rejects a body with an unknown operation or a malformed sys_mod_count', () => {
    expect(ServiceNowWebhookSchema.safeParse({ ...servicenowUpdate, operation: 'delete' }).success).toBe(false);
    expect(ServiceNowWebhookSchema.safeParse({ ...servicenowUpdate, sys_mod_count: 'three' }).success).toBe(false);
  });

  it('routes an incident born in ServiceNow to its own pair, keyed by sys_id and sys_mod_count', () => {
    const mapped = serviceNowWebhookToEvent(ServiceNowWebhookSchema.parse(servicenowUpdate), settings);
    expect(mapped).toMatchObject({
      kind: 'routed',
      workflowId: 'pair/int1/servicenow/9d385017c611228701d22104cc95c371',
      event: {
        key: 'servicenow:9d385017c611228701d22104cc95c371:3',
        operation: 'update',
        incident: { number: 'INC0010042', state: '2', updatedBy: 'alice', modCount: 3 },
      },
    });
  });

  it('routes an incident the bridge created to the OnCall-born pair named by correlation_id', () => {
    const body = ServiceNowWebhookSchema.parse({ ...servicenowUpdate, correlation_id: 'oncall:IXJ47FKMYYJ5U' });
    expect(serviceNowWebhookToEvent(body, settings)).toMatchObject({ workflowId: 'pair/int1/oncall/IXJ47FKMYYJ5U' });
  });
});
