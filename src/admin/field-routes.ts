/**
 * The field-rich sync routes of the admin API: set the templates and preview what they render for an alert
 * group or a webhook body without writing anything (bridge.md §8.2); set the incident filter (§8.3). Auth
 * and JSON parsing are the router's.
 */
import type { Router } from 'express';
import { EMPTY_FIELD_MAPPING } from '../../workflows/field-mapping';
import { pairWorkflowId } from '../../workflows/ids';
import { toAlertGroup } from '../integrations/oncall/schemas';
import type { AlertGroup } from '../integrations/oncall/types';
import { ApiError } from '../http/errors';
import { parseInput } from '../http/validate';
import { groupPairKey } from '../sync/pair-events';
import { renderFields, templateContext, type TemplateExtras } from '../sync/render-fields';
import { FieldMappingPreviewSchema, FieldMappingSchema, IncidentFilterSchema } from './field-schemas';
import type { IntegrationService } from './integration-service';
import { toIntegrationResource } from './resource';

export function fieldMappingRoutes(router: Router, integrations: IntegrationService): void {
  router.put('/api/v1/integrations/:id/field-mapping', async (req, res) => {
    const fieldMapping = parseInput(FieldMappingSchema, req.body);
    await integrations.require(req.params.id);
    res.json(toIntegrationResource(await integrations.patch(req.params.id, { fieldMapping })));
  });

  router.put('/api/v1/integrations/:id/incident-filter', async (req, res) => {
    const { condition } = parseInput(IncidentFilterSchema, req.body);
    await integrations.require(req.params.id);
    res.json(toIntegrationResource(await integrations.patch(req.params.id, { incidentFilter: condition })));
  });

  router.post('/api/v1/integrations/:id/field-mapping/preview', async (req, res) => {
    const body = parseInput(FieldMappingPreviewSchema, req.body);
    const settings = await integrations.require(req.params.id);
    let group: AlertGroup;
    let extras: TemplateExtras = {};
    const { event, alertGroupId = '' } = body;
    if (event) {
      group = toAlertGroup(event.alert_group);
      extras = { payload: event.alert_payload, integration: event.integration, user: event.user };
    } else {
      const found = await integrations.readAlertGroup(settings, alertGroupId);
      if (!found) throw new ApiError(404, 'not_found', `OnCall has no alert group ${alertGroupId}`);
      group = found;
    }
    const pairId = pairWorkflowId(groupPairKey(group, settings.id));
    const context = templateContext(group, extras, { integrationId: settings.id, pairId });
    const rendered = renderFields(settings.fieldMapping ?? EMPTY_FIELD_MAPPING, context);
    res.json({ incident: rendered.values, problems: rendered.problems });
  });
}
