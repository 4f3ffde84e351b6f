/**
 * The tables the emulator knows, with the field metadata the Table API needs to render them: which fields
 * are references (rendered as `{link, value}`), which are choices (display value from sys_choice) and which
 * are journals (write-only, read back as `""`). Field sets follow the recorded incidents of servicenow.md §6.
 */

export interface TableDef {
  fields: readonly string[];
  /** Reference field -> referenced table. */
  references: Readonly<Record<string, string>>;
  /** The field a reference to this table displays. */
  displayField: string;
  journals?: readonly string[];
}

const SYS_FIELDS = ['sys_id', 'sys_created_on', 'sys_created_by', 'sys_updated_on', 'sys_updated_by', 'sys_mod_count'];

// In the order a real instance returns them (the recorded insert of servicenow.md §6).
const INCIDENT_FIELDS = [
  'parent',
  'made_sla',
  'caused_by',
  'watch_list',
  'upon_reject',
  'sys_updated_on',
  'child_incidents',
  'hold_reason',
  'approval_history',
  'number',
  'resolved_by',
  'sys_updated_by',
  'opened_by',
  'user_input',
  'sys_created_on',
  'sys_domain',
  'state',
  'sys_created_by',
  'knowledge',
  'order',
  'calendar_stc',
  'closed_at',
  'cmdb_ci',
  'delivery_plan',
  'impact',
  'active',
  'work_notes_list',
  'business_service',
  'priority',
  'sys_domain_path',
  'rfc',
  'time_worked',
  'expected_start',
  'opened_at',
  'business_duration',
  'group_list',
  'work_end',
  'caller_id',
  'resolved_at',
  'approval_set',
  'subcategory',
  'work_notes',
  'short_description',
  'close_code',
  'correlation_display',
  'delivery_task',
  'work_start',
  'assignment_group',
  'additional_assignee_list',
  'business_stc',
  'description',
  'calendar_duration',
  'close_notes',
  'notify',
  'sys_class_name',
  'closed_by',
  'follow_up',
  'parent_incident',
  'sys_id',
  'contact_type',
  'incident_state',
  'urgency',
  'problem_id',
  'company',
  'reassignment_count',
  'activity_due',
  'assigned_to',
  'severity',
  'comments',
  'approval',
  'sla_due',
  'comments_and_work_notes',
  'due_date',
  'sys_mod_count',
  'reopen_count',
  'sys_tags',
  'escalation',
  'upon_approval',
  'correlation_id',
  'location',
  'category',
];

export const TABLES: Readonly<Record<string, TableDef>> = {
  incident: {
    fields: INCIDENT_FIELDS,
    displayField: 'number',
    journals: ['work_notes', 'comments', 'comments_and_work_notes'],
    references: {
      caller_id: 'sys_user',
      opened_by: 'sys_user',
      assigned_to: 'sys_user',
      resolved_by: 'sys_user',
      closed_by: 'sys_user',
      assignment_group: 'sys_user_group',
      sys_domain: 'sys_user_group',
      cmdb_ci: 'cmdb_ci',
      business_service: 'cmdb_ci_service',
      parent: 'task',
      parent_incident: 'incident',
      problem_id: 'problem',
      rfc: 'change_request',
      caused_by: 'change_request',
      company: 'core_company',
      location: 'cmn_location',
    },
  },
  sys_user: {
    fields: [
      'user_name',
      'name',
      'first_name',
      'last_name',
      'email',
      'active',
      'locked_out',
      'web_service_access_only',
      ...SYS_FIELDS,
    ],
    displayField: 'name',
    references: {},
  },
  sys_user_group: { fields: ['name', 'description', 'active', ...SYS_FIELDS], displayField: 'name', references: {} },
  sys_user_role: { fields: ['name', 'description', ...SYS_FIELDS], displayField: 'name', references: {} },
  sys_user_has_role: {
    fields: ['user', 'role', 'state', 'inherited', ...SYS_FIELDS],
    displayField: 'role',
    references: { user: 'sys_user', role: 'sys_user_role' },
  },
  sys_choice: {
    fields: [
      'name',
      'element',
      'language',
      'value',
      'label',
      'sequence',
      'inactive',
      'dependent_value',
      'hint',
      ...SYS_FIELDS,
    ],
    displayField: 'label',
    references: {},
  },
  sys_journal_field: {
    fields: ['element_id', 'element', 'name', 'value', ...SYS_FIELDS],
    displayField: 'value',
    references: {},
  },
};

/** Incident fields whose display value is a sys_choice label. */
export const CHOICE_FIELDS: Readonly<Record<string, string>> = {
  state: 'state',
  incident_state: 'state',
  impact: 'impact',
  urgency: 'urgency',
  priority: 'priority',
  close_code: 'close_code',
  hold_reason: 'hold_reason',
};

/** Journal fields that accept writes (the third is a read-only combined view). */
export const WRITABLE_JOURNALS = ['work_notes', 'comments'] as const;

export function tableDef(name: string): TableDef | undefined {
  return Object.hasOwn(TABLES, name) ? TABLES[name] : undefined;
}
