/**
 * An "alert group created" body as an OnCall outgoing webhook sends it (oncall.md §1.3, labels enabled), for
 * the preview's "Insert an example" button: a person sees the shape to paste and can edit its labels.
 */
export function exampleWebhookBody(oncallIntegrationId: string): string {
  const now = new Date().toISOString();
  const payload = {
    alert_uid: 'checkout-5xx',
    title: 'Checkout API 5xx rate above 5%',
    state: 'alerting',
    message: '5xx ratio 7.3% over 5m',
  };
  const body = {
    event: { type: 'alert group created', time: now },
    user: null,
    alert_group: {
      id: 'IEXAMPLE0001',
      integration_id: oncallIntegrationId,
      alerts_count: 1,
      state: 'firing',
      created_at: now,
      labels: { severity: 'critical', team: 'Network', service_name: 'checkout' },
      title: payload.title,
      permalinks: { web: 'https://grafana.example.com/a/grafana-oncall-app/alert-groups/IEXAMPLE0001' },
      last_alert: { id: 'AEXAMPLE0001', alert_group_id: 'IEXAMPLE0001', created_at: now, payload },
    },
    alert_group_id: 'IEXAMPLE0001',
    alert_payload: payload,
    integration: { id: oncallIntegrationId, type: 'formatted_webhook', name: 'Checkout monitors', team: 'Payments' },
  };
  return JSON.stringify(body, null, 2);
}
