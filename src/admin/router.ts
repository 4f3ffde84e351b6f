/** The admin API of bridge.md §4.2: bearer-token auth, zod-validated bodies, the resource shapes of §4.2. */
import express, { Router } from 'express';
import type { ServiceNowAccess } from '../../activities/setup-types';
import type { IntegrationPatch } from '../../workflows/messages';
import { reverseMappingProblems, stateMappingProblems } from '../../workflows/state-mapping';
import { ApiError } from '../http/errors';
import { parseInput } from '../http/validate';
import { requireAdminToken } from './auth';
import { generateBusinessRule } from './business-rule';
import type { IntegrationService } from './integration-service';
import type { PairService } from './pair-service';
import { toIntegrationResource } from './resource';
import { toIntegrationPatch } from './patch-body';
import { connectionAndPairRoutes } from './connection-routes';
import { fieldMappingRoutes } from './field-routes';
import { extraConditionFields } from '../sync/incident-filter';
import { adminSchemas, StateMappingSchema, TwoWayStateMappingSchema, type StateMappingInput } from './schemas';

export interface AdminRouterDeps {
  integrations: IntegrationService;
  pairs: PairService;
  adminToken: string;
  publicUrl: string;
  allowInsecureUrls: boolean;
}

export function createAdminRouter(deps: AdminRouterDeps): Router {
  const { integrations, pairs } = deps;
  const schemas = adminSchemas(deps.allowInsecureUrls);
  const router = Router();
  router.use('/api/v1', requireAdminToken(deps.adminToken), express.json({ limit: '1mb', type: () => true }));

  router.post('/api/v1/integrations/test-connection', async (req, res) => {
    const body = parseInput(schemas.testConnection, req.body);
    await integrations.testConnection(body.servicenow);
    res.json({ ok: true });
  });

  router.post('/api/v1/integrations', async (req, res) => {
    res.status(201).json(toIntegrationResource(await integrations.create(parseInput(schemas.create, req.body))));
  });

  router.get('/api/v1/integrations', async (_req, res) => {
    res.json({ integrations: (await integrations.list()).map(toIntegrationResource) });
  });

  router.get('/api/v1/integrations/:id', async (req, res) => {
    res.json(toIntegrationResource(await integrations.require(req.params.id)));
  });

  router.patch('/api/v1/integrations/:id', async (req, res) => {
    const body = parseInput(schemas.patch, req.body);
    const current = await integrations.require(req.params.id);
    const patch = toIntegrationPatch(body, current, integrations.sealSecret);
    await integrations.verifyCredentials(current, patch);
    if (body.stateMapping)
      Object.assign(patch, await freshMapping(body.stateMapping, patch.servicenow ?? current.servicenow));
    res.json(toIntegrationResource(await integrations.patch(req.params.id, patch)));
  });

  router.delete('/api/v1/integrations/:id', async (req, res) => {
    res.json(toIntegrationResource(await integrations.remove(req.params.id)));
  });

  router.get('/api/v1/integrations/:id/state-options', async (req, res) => {
    const choices = await integrations.stateOptions(req.params.id);
    res.json({ options: choices.states });
  });

  router.put('/api/v1/integrations/:id/state-mapping', async (req, res) => {
    // Parsed by the form it has, so a 400 names the field within it (a union names only the root).
    const twoWay = typeof req.body === 'object' && req.body !== null && 'oncallToServiceNow' in req.body;
    const mapping = parseInput(twoWay ? TwoWayStateMappingSchema : StateMappingSchema, req.body);
    const current = await integrations.require(req.params.id);
    res.json(
      toIntegrationResource(await integrations.patch(req.params.id, await freshMapping(mapping, current.servicenow))),
    );
  });

  router.post('/api/v1/integrations/:id/webhook-secret', async (req, res) => {
    const { settings, authorizationHeader } = await integrations.rotateWebhookSecret(req.params.id);
    res.json({ ...toIntegrationResource(settings), ...(authorizationHeader ? { authorizationHeader } : {}) });
  });

  router.post('/api/v1/integrations/:id/business-rule', async (req, res) => {
    const { token, settings } = await integrations.issueBusinessRuleToken(req.params.id);
    // The rule sends what the incident filter reads (bridge.md §8.3); the resource is outdated until then.
    const extraFields = extraConditionFields(settings.incidentFilter ?? '');
    const rule = generateBusinessRule({
      webhookUrl: `${deps.publicUrl}/webhooks/servicenow/${settings.id}`,
      token,
      integrationUsername: settings.servicenow.username,
      extraFields,
    });
    await integrations.patch(settings.id, { businessRuleFields: extraFields });
    res.status(201).json({ token, script: rule.script, instructions: rule.instructions, rule: rule.rule });
  });

  connectionAndPairRoutes(router, { integrations, pairs, schemas });
  fieldMappingRoutes(router, integrations);
  return router;

  /**
   * A mapping is checked against the states ServiceNow has now (the admin picked them from a fresh
   * state-options read), and those states are stored with it.
   */
  async function freshMapping(input: StateMappingInput, servicenow: ServiceNowAccess): Promise<IntegrationPatch> {
    const choices = await integrations.choicesFor(servicenow);
    const twoWay = 'oncallToServiceNow' in input;
    const mapping = twoWay ? input.oncallToServiceNow : input;
    const problems = [
      ...stateMappingProblems(mapping, choices.states).map((p) => (twoWay ? `oncallToServiceNow.${p}` : p)),
      ...(twoWay ? reverseMappingProblems(input.serviceNowToOnCall, choices.states) : []),
    ];
    if (problems.length > 0) throw new ApiError(400, 'invalid_state_mapping', problems.join('; '), problems);
    // The flat form clears a reverse mapping set before: its reverse is derived again.
    const reverseMapping = twoWay ? input.serviceNowToOnCall : null;
    return { stateMapping: mapping, reverseMapping, stateOptions: choices.states, closeCodes: choices.closeCodes };
  }
}
