/**
 * The contract of the ServiceNow client the activities and the setup workflow use. ServiceNow returns every
 * value as a string; the client keeps them as strings except `sys_mod_count`, which is parsed.
 */
import type { FieldValue } from '../../../workflows/field-mapping';
import type { CallBudget } from '../budget';
import type { FailureClass } from '../errors';

export type ServiceNowAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'oauth'; username: string; password: string; clientId: string; clientSecret: string };

export interface ServiceNowClientConfig {
  instanceUrl: string;
  auth: ServiceNowAuth;
  /** Per-call timeout. @default 10000 */
  timeoutMs?: number;
  /**
   * Call only public https addresses, checked again at every connect (url-guard.ts); the worker sets it
   * unless BRIDGE_ALLOW_INSECURE_URLS is on. @default false
   */
  guarded?: boolean;
  /** The integration's shared 429 budget for Table API calls. */
  budget?: CallBudget;
}

/** An incident as the bridge sees it (Table API field names in snake_case). */
export interface Incident {
  sys_id: string;
  number: string;
  state: string;
  short_description: string;
  description: string;
  correlation_id: string;
  correlation_display: string;
  close_code: string;
  close_notes: string;
  sys_created_by: string;
  sys_updated_by: string;
  /** `YYYY-MM-DD HH:mm:ss`, UTC, as the Table API returns it. */
  sys_updated_on: string;
  sys_mod_count: number;
  /** The routing fields as value and display value, when the read asked for them (reconciliation's list). */
  fields?: Record<string, FieldValue>;
}

/** Writable incident fields; a resolve/close write must carry `close_code` and `close_notes`. */
export type IncidentFields = Partial<
  Pick<
    Incident,
    | 'state'
    | 'short_description'
    | 'description'
    | 'correlation_id'
    | 'correlation_display'
    | 'close_code'
    | 'close_notes'
  >
> &
  Record<string, string | undefined>;

export interface Choice {
  label: string;
  value: string;
  sequence: number;
}

export interface IncidentPage {
  incidents: Incident[];
  /** From `X-Total-Count`. */
  total: number;
  /** Offset of the next page, absent on the last one. */
  nextOffset?: number;
}

export interface VerifiedConnection {
  userSysId: string;
  userName: string;
  roles: string[];
}

/** The journal fields a person writes: work notes (internal) and additional comments (customer-visible). */
export type JournalElement = 'work_notes' | 'comments';

export interface JournalEntry {
  sysId: string;
  element: JournalElement;
  text: string;
  createdOn: string;
  /** `user_name` of the author. */
  createdBy: string;
}

export interface ServiceNowClient {
  /** The user this client writes as: `sys_updated_by` of every change it makes. */
  readonly username: string;
  /** Reachable, credentials accepted, user found in sys_user, may read sys_choice; else a `ServiceNowError`. */
  verifyConnection(): Promise<VerifiedConnection>;
  /** Choices of an incident field (`state`, `close_code`), English, ordered by sequence. */
  listChoices(element: 'state' | 'close_code'): Promise<Choice[]>;
  createIncident(fields: IncidentFields): Promise<Incident>;
  /** `undefined` when no such record (404). */
  getIncident(sysId: string): Promise<Incident | undefined>;
  findIncidentByCorrelationId(correlationId: string): Promise<Incident | undefined>;
  updateIncident(sysId: string, fields: IncidentFields): Promise<Incident>;
  /** Appends one journal entry; not idempotent (a retry after a lost answer appends a second one). */
  addJournalEntry(sysId: string, element: JournalElement, text: string): Promise<void>;
  /** Journal entries of an incident in the given elements, oldest first; `containing` filters by text. */
  listJournalEntries(sysId: string, elements: readonly JournalElement[], containing?: string): Promise<JournalEntry[]>;
  /**
   * Entries created at or after `since` (a Table API date-time) on any of the given incidents, oldest first,
   * each with its incident's sys_id: one read for a whole scanned page of incidents.
   */
  listJournalEntriesSince(
    sysIds: readonly string[],
    elements: readonly JournalElement[],
    since: string,
  ): Promise<(JournalEntry & { incidentSysId: string })[]>;
  /** Display names (`sys_user.name`) by user name; a user that cannot be read keeps its user name. */
  displayNames(userNames: readonly string[]): Promise<Record<string, string>>;
  /**
   * The sys_id of the first record of `table` whose `columns` (tried in order) equal `value`; `undefined`
   * when none does, or the table cannot be read (a reference by name that cannot be resolved is left unset).
   */
  findRecordSysId(table: string, columns: readonly string[], value: string): Promise<string | undefined>;
  /** Incidents with `sys_updated_on >= since` (a Table API date-time), oldest first. */
  /** Incidents updated since `since`, oldest first, each with `routing` as value and display value. */
  listIncidentsUpdatedSince(
    since: string,
    page: { offset: number; limit: number },
    routing: readonly string[],
  ): Promise<IncidentPage>;
}

export type ClassifyServiceNowError = (error: unknown) => FailureClass;
