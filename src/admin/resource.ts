/** The integration resource of the admin API: the settings without any secret (only whether each is set). */
import { chosenCloseCode } from '../../workflows/close-code';
import { DEFAULT_NOTES, effectiveReverseMapping, type IntegrationSettings } from '../../workflows/settings';
import type { IntegrationResource } from './answers';
import { businessRuleOutdated } from '../sync/incident-filter';
import { EMPTY_FIELD_MAPPING } from '../../workflows/field-mapping';

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
    fieldMapping: structuredClone(settings.fieldMapping ?? EMPTY_FIELD_MAPPING),
    webhooks: settings.webhookIds.map(({ id, triggerType }) => ({ id, triggerType })),
    incidentFields: { ...(settings.incidentFields ?? {}) },
    incidentFilter: { condition: settings.incidentFilter ?? '' },
    businessRuleIssuedAt: settings.businessRuleIssuedAt,
    businessRuleOutdated: businessRuleOutdated(settings.incidentFilter, settings.businessRuleFields),
    createdAt: settings.createdAt,
  };
}
