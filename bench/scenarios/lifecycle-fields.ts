/**
 * The lifecycle row's integration settings (issue 14): the five-field mapping of bridge.md §8.2 (title,
 * urgency by `{% if %}`, impact by an inline `if`, group by name with `default`, a constant) with
 * `updateOnChange` and `assignOnAcknowledge`, alerts labelled by severity and team, and an incident filter
 * over the routing fields that the ServiceNow-born incidents match. The groups and the people's ServiceNow
 * users exist, so names and e-mails resolve. `restore` empties the mapping and filter for later scenarios.
 */
import type { Integration } from '../common/bridge';
import type { Emulators } from '../common/emulators';
import { expectJson } from '../common/http';

export type Admin = (method: string, route: string, body?: unknown) => Promise<unknown>;

export interface LifecycleFields {
  /** Labels of the i-th OnCall alert. */
  labels: (i: number) => Record<string, string>;
  /** Fields a person gives the i-th ServiceNow-born incident (within the filter). */
  incident: (i: number) => Record<string, string>;
  restore: () => Promise<void>;
}

export const FIELD_MAPPING = {
  incident: {
    short_description: '{{ alert_group.title }}',
    urgency: "{% if alert_group.labels.severity == 'critical' %}1{% else %}2{% endif %}",
    impact: "{{ 1 if alert_group.labels.severity == 'critical' else 2 }}",
    assignment_group: "{{ alert_group.labels.team | default('Service Desk') }}",
    u_source: 'grafana',
  },
  updateOnChange: ['urgency', 'impact'],
  assignOnAcknowledge: true,
};
/** Reads only routing fields the Business Rule always sends, so the issued rule stays current. */
export const INCIDENT_FILTER = 'priority<=3^assignment_group.name=Service Desk';

const GROUPS = ['Service Desk', 'Network'];

export async function useFieldMapping(
  admin: Admin,
  emulators: Emulators,
  integration: Integration,
  people: number,
): Promise<LifecycleFields> {
  const table = (name: string) => `${emulators.snUrl}/api/now/table/${name}`;
  const headers = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };
  const groupIds = new Map<string, string>();
  for (const name of GROUPS) {
    const created = await expectJson<{ result: { sys_id: string } }>(
      'POST',
      table('sys_user_group'),
      { name },
      { headers },
    );
    groupIds.set(name, created.result.sys_id);
  }
  // The OnCall people (person-i@example.com, bench/common/emulators.ts) as ServiceNow users, for assignment.
  for (let i = 0; i < people; i += 1) {
    const user = { user_name: `person.${i}`, name: `Person ${i}`, email: `person-${i}@example.com` };
    await expectJson('POST', table('sys_user'), user, { headers });
  }
  const route = `/api/v1/integrations/${integration.id}`;
  await admin('PUT', `${route}/field-mapping`, FIELD_MAPPING);
  await admin('PUT', `${route}/incident-filter`, { condition: INCIDENT_FILTER });
  return {
    labels: (i) => ({ severity: i % 4 === 0 ? 'critical' : 'warning', ...(i % 2 === 1 ? { team: 'Network' } : {}) }),
    incident: () => ({ impact: '2', urgency: '2', assignment_group: groupIds.get('Service Desk')! }),
    restore: async () => {
      await admin('PUT', `${route}/field-mapping`, { incident: {}, updateOnChange: [], assignOnAcknowledge: false });
      await admin('PUT', `${route}/incident-filter`, { condition: '' });
    },
  };
}
