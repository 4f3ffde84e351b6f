/**
 * Validators of the integration workflow's updates. They run before an update is accepted, so a rejected
 * change writes nothing to history. The admin API validates its HTTP bodies with zod; these guard the
 * workflow's own invariants.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { IntegrationPatch } from './messages';
import { NOTES_TO_ONCALL, NOTES_TO_SERVICENOW } from './settings';
import type { Connection, IntegrationSettings, NotesSettings, StateMapping } from './settings';
import { Failure } from './failure-types';
import { ALERT_GROUP_STATES } from './oncall-statuses';

/** The failure type of a rejected update, for the admin API to answer 400 with `message`. */
export const INVALID_SETTINGS = Failure.invalid_settings;

function fail(message: string): never {
  throw ApplicationFailure.nonRetryable(message, INVALID_SETTINGS);
}

/** Every mapped value is a known state option, and no ServiceNow state is used twice. */
export function validateMapping(mapping: StateMapping, options: IntegrationSettings['stateOptions']): void {
  const used = new Set<string>();
  for (const status of ALERT_GROUP_STATES) {
    const value = mapping[status];
    if (value === null) continue;
    if (typeof value !== 'string') fail(`stateMapping.${status} must be a state value or null`);
    if (options.length > 0 && !options.some((option) => option.value === value)) {
      fail(`stateMapping.${status}: ${value} is not one of the incident states`);
    }
    if (used.has(value)) fail(`stateMapping: ServiceNow state ${value} is used twice`);
    used.add(value);
  }
}

function nonEmpty(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') fail(`${what} must be a non-empty string`);
}

export function validateSettings(settings: IntegrationSettings): void {
  nonEmpty(settings.id, 'id');
  nonEmpty(settings.name, 'name');
  nonEmpty(settings.servicenow?.instanceUrl, 'servicenow.instanceUrl');
  nonEmpty(settings.servicenow?.username, 'servicenow.username');
  nonEmpty(settings.oncall?.apiUrl, 'oncall.apiUrl');
  if (!Array.isArray(settings.stateOptions)) fail('stateOptions must be a list');
  if (!Array.isArray(settings.connections)) fail('connections must be a list');
  validateMapping(settings.stateMapping, settings.stateOptions);
  settings.connections.forEach(validateConnection);
  if (settings.incidentFields !== undefined) validateIncidentFields(settings.incidentFields);
  const closeCode = settings.closeCode;
  if (closeCode != null && !settings.closeCodes.some((code) => code.value === closeCode)) {
    const known = settings.closeCodes.map((code) => code.value).join(', ');
    fail(`closeCode ${JSON.stringify(closeCode).slice(0, 100)} is not one of ServiceNow's close codes (${known})`);
  }
  if (settings.notes !== undefined) validateNotes(settings.notes);
}

function validateNotes(notes: NotesSettings): void {
  if (!(NOTES_TO_ONCALL as readonly string[]).includes(notes?.toOnCall)) fail('notes.toOnCall is not a known choice');
  if (!(NOTES_TO_SERVICENOW as readonly string[]).includes(notes?.toServiceNow)) {
    fail('notes.toServiceNow is not a known choice');
  }
}

const FIELD_NAME = /^[a-z_][a-z0-9_]*$/;
/** Fields the bridge itself writes: routing, the mapping and the resolve rules depend on them. */
const BRIDGE_FIELDS = new Set(['correlation_id', 'correlation_display', 'state', 'close_code', 'close_notes']);

/** Extra incident fields: ServiceNow field names with string values, none the bridge writes itself. */
export function validateIncidentFields(fields: Record<string, string>): void {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) fail('incidentFields must be an object');
  for (const [name, value] of Object.entries(fields)) {
    if (!FIELD_NAME.test(name)) fail(`incidentFields: ${name} is not a ServiceNow field name`);
    if (BRIDGE_FIELDS.has(name) || name.startsWith('sys_')) fail(`incidentFields: ${name} is set by the bridge`);
    if (typeof value !== 'string') fail(`incidentFields.${name} must be a string`);
  }
}

export function validateConnection(connection: Connection): void {
  nonEmpty(connection?.oncallIntegrationId, 'oncallIntegrationId');
  if (typeof connection.backsync !== 'boolean') fail('backsync must be true or false');
}

const PATCHABLE = new Set<string>([
  'name',
  'description',
  'servicenow',
  'oncall',
  'stateOptions',
  'closeCodes',
  'closeCode',
  'stateMapping',
  'reverseMapping',
  'incidentFields',
  'fieldMapping',
  'incidentFilter',
  'businessRuleFields',
  'notes',
  'connections',
  'webhookIds',
  'webhookSecretHash',
  'businessRuleTokenHash',
  'businessRuleIssuedAt',
]);

/** Applies a patch to a copy, after checking it names only patchable fields; validates the result. */
export function applyPatch(current: IntegrationSettings, patch: IntegrationPatch): IntegrationSettings {
  if (typeof patch !== 'object' || patch === null) fail('a patch must be an object');
  for (const field of Object.keys(patch)) if (!PATCHABLE.has(field)) fail(`${field} cannot be changed`);
  const next: IntegrationSettings = {
    ...current,
    ...patch,
    servicenow: { ...current.servicenow, ...patch.servicenow },
    oncall: { ...current.oncall, ...patch.oncall },
  };
  validateSettings(next);
  return next;
}
