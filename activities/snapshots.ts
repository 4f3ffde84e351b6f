/** Client records reduced to what a pair keeps (no descriptions or payloads in workflow history). */
import type { AlertGroup } from '../src/integrations/oncall/types';
import type { Incident } from '../src/integrations/servicenow/types';
import type { AlertGroupSnapshot, IncidentSnapshot } from '../workflows/pair-types';

export function incidentSnapshot(incident: Incident): IncidentSnapshot {
  return {
    sysId: incident.sys_id,
    number: incident.number,
    state: incident.state,
    shortDescription: incident.short_description,
    correlationId: incident.correlation_id,
    updatedOn: incident.sys_updated_on,
    updatedBy: incident.sys_updated_by,
    modCount: incident.sys_mod_count,
  };
}

/** The newest of the group's timestamps is its version, comparable with webhook `event.time`. */
export function alertGroupSnapshot(group: AlertGroup): AlertGroupSnapshot {
  const times = [group.created_at, group.acknowledged_at, group.resolved_at, group.silenced_at]
    .filter((t): t is string => typeof t === 'string' && !Number.isNaN(Date.parse(t)))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    id: group.id,
    integrationId: group.integration_id,
    state: group.state,
    version: times.at(-1) ?? null,
    title: group.title,
    permalink: group.permalinks.web,
  };
}
