/**
 * The settings of one bridge integration (held by its integration workflow) and the small, secret-free
 * snapshot of them that travels with every pair event, so a pair needs no extra activity per event.
 */
import { chosenCloseCode } from './close-code';
import type { FieldMapping } from './field-mapping';
import { ALERT_GROUP_STATES, type AlertGroupState } from './oncall-statuses';
import { derivedReverseMapping, type ReverseMapping } from './state-mapping';

/** ServiceNow `state` value per OnCall status; `null` means "write nothing for this status". */
export interface StateMapping {
  firing: string | null;
  acknowledged: string | null;
  resolved: string | null;
  silenced: string | null;
}

export interface ChoiceOption {
  label: string;
  value: string;
}

export interface Connection {
  oncallIntegrationId: string;
  backsync: boolean;
}

/**
 * Which journal entries become OnCall resolution notes, and which kind of entry an OnCall note becomes
 * (bridge.md §9). Absent in integrations created before notes existed: the default both ways.
 */
export const NOTES_TO_ONCALL = ['work_notes', 'comments', 'both', 'off'] as const;
export const NOTES_TO_SERVICENOW = ['work_notes', 'comments', 'off'] as const;

export interface NotesSettings {
  toOnCall: (typeof NOTES_TO_ONCALL)[number];
  toServiceNow: (typeof NOTES_TO_SERVICENOW)[number];
}

export const DEFAULT_NOTES: NotesSettings = { toOnCall: 'work_notes', toServiceNow: 'work_notes' };

export interface OwnedWebhook {
  id: string;
  triggerType: string;
}

/**
 * Everything the integration workflow stores. `*Sealed` fields are encrypted outside Temporal and opaque
 * here; they never go into search attributes, memo, logs or pair events.
 */
export interface IntegrationSettings {
  id: string;
  name: string;
  description: string;
  servicenow: { instanceUrl: string; username: string; passwordSealed: string };
  oncall: {
    apiUrl: string;
    apiTokenSealed: string;
    integrationId: string;
    /** Sealed, as its path token is a credential; plain in integrations set up before it was sealed. */
    inboundUrl: string;
    bridgeUserId: string;
    /** The OnCall/Grafana UI base URL that completes relative permalinks; absent or null = none. */
    uiUrl?: string | null;
  };
  stateOptions: ChoiceOption[];
  closeCodes: ChoiceOption[];
  /** The `close_code` value resolves write; absent or null = the default (a "solved" code). */
  closeCode?: string | null;
  stateMapping: StateMapping;
  /**
   * ServiceNow state → OnCall status, set with the two-way form; absent means derived from `stateMapping`
   * and the labels (bridge.md §8.1).
   */
  reverseMapping?: ReverseMapping | null;
  /**
   * Extra fields of every incident the bridge creates (`assignment_group`, `category`, ...). Absent in
   * integrations created before the field existed, which means none.
   */
  incidentFields?: Record<string, string>;
  /** Incident field templates (bridge.md §8.2); absent = none. */
  fieldMapping?: FieldMapping | null;
  /** Encoded query an incident must match to get an alert group (bridge.md §8.3); absent or "" = all. */
  incidentFilter?: string;
  /** Extra fields the last issued Business Rule sends (beyond the §8.3 set); absent = none. */
  businessRuleFields?: string[];
  notes?: NotesSettings;
  connections: Connection[];
  webhookIds: OwnedWebhook[];
  webhookSecretHash: string | null;
  businessRuleTokenHash: string | null;
  businessRuleIssuedAt: string | null;
  createdAt: string;
  status: 'active' | 'deleted';
}

/** The part of the settings a pair needs, carried by every `PairEvent`. Contains no plain-text secret. */
export interface PairSettings {
  integrationId: string;
  stateMapping: StateMapping;
  /** ServiceNow state → OnCall status; absent in events of older runs (the flat reverse applies). */
  reverseMapping?: ReverseMapping;
  /** The incident state choices, with labels, so Closed/Resolved/Canceled are found by label. */
  stateOptions: ChoiceOption[];
  /** A valid `close_code` choice value, sent with every resolve/close. */
  closeCode: string;
  /** The integration user: `sys_updated_by` of the bridge's own ServiceNow writes. */
  serviceNowUsername: string;
  /** The OnCall user behind the API key: `user.id` of the bridge's own OnCall actions. */
  bridgeOnCallUserId: string;
  /** The OnCall integration that receives alerts for ServiceNow-born incidents. */
  bridgeOnCallIntegrationId: string;
  /** Sealed (opened only by the activity that posts); plain in events of older integrations. */
  inboundUrl: string;
  /** Extra fields of created incidents; absent in events of older runs (none). */
  incidentFields?: Record<string, string>;
  /** Backsync flag per connected OnCall integration id. */
  backsync: Record<string, boolean>;
  /** The ServiceNow instance URL, for links to incidents. */
  incidentUrlBase: string;
  /** The base that completes OnCall's relative permalinks; absent = none (the link is left out). */
  oncallUiUrl?: string;
  /** Absent in events of older runs: {@link DEFAULT_NOTES}. */
  notes?: NotesSettings;
  /** Absent in events of older runs and without templates. */
  fieldMapping?: FieldMapping;
  /** Absent or "" = every incident gets an alert group. */
  incidentFilter?: string;
}

/** The snapshot the receiver and reconciliation attach to pair events, built the same way everywhere. */
export function toPairSettings(settings: IntegrationSettings): PairSettings {
  const backsync: Record<string, boolean> = {};
  for (const connection of settings.connections) backsync[connection.oncallIntegrationId] = connection.backsync;
  return {
    integrationId: settings.id,
    stateMapping: { ...settings.stateMapping },
    reverseMapping: effectiveReverseMapping(settings),
    stateOptions: settings.stateOptions.map(({ label, value }) => ({ label, value })),
    closeCode: chosenCloseCode(settings.closeCodes, settings.closeCode).value,
    serviceNowUsername: settings.servicenow.username,
    bridgeOnCallUserId: settings.oncall.bridgeUserId,
    bridgeOnCallIntegrationId: settings.oncall.integrationId,
    inboundUrl: settings.oncall.inboundUrl,
    incidentFields: { ...(settings.incidentFields ?? {}) },
    backsync,
    incidentUrlBase: settings.servicenow.instanceUrl.replace(/\/+$/, ''),
    ...(settings.oncall.uiUrl ? { oncallUiUrl: settings.oncall.uiUrl } : {}),
    notes: { ...(settings.notes ?? DEFAULT_NOTES) },
    // A mapping with no templates and no assignOnAcknowledge (one emptied again) is none: no field sync.
    ...(hasFieldMapping(settings.fieldMapping) ? { fieldMapping: settings.fieldMapping } : {}),
    ...(settings.incidentFilter ? { incidentFilter: settings.incidentFilter } : {}),
  };
}

function hasFieldMapping(mapping: FieldMapping | null | undefined): mapping is FieldMapping {
  return !!mapping && (Object.keys(mapping.incident).length > 0 || mapping.assignOnAcknowledge);
}

const CLOSED_LABELS = ['closed'];
const CANCELED_LABELS = ['canceled', 'cancelled'];
const RESOLVED_LABELS = ['resolved'];
const ON_HOLD_LABELS = ['on hold'];

function hasLabel(settings: PairSettings, value: string, labels: string[], fallback: string): boolean {
  const option = settings.stateOptions.find((o) => o.value === value);
  if (option) return labels.includes(option.label.trim().toLowerCase());
  return value === fallback;
}

/** Closed is terminal in ServiceNow: the bridge never writes to a Closed incident. */
export function isClosedState(settings: PairSettings, value: string): boolean {
  return hasLabel(settings, value, CLOSED_LABELS, '7');
}

export function isCanceledState(settings: PairSettings, value: string): boolean {
  return hasLabel(settings, value, CANCELED_LABELS, '8');
}

/** A write of this state must carry `close_code` and `close_notes` (data policy on Resolved/Closed). */
export function needsCloseFields(settings: PairSettings, value: string): boolean {
  return (
    value === settings.stateMapping.resolved ||
    hasLabel(settings, value, RESOLVED_LABELS, '6') ||
    isClosedState(settings, value)
  );
}

/** The ServiceNow state for an OnCall status, or `undefined` when the status is mapped to nothing. */
export function toServiceNowState(settings: PairSettings, status: AlertGroupState): string | undefined {
  return settings.stateMapping[status] ?? undefined;
}

/** The reverse mapping in force: the one set with the two-way form, else the flat mapping's derived one. */
export function effectiveReverseMapping(settings: IntegrationSettings): ReverseMapping {
  return { ...(settings.reverseMapping ?? derivedReverseMapping(settings.stateMapping, settings.stateOptions)) };
}

/** A write of this state must carry `hold_reason` (data policy on On Hold, bridge.md §8.1). */
export function isOnHoldState(settings: PairSettings, value: string): boolean {
  return hasLabel(settings, value, ON_HOLD_LABELS, '3');
}

/**
 * The OnCall status for a ServiceNow state by the reverse mapping (many states to one status); a state it
 * does not list, or lists as null, gives `undefined` (no write). Events of runs from before the reverse
 * mapping existed carry none: for those, the flat mapping's reverse with Closed and Canceled as resolved.
 */
export function toOnCallStatus(settings: PairSettings, value: string): AlertGroupState | undefined {
  if (settings.reverseMapping) return settings.reverseMapping[value] ?? undefined;
  const mapped = ALERT_GROUP_STATES.find((status) => settings.stateMapping[status] === value);
  if (mapped) return mapped;
  if (isClosedState(settings, value) || isCanceledState(settings, value)) return 'resolved';
  return undefined;
}
