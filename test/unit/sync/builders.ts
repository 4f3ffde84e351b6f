/** Settings and events for reducer tests, shaped as the receiver builds them. */
import type { AlertGroupState } from '../../../src/integrations/oncall/types';
import type { PairKey } from '../../../workflows/ids';
import { reducePair } from '../../../workflows/pair-reducer';
import { initialPairState } from '../../../workflows/pair-state';
import type { OnCallEvent, PairInput, PairState, Reduction, ServiceNowEvent } from '../../../workflows/pair-types';
import { toPairSettings, type IntegrationSettings, type PairSettings } from '../../../workflows/settings';

export const BRIDGE_USER = 'UBRIDGE0000001';
export const BRIDGE_INTEGRATION = 'CBRIDGE000001';
export const CONNECTED_ON = 'CCONNECTEDON1';
export const CONNECTED_OFF = 'CCONNECTEDOF1';
export const SN_USER = 'svc-bridge';

export function integrationSettings(overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  return {
    id: 'int1',
    name: 'ServiceNow production',
    description: '',
    servicenow: { instanceUrl: 'https://acme.service-now.com/', username: SN_USER, passwordSealed: 'sealed:x' },
    oncall: {
      apiUrl: 'https://oncall.example.com',
      apiTokenSealed: 'sealed:y',
      integrationId: BRIDGE_INTEGRATION,
      inboundUrl: 'https://oncall.example.com/integrations/v1/formatted_webhook/tok/',
      bridgeUserId: BRIDGE_USER,
    },
    stateOptions: [
      { label: 'New', value: '1' },
      { label: 'In Progress', value: '2' },
      { label: 'On Hold', value: '3' },
      { label: 'Resolved', value: '6' },
      { label: 'Closed', value: '7' },
      { label: 'Canceled', value: '8' },
    ],
    closeCodes: [{ label: 'Solution provided', value: 'Solution provided' }],
    stateMapping: { firing: '1', acknowledged: '2', resolved: '6', silenced: null },
    connections: [
      { oncallIntegrationId: CONNECTED_ON, backsync: true },
      { oncallIntegrationId: CONNECTED_OFF, backsync: false },
    ],
    webhookIds: [],
    webhookSecretHash: null,
    businessRuleTokenHash: null,
    businessRuleIssuedAt: null,
    createdAt: '2026-12-01T09:00:00Z',
    status: 'active',
    ...overrides,
  };
}

export const settings: PairSettings = toPairSettings(integrationSettings());

const TYPE_FOR: Record<AlertGroupState, string> = {
  firing: 'unresolve',
  acknowledged: 'acknowledge',
  resolved: 'resolve',
  silenced: 'silence',
};

export function oncallEvent(
  state: AlertGroupState,
  options: {
    id?: string;
    type?: string;
    time?: string | null;
    user?: string | null;
    integrationId?: string;
    alertUid?: string | null;
    with?: PairSettings;
  } = {},
): OnCallEvent {
  const id = options.id ?? 'IAG000000001';
  const eventType = options.type ?? TYPE_FOR[state];
  const eventTime = options.time === undefined ? '2026-12-01T10:00:00.000000+00:00' : options.time;
  return {
    source: 'oncall',
    key: eventTime ? `oncall:${id}:${eventType}:${eventTime}` : null,
    settings: options.with ?? settings,
    eventType,
    eventTime,
    userId: options.user === undefined ? 'UALICE0000001' : options.user,
    alertGroup: {
      id,
      integrationId: options.integrationId ?? BRIDGE_INTEGRATION,
      state,
      title: 'Checkout API 5xx rate above 5%',
      message: '5xx ratio 7.3% over 5m',
      permalink: `https://acme.grafana.net/a/grafana-oncall-app/alert-groups/${id}`,
      alertUid: options.alertUid ?? null,
    },
  };
}

export function created(options: Parameters<typeof oncallEvent>[1] = {}): OnCallEvent {
  return oncallEvent('firing', { type: 'alert group created', user: null, ...options });
}

export function snEvent(
  state: string,
  modCount: number,
  options: { sysId?: string; user?: string; operation?: 'insert' | 'update'; correlationId?: string } = {},
): ServiceNowEvent {
  const sysId = options.sysId ?? '9d385017c611228701d22104cc95c371';
  return {
    source: 'servicenow',
    key: `servicenow:${sysId}:${modCount}`,
    settings,
    operation: options.operation ?? (modCount === 0 ? 'insert' : 'update'),
    incident: {
      sysId,
      number: 'INC0010042',
      state,
      shortDescription: 'Disk full on db-1',
      description: 'The data volume is at 100%.',
      correlationId: options.correlationId ?? '',
      updatedOn: `2026-12-01 10:00:${String(modCount).padStart(2, '0')}`,
      updatedBy: options.user ?? 'alice',
      modCount,
    },
  };
}

export const oncallKey: PairKey = { integrationId: 'int1', origin: 'oncall', sourceId: 'IAG000000001' };
export const snKey: PairKey = {
  integrationId: 'int1',
  origin: 'servicenow',
  sourceId: '9d385017c611228701d22104cc95c371',
};

const NOW = '2026-12-01T10:30:00.000Z';

/** Feeds inputs one by one, returning the last reduction and every command emitted on the way. */
export function run(key: PairKey, inputs: PairInput[], from?: PairState) {
  let state = from ?? initialPairState(key);
  let last: Reduction = { state, commands: [] };
  const commands: Reduction['commands'] = [];
  for (const input of inputs) {
    last = reducePair(state, input, NOW);
    state = last.state;
    commands.push(...last.commands);
  }
  return { state, last, commands };
}

export function incidentWritten(state: string, modCount: number, created = false): PairInput {
  return {
    source: 'bridge',
    kind: 'incidentWritten',
    created,
    incident: {
      sysId: '9d385017c611228701d22104cc95c371',
      number: 'INC0010042',
      state,
      shortDescription: 'Checkout API 5xx rate above 5%',
      correlationId: 'oncall:IAG000000001',
      updatedOn: '2026-12-01 10:01:00',
      updatedBy: SN_USER,
      modCount,
    },
  };
}

/** A move's result; `version` null is an act-first move that did not read the group back. */
export function moved(
  state: AlertGroupState,
  wrongState = false,
  id = 'IAG000000001',
  version: string | null = '2026-12-01T10:05:00.000000Z',
): PairInput {
  return {
    source: 'bridge',
    kind: 'alertGroupMoved',
    group: { id, state, version },
    actions: wrongState ? [] : ['acknowledge'],
    wrongState,
  };
}

/** The result of a `refresh` command: both sides as read back. */
export function refreshed(
  group: AlertGroupState,
  incidentState: string,
  modCount: number,
  authority: 'oncall' | 'servicenow' = 'oncall',
): PairInput {
  return {
    source: 'bridge',
    kind: 'refreshed',
    authority,
    authorityIsEcho: false,
    group: {
      id: 'IAG000000001',
      integrationId: BRIDGE_INTEGRATION,
      state: group,
      version: '2026-12-01T10:20:00.000000Z',
      title: 'Checkout API 5xx rate above 5%',
      permalink: null,
    },
    incident: {
      sysId: '9d385017c611228701d22104cc95c371',
      number: 'INC0010042',
      state: incidentState,
      shortDescription: 'Checkout API 5xx rate above 5%',
      correlationId: 'oncall:IAG000000001',
      updatedOn: '2026-12-01 10:20:00',
      updatedBy: 'alice',
      modCount,
    },
  };
}
