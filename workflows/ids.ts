/**
 * Workflow ids and the markers the bridge writes into what it creates, each with its inverse. Routing is
 * derived only from webhook data through these helpers (never from visibility, which lags), so every
 * event of one alert-group/incident pair reaches the same workflow.
 */

/** Default task queue; configuration may override it (`TEMPORAL_TASK_QUEUE`). */
export const TASK_QUEUE = 'oncall-servicenow';

/** Where a pair was born: an alert group in OnCall or an incident in ServiceNow. */
export type PairOrigin = 'oncall' | 'servicenow';

/** What identifies a pair: its integration, its origin and the id it was born with on that side. */
export interface PairKey {
  integrationId: string;
  origin: PairOrigin;
  /** The alert group id for OnCall-born pairs, the incident `sys_id` for ServiceNow-born pairs. */
  sourceId: string;
}

/**
 * The one id check: every id from outside (integration ids, alert group and OnCall integration ids, incident
 * `sys_id`s) must match it before it reaches a workflow id, a search attribute or a query. OnCall ids are
 * 13-character codes and `sys_id`s 32 hex digits; 128 leaves room and keeps any pair's workflow id far below
 * Temporal's 1,000-byte limit.
 */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Whether `value` can be used as an id (see {@link ID_PATTERN}). */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

function segment(value: string, what: string): string {
  if (!ID_PATTERN.test(value))
    throw new Error(`invalid ${what} for a workflow id: ${JSON.stringify(value.slice(0, 140))}`);
  return value;
}

/** `pair/<integrationId>/oncall/<alertGroupId>` or `pair/<integrationId>/servicenow/<incidentSysId>`. */
export function pairWorkflowId(key: PairKey): string {
  return `pair/${segment(key.integrationId, 'integration id')}/${key.origin}/${segment(key.sourceId, 'source id')}`;
}

/** The inverse of `pairWorkflowId`; `undefined` for anything else. */
export function parsePairWorkflowId(id: string): PairKey | undefined {
  const parts = id.split('/');
  if (parts.length !== 4 || parts[0] !== 'pair') return undefined;
  const [, integrationId = '', origin, sourceId = ''] = parts;
  if (origin !== 'oncall' && origin !== 'servicenow') return undefined;
  if (!isValidId(integrationId) || !isValidId(sourceId)) return undefined;
  return { integrationId, origin, sourceId };
}

/** `integration/<integrationId>`: the long-lived workflow holding one bridge integration's settings. */
export function integrationWorkflowId(integrationId: string): string {
  return `integration/${segment(integrationId, 'integration id')}`;
}

/** The inverse of `integrationWorkflowId`. */
export function parseIntegrationWorkflowId(id: string): string | undefined {
  const integrationId = /^integration\/(.*)$/.exec(id)?.[1];
  return isValidId(integrationId) ? integrationId : undefined;
}

const CORRELATION_PREFIX = 'oncall:';
const ALERT_UID_PREFIX = 'servicenow:';

/** The incident `correlation_id` that names the alert group the bridge created the incident for. */
export function correlationIdFor(alertGroupId: string): string {
  return `${CORRELATION_PREFIX}${alertGroupId}`;
}

/** The alert group id named by a `correlation_id`, when the bridge wrote it. */
export function parseCorrelationId(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(CORRELATION_PREFIX)) return undefined;
  const id = value.slice(CORRELATION_PREFIX.length);
  return isValidId(id) ? id : undefined;
}

/** The inbound alert's `alert_uid` that names the incident the bridge created the alert for. */
export function alertUidFor(incidentSysId: string): string {
  return `${ALERT_UID_PREFIX}${incidentSysId}`;
}

/** The incident `sys_id` named by an `alert_uid`, when the bridge wrote it. */
export function parseAlertUid(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(ALERT_UID_PREFIX)) return undefined;
  const id = value.slice(ALERT_UID_PREFIX.length);
  return isValidId(id) ? id : undefined;
}
