/**
 * The vocabulary of field-rich sync (bridge.md §8.2, §8.3): the field-mapping setting, which incident
 * fields are references and where their records live, which fields an alert carries to OnCall, and which
 * fields are the bridge's own. One place for each of these lists.
 */

/** `PUT .../field-mapping`: Jinja2 templates per incident field, and when they are applied again. */
export interface FieldMapping {
  /** Incident field name → template (a plain value is a template without tags). */
  incident: Record<string, string>;
  /** Fields rendered again on each later OnCall event of the pair, written when the result changes. */
  updateOnChange: string[];
  /** A person's acknowledge in OnCall makes them the incident's `assigned_to` (by e-mail). */
  assignOnAcknowledge: boolean;
}

export const EMPTY_FIELD_MAPPING: FieldMapping = { incident: {}, updateOnChange: [], assignOnAcknowledge: false };

/** Fields the bridge sets itself: a template for them is refused. */
export const BRIDGE_OWNED_FIELDS: readonly string[] = ['state', 'correlation_id', 'correlation_display'];

/** A ServiceNow sys_id: 32 lowercase hex digits. */
export const SYS_ID = /^[0-9a-f]{32}$/;

/**
 * Reference fields a template may name by display value, with the table and the columns a name is looked up
 * in (first match wins; a user is found by user name, e-mail or full name).
 */
export const REFERENCE_FIELDS: Readonly<Record<string, { table: string; columns: readonly string[] }>> = {
  assignment_group: { table: 'sys_user_group', columns: ['name'] },
  assigned_to: { table: 'sys_user', columns: ['user_name', 'email', 'name'] },
  caller_id: { table: 'sys_user', columns: ['user_name', 'email', 'name'] },
  cmdb_ci: { table: 'cmdb_ci', columns: ['name'] },
};

/** What an alert carries to OnCall in its `servicenow` object besides `number` and `sys_id` (§8.3). */
export const CARRIED_FIELDS = [
  'priority',
  'urgency',
  'impact',
  'assignment_group',
  'assigned_to',
  'category',
  'caller_id',
  'cmdb_ci',
] as const;

/** A field as the Business Rule sends it: the stored value and what a person sees. */
export interface FieldValue {
  value: string;
  display: string;
}

/** The templates of one OnCall event, rendered at the edge: values, and what failed (field: problem). */
export interface RenderedFields {
  values: Record<string, string>;
  problems: string[];
}
