/**
 * A demo alert in the format of the OnCall integration it is sent to, so an admin can watch the whole path
 * (alert → alert group → incident) for a connected integration.
 */
export interface DemoAlert {
  format: string;
  payload: unknown;
}

export function demoAlertFor(integrationType: string, now = new Date()): DemoAlert {
  const id = `demo-${now.getTime().toString(36)}`;
  const title = 'Demo alert from the OnCall ⇄ ServiceNow bridge';
  const message = 'Sent by the bridge to show the alert group → incident path. Resolve it when you are done.';
  switch (integrationType) {
    case 'alertmanager':
    case 'grafana_alerting':
      return {
        format: 'alertmanager',
        payload: {
          receiver: 'oncall',
          status: 'firing',
          groupKey: `{}:{alertname="BridgeDemo",demo="${id}"}`,
          groupLabels: { alertname: 'BridgeDemo' },
          commonLabels: { alertname: 'BridgeDemo', severity: 'info', demo: id },
          commonAnnotations: { summary: title, description: message },
          externalURL: 'http://alertmanager.example.com',
          version: '4',
          alerts: [
            {
              status: 'firing',
              labels: { alertname: 'BridgeDemo', severity: 'info', demo: id },
              annotations: { summary: title, description: message },
              startsAt: now.toISOString(),
              endsAt: '0001-01-01T00:00:00Z',
              generatorURL: 'http://prometheus.example.com/graph',
              fingerprint: id,
            },
          ],
        },
      };
    case 'webhook':
      return { format: 'webhook', payload: { id, title, message, state: 'alerting', url: 'https://example.com/demo' } };
    default:
      return {
        format: 'formatted_webhook',
        payload: {
          alert_uid: id,
          title,
          message,
          state: 'alerting',
          link_to_upstream_details: 'https://example.com/demo',
        },
      };
  }
}
