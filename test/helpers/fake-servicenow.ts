/**
 * An in-memory ServiceNow incident table behind the `ServiceNowClient` contract: it keeps real state,
 * counts every write, enforces the resolve data policy (close_code and close_notes with state 6/7) and
 * runs a "Business Rule" that reports every change not made by the integration user.
 */
import { HttpError } from '../../src/integrations/http';
import type {
  Choice,
  Incident,
  IncidentFields,
  IncidentPage,
  JournalElement,
  JournalEntry,
  ServiceNowClient,
  VerifiedConnection,
} from '../../src/integrations/servicenow/types';

export interface ServiceNowRuleCall {
  operation: 'insert' | 'update';
  sys_id: string;
  number: string;
  state: string;
  short_description: string;
  description: string;
  correlation_id: string | null;
  sys_updated_on: string;
  sys_updated_by: string;
  sys_mod_count: string;
}

export interface ServiceNowWrite {
  kind: 'create' | 'update';
  sysId: string;
  fields: IncidentFields;
}

let clock = Date.parse('2026-12-01T10:00:00Z');
function tableTime(): string {
  clock += 1000;
  return new Date(clock).toISOString().slice(0, 19).replace('T', ' ');
}

export class FakeServiceNow implements ServiceNowClient {
  readonly incidents = new Map<string, Incident>();
  /** The bridge's writes through this client, oldest first. */
  readonly writes: ServiceNowWrite[] = [];
  /** Every correlation id looked up, to tell whether a create looked before creating. */
  readonly lookups: string[] = [];
  /** Called for every change the Business Rule reports (not those by the integration user). */
  onRuleCall: (call: ServiceNowRuleCall) => void = () => undefined;
  /** Errors to throw from the next API calls, oldest first. */
  readonly failures: Error[] = [];
  private seq = 0;

  constructor(readonly username = 'svc-bridge') {}

  verifyConnection(): Promise<VerifiedConnection> {
    return Promise.resolve({ userSysId: 'u1', userName: this.username, roles: ['itil'] });
  }

  listChoices(element: 'state' | 'close_code'): Promise<Choice[]> {
    const labels = element === 'state' ? STATES : [['Solution provided', 'Solution provided']];
    return Promise.resolve(labels.map(([value = '', label = ''], sequence) => ({ label, value, sequence })));
  }

  createIncident(fields: IncidentFields): Promise<Incident> {
    this.maybeFail();
    const incident = this.insert(fields, this.username);
    this.writes.push({ kind: 'create', sysId: incident.sys_id, fields });
    return Promise.resolve({ ...incident });
  }

  getIncident(sysId: string): Promise<Incident | undefined> {
    this.maybeFail();
    const found = this.incidents.get(sysId);
    return Promise.resolve(found ? { ...found } : undefined);
  }

  findIncidentByCorrelationId(correlationId: string): Promise<Incident | undefined> {
    this.maybeFail();
    this.lookups.push(correlationId);
    const found = [...this.incidents.values()].find((i) => i.correlation_id === correlationId);
    return Promise.resolve(found ? { ...found } : undefined);
  }

  updateIncident(sysId: string, fields: IncidentFields): Promise<Incident> {
    this.maybeFail();
    const updated = this.change(sysId, fields, this.username);
    this.writes.push({ kind: 'update', sysId, fields });
    return Promise.resolve({ ...updated });
  }

  /** Journal entries, oldest first, as `sys_journal_field` holds them. */
  readonly journal: (JournalEntry & { incidentSysId: string })[] = [];

  addJournalEntry(sysId: string, element: JournalElement, text: string, user = this.username): Promise<void> {
    this.journal.push({
      sysId: `j${++this.seq}`,
      element,
      text,
      createdOn: tableTime(),
      createdBy: user,
      incidentSysId: sysId,
    });
    if (user === this.username) this.writes.push({ kind: 'update', sysId, fields: { [element]: text } });
    return Promise.resolve();
  }

  listJournalEntries(_sysId: string, elements: readonly JournalElement[], containing?: string) {
    const found = this.journal.filter(
      (e) => elements.includes(e.element) && (!containing || e.text.includes(containing)),
    );
    return Promise.resolve(structuredClone(found));
  }

  listJournalEntriesSince(sysIds: readonly string[], elements: readonly JournalElement[], since: string) {
    const found = this.journal.filter(
      (e) => sysIds.includes(e.incidentSysId) && elements.includes(e.element) && e.createdOn >= since,
    );
    return Promise.resolve(structuredClone(found));
  }

  displayNames(userNames: readonly string[]): Promise<Record<string, string>> {
    return Promise.resolve(Object.fromEntries(userNames.map((name) => [name, name.toUpperCase()])));
  }

  /** Records other than incidents, by table: `{sys_id, <column>: value}` rows the fake resolves names in. */
  records: Record<string, Record<string, string>[]> = {};

  findRecordSysId(table: string, columns: readonly string[], value: string): Promise<string | undefined> {
    const rows = this.records[table] ?? [];
    for (const column of columns) {
      const row = rows.find((r) => r[column] === value);
      if (row) return Promise.resolve(row.sys_id);
    }
    return Promise.resolve(undefined);
  }

  listIncidentsUpdatedSince(): Promise<IncidentPage> {
    return Promise.resolve({ incidents: [...this.incidents.values()], total: this.incidents.size });
  }

  /** A person creates an incident in the UI. */
  humanCreate(fields: IncidentFields, user = 'alice'): Incident {
    return this.insert(fields, user);
  }

  /** A person changes an incident in the UI. */
  humanUpdate(sysId: string, fields: IncidentFields, user = 'alice'): Incident {
    return this.change(sysId, fields, user);
  }

  private insert(fields: IncidentFields, user: string): Incident {
    this.seq += 1;
    const sysId = `${this.seq.toString(16).padStart(8, '0')}${'a'.repeat(24)}`;
    const now = tableTime();
    const incident: Incident = {
      sys_id: sysId,
      number: `INC${String(10000 + this.seq).padStart(7, '0')}`,
      state: fields.state ?? '1',
      short_description: fields.short_description ?? '',
      description: fields.description ?? '',
      correlation_id: fields.correlation_id ?? '',
      correlation_display: fields.correlation_display ?? '',
      close_code: fields.close_code ?? '',
      close_notes: fields.close_notes ?? '',
      sys_created_by: user,
      sys_updated_by: user,
      sys_updated_on: now,
      sys_mod_count: 0,
    };
    this.enforcePolicy(incident.state, fields);
    this.incidents.set(sysId, incident);
    this.rule('insert', incident);
    return incident;
  }

  private change(sysId: string, fields: IncidentFields, user: string): Incident {
    const current = this.incidents.get(sysId);
    if (!current) throw new HttpError(404, 'No Record found', { error: { message: 'No Record found' } }, undefined);
    if (fields.state !== undefined && fields.state !== current.state) this.enforcePolicy(fields.state, fields);
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const next: Incident = {
      ...current,
      ...defined,
      sys_updated_by: user,
      sys_updated_on: tableTime(),
      sys_mod_count: current.sys_mod_count + 1,
    };
    this.incidents.set(sysId, next);
    this.rule('update', next);
    return next;
  }

  private enforcePolicy(state: string, fields: IncidentFields): void {
    if ((state === '6' || state === '7') && (!fields.close_code || !fields.close_notes)) {
      const message = 'Data Policy Exception: The following fields are mandatory: Resolution code, Close notes';
      throw new HttpError(403, message, { error: { message } }, undefined);
    }
  }

  private rule(operation: 'insert' | 'update', incident: Incident): void {
    if (incident.sys_updated_by === this.username) return;
    this.onRuleCall({
      operation,
      sys_id: incident.sys_id,
      number: incident.number,
      state: incident.state,
      short_description: incident.short_description,
      description: incident.description,
      correlation_id: incident.correlation_id || null,
      sys_updated_on: incident.sys_updated_on,
      sys_updated_by: incident.sys_updated_by,
      sys_mod_count: String(incident.sys_mod_count),
    });
  }

  private maybeFail(): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}

const STATES = [
  ['1', 'New'],
  ['2', 'In Progress'],
  ['3', 'On Hold'],
  ['6', 'Resolved'],
  ['7', 'Closed'],
  ['8', 'Canceled'],
];
