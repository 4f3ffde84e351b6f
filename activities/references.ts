/**
 * Reference fields given by name (bridge.md §8.2): a group, user or CI name is looked up and written as the
 * record's sys_id; a name that matches no record is left out of the write and reported, so the incident is
 * still written. A value that already is a sys_id is written as is.
 */
import type { ServiceNowClient } from '../src/integrations/servicenow/types';
import { REFERENCE_FIELDS, SYS_ID } from '../workflows/field-mapping';
import type { IncidentWrite, UnresolvedReference } from '../workflows/pair-types';

export interface ResolvedWrite {
  fields: IncidentWrite;
  unresolved: UnresolvedReference[];
}

export async function resolveReferences(client: ServiceNowClient, fields: IncidentWrite): Promise<ResolvedWrite> {
  const resolved: IncidentWrite = { ...fields };
  const unresolved: UnresolvedReference[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const reference = REFERENCE_FIELDS[field];
    if (!reference || value === '' || SYS_ID.test(value)) continue;
    const sysId = await client.findRecordSysId(reference.table, reference.columns, value);
    if (sysId) resolved[field] = sysId;
    else {
      delete resolved[field];
      unresolved.push({ field, value });
    }
  }
  return { fields: resolved, unresolved };
}
