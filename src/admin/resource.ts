/** The integration resource of the admin API: the settings without any secret (only whether each is set). */
import { chosenCloseCode } from '../../workflows/close-code';
import {
  DEFAULT_NOTES,
  effectiveReverseMapping,
  type IntegrationSettings,
  type NotesSettings,
} from '../../workflows/settings';
import type { TwoWayStateMapping } from '../../workflows/state-mapping';

export interface IntegrationResource {
  id: string;
  name: string;
  description: string;
  status: string;
  servicenow: { instanceUrl: string; username: string; passwordSet: boolean };
  /** `uiUrl`: the base that completes OnCall's relative permalinks; null when not set. */
  oncall: { apiUrl: string; apiTokenSet: boolean; integrationId: string; uiUrl: string | null };
  stateOptions: { label: string; value: string }[];
  /** Always the two-way form (bridge.md §8.1). */
  stateMapping: TwoWayStateMapping;
  /** The close code resolves write, and whether the admin chose it or it is the default. */
  closeCode: { value: string; label: string; chosen: boolean };
  connections: { oncallIntegrationId: string; backsync: boolean }[];
  /** Which notes go each way (bridge.md §9). */
  notes: NotesSettings;
  webhooks: { id: string; triggerType: string }[];
  businessRuleIssuedAt: string | null;
  createdAt: string;
}

export function toIntegrationResource(settings: IntegrationSettings): IntegrationResource {
  return {
    id: settings.id,
    name: settings.name,
    description: settings.description,
    status: settings.status,
    servicenow: {
      instanceUrl: settings.servicenow.instanceUrl,
      username: settings.servicenow.username,
      passwordSet: settings.servicenow.passwordSealed !== '',
    },
    oncall: {
      apiUrl: settings.oncall.apiUrl,
      apiTokenSet: settings.oncall.apiTokenSealed !== '',
      integrationId: settings.oncall.integrationId,
      uiUrl: settings.oncall.uiUrl ?? null,
    },
    stateOptions: settings.stateOptions.map(({ label, value }) => ({ label, value })),
    stateMapping: {
      oncallToServiceNow: { ...settings.stateMapping },
      serviceNowToOnCall: effectiveReverseMapping(settings),
    },
    closeCode: {
      ...chosenCloseCode(settings.closeCodes, settings.closeCode),
      chosen: settings.closeCode != null && settings.closeCodes.some((code) => code.value === settings.closeCode),
    },
    connections: settings.connections.map(({ oncallIntegrationId, backsync }) => ({ oncallIntegrationId, backsync })),
    notes: { ...(settings.notes ?? DEFAULT_NOTES) },
    webhooks: settings.webhookIds.map(({ id, triggerType }) => ({ id, triggerType })),
    businessRuleIssuedAt: settings.businessRuleIssuedAt,
    createdAt: settings.createdAt,
  };
}
