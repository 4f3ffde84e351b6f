import { Failure } from '../../../workflows/failure-types';
import { HttpError } from '../http';
import { ServiceNowError } from './errors';
import {
  ChoiceRowSchema,
  ChoiceValueSchema,
  INCIDENT_RECORD_FIELDS,
  IncidentRecordSchema,
  JournalRowSchema,
  RecordRowSchema,
  RoleRowSchema,
  UserNameRowSchema,
  UserRowSchema,
  incidentWithFieldsSchema,
  listResult,
  oneResult,
  type JournalRow,
} from './schemas';
import { createTransport } from './transport';
import type {
  Choice,
  Incident,
  IncidentFields,
  IncidentPage,
  JournalElement,
  JournalEntry,
  ServiceNowClient,
  ServiceNowClientConfig,
  VerifiedConnection,
} from './types';

const RESOLVED_STATES = ['6', '7'];

/**
 * The Table API client (servicenow.md §1–§3), with a timeout on every call and zod on every response. Errors
 * are `HttpError`, `NetworkError`, `ResponseShapeError` or `ServiceNowError`; `classifyServiceNowError`
 * says how to handle each.
 */
export function createServiceNowClient(config: ServiceNowClientConfig): ServiceNowClient {
  const call = createTransport(config);
  const table = (name: string, sysId?: string): string =>
    `/api/now/table/${name}${sysId ? `/${encodeURIComponent(sysId)}` : ''}`;
  const incidentList = listResult(IncidentRecordSchema);
  const incidentOne = oneResult(IncidentRecordSchema);

  async function verifyConnection(): Promise<VerifiedConnection> {
    const username = config.auth.username;
    const users = await call(
      {
        method: 'GET',
        path: table('sys_user'),
        query: { sysparm_query: `user_name=${username}`, sysparm_fields: 'sys_id,user_name', sysparm_limit: 1 },
      },
      listResult(UserRowSchema),
    );
    const user = users.data.result[0];
    if (!user)
      throw new ServiceNowError(
        Failure.servicenow_user_not_found,
        `user ${username} was not found in sys_user: check the username`,
      );
    const roles = await readRoles(user.sys_id);
    const choices = await call(
      {
        method: 'GET',
        path: table('sys_choice'),
        query: { sysparm_query: 'name=incident^ORname=task^element=state', sysparm_fields: 'value', sysparm_limit: 1 },
      },
      listResult(ChoiceValueSchema),
    );
    if (choices.data.result.length === 0) {
      throw new ServiceNowError(
        Failure.servicenow_missing_role,
        `missing role personalize_choices: user ${username} cannot read sys_choice (the incident states); grant it that role`,
      );
    }
    return { userSysId: user.sys_id, userName: user.user_name, roles };
  }

  /** Role names of a user; an ACL that hides sys_user_has_role only means we cannot list them. */
  async function readRoles(userSysId: string): Promise<string[]> {
    try {
      const { data } = await call(
        {
          method: 'GET',
          path: table('sys_user_has_role'),
          query: { sysparm_query: `user=${userSysId}`, sysparm_fields: 'role.name' },
        },
        listResult(RoleRowSchema),
      );
      return [...new Set(data.result.map((r) => r['role.name']).filter((name) => name !== ''))];
    } catch (error) {
      if (error instanceof HttpError && (error.status === 403 || error.status === 404)) return [];
      throw error;
    }
  }

  async function listChoices(element: 'state' | 'close_code'): Promise<Choice[]> {
    const query = `name=incident^ORname=task^element=${element}^inactive=false^language=en^ORDERBYsequence`;
    const { data } = await call(
      {
        method: 'GET',
        path: table('sys_choice'),
        query: { sysparm_query: query, sysparm_fields: 'name,label,value,sequence' },
      },
      listResult(ChoiceRowSchema),
    );
    // Choices defined on incident override those inherited from task (servicenow.md §3).
    const own = data.result.filter((c) => c.name === 'incident');
    const rows = own.length > 0 ? own : data.result;
    const unique = new Map(rows.map((c) => [c.value, { label: c.label, value: c.value, sequence: c.sequence }]));
    return [...unique.values()].sort((a, b) => a.sequence - b.sequence);
  }

  async function getIncident(sysId: string): Promise<Incident | undefined> {
    try {
      return (await call({ method: 'GET', path: table('incident', sysId) }, incidentOne)).data.result;
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return undefined;
      throw error;
    }
  }

  async function findIncidentByCorrelationId(correlationId: string): Promise<Incident | undefined> {
    // `^` separates terms of an encoded query and cannot be escaped, so such an id could match other records.
    if (correlationId.includes('^'))
      throw new ServiceNowError(Failure.servicenow_bad_request, 'a correlation_id cannot contain "^"');
    const query = { sysparm_query: `correlation_id=${correlationId}^ORDERBYsys_created_on`, sysparm_limit: 1 };
    return (await call({ method: 'GET', path: table('incident'), query }, incidentList)).data.result[0];
  }

  async function findRecordSysId(name: string, columns: readonly string[], value: string) {
    // `^` separates the terms of an encoded query and cannot be escaped; such a name would match other records.
    if (/[\^]/.test(value) || value.trim() === '' || columns.length === 0) return undefined;
    // One read for every column (`^OR`), then the first column in order that holds the name wins; a row the
    // instance matched otherwise (a case-insensitive database) only when no column holds it exactly.
    const query = {
      sysparm_query: columns.map((column) => `${column}=${value}`).join('^OR'),
      sysparm_fields: ['sys_id', ...columns].join(','),
      sysparm_limit: 20,
    };
    try {
      const rows = (await call({ method: 'GET', path: table(name), query }, listResult(RecordRowSchema))).data.result;
      for (const column of columns) {
        const exact = rows.find((row) => row[column] === value);
        if (exact) return exact.sys_id;
      }
      return rows[0]?.sys_id;
    } catch (error) {
      // A table the instance lacks or the user may not read resolves nothing; other failures are retried.
      if (error instanceof HttpError && (error.status === 400 || error.status === 403 || error.status === 404)) {
        return undefined;
      }
      throw error;
    }
  }

  async function listJournalEntries(
    sysId: string,
    elements: readonly JournalElement[],
    containing?: string,
  ): Promise<JournalEntry[]> {
    // `^` separates the terms of an encoded query and cannot be escaped (see findIncidentByCorrelationId).
    if ([sysId, containing ?? ''].some((part) => part.includes('^'))) return [];
    const like = containing ? `^valueLIKE${containing}` : '';
    const query = `element_id=${sysId}^elementIN${elements.join(',')}${like}^ORDERBYsys_created_on`;
    const { data } = await call(
      {
        method: 'GET',
        path: table('sys_journal_field'),
        query: { sysparm_query: query, sysparm_fields: 'sys_id,element,value,sys_created_on,sys_created_by' },
      },
      listResult(JournalRowSchema),
    );
    return toEntries(data.result, elements);
  }

  async function listJournalEntriesSince(
    sysIds: readonly string[],
    elements: readonly JournalElement[],
    since: string,
  ): Promise<(JournalEntry & { incidentSysId: string })[]> {
    const ids = sysIds.filter((id) => /^[0-9A-Za-z_-]+$/.test(id));
    if (ids.length === 0 || since.includes('^')) return [];
    const query = `element_idIN${ids.join(',')}^elementIN${elements.join(',')}^sys_created_on>=${since}^ORDERBYsys_created_on`;
    const fields = 'sys_id,element,element_id,value,sys_created_on,sys_created_by';
    const { data } = await call(
      { method: 'GET', path: table('sys_journal_field'), query: { sysparm_query: query, sysparm_fields: fields } },
      listResult(JournalRowSchema),
    );
    const byId = new Map(data.result.map((row) => [row.sys_id, row.element_id ?? '']));
    return toEntries(data.result, elements)
      .map((entry) => ({ ...entry, incidentSysId: byId.get(entry.sysId) ?? '' }))
      .filter((entry) => ids.includes(entry.incidentSysId));
  }

  async function displayNames(userNames: readonly string[]): Promise<Record<string, string>> {
    const wanted = [...new Set(userNames)].filter((name) => name !== '' && !/[\^,]/.test(name));
    if (wanted.length === 0) return {};
    try {
      const { data } = await call(
        {
          method: 'GET',
          path: table('sys_user'),
          query: { sysparm_query: `user_nameIN${wanted.join(',')}`, sysparm_fields: 'user_name,name' },
        },
        listResult(UserNameRowSchema),
      );
      return Object.fromEntries(data.result.filter((u) => u.name !== '').map((u) => [u.user_name, u.name]));
    } catch (error) {
      // Reading sys_user may be refused by an ACL: the note then carries the user name instead.
      if (error instanceof HttpError && (error.status === 403 || error.status === 404)) return {};
      throw error;
    }
  }

  async function updateIncident(sysId: string, fields: IncidentFields): Promise<Incident> {
    if (
      fields.state !== undefined &&
      RESOLVED_STATES.includes(fields.state) &&
      (!fields.close_code || !fields.close_notes)
    ) {
      throw new ServiceNowError(
        Failure.servicenow_missing_close_fields,
        'a resolve or close must carry close_code and close_notes in the same write',
      );
    }
    return (await call({ method: 'PATCH', path: table('incident', sysId), body: defined(fields) }, incidentOne)).data
      .result;
  }

  async function listIncidentsUpdatedSince(
    since: string,
    page: { offset: number; limit: number },
    routing: readonly string[],
  ): Promise<IncidentPage> {
    // Display values too, and only the fields the record and the routing need (what the Business Rule sends).
    const fields = [...new Set([...INCIDENT_RECORD_FIELDS, ...routing])];
    const query = {
      sysparm_query: `sys_updated_on>=${since}^ORDERBYsys_updated_on^ORDERBYsys_id`,
      sysparm_offset: page.offset,
      sysparm_limit: page.limit,
      sysparm_display_value: 'all',
      sysparm_fields: fields.join(','),
    };
    const schema = listResult(incidentWithFieldsSchema(routing));
    const { data, response } = await call({ method: 'GET', path: table('incident'), query }, schema);
    const incidents = data.result;
    const header = response.headers.get('x-total-count');
    const total = header !== null && Number.isFinite(Number(header)) ? Number(header) : page.offset + incidents.length;
    const next = page.offset + incidents.length;
    return { incidents, total, ...(incidents.length > 0 && next < total && { nextOffset: next }) };
  }

  return {
    username: config.auth.username,
    verifyConnection,
    listChoices,
    createIncident: async (fields) =>
      (await call({ method: 'POST', path: table('incident'), body: defined(fields) }, incidentOne)).data.result,
    getIncident,
    findIncidentByCorrelationId,
    updateIncident,
    addJournalEntry: async (sysId, element, text) =>
      void (await call({ method: 'PATCH', path: table('incident', sysId), body: { [element]: text } }, incidentOne)),
    listJournalEntries,
    listJournalEntriesSince,
    displayNames,
    findRecordSysId,
    listIncidentsUpdatedSince,
  };
}

function toEntries(rows: JournalRow[], elements: readonly JournalElement[]): JournalEntry[] {
  return rows
    .filter((row): row is JournalRow & { element: JournalElement } => elements.includes(row.element as JournalElement))
    .map((row) => ({
      sysId: row.sys_id,
      element: row.element,
      text: row.value,
      createdOn: row.sys_created_on,
      createdBy: row.sys_created_by,
    }));
}

function defined(fields: IncidentFields): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
