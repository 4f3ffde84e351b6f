/** The admin API of bridge.md §4.2: bearer-token auth, zod-validated bodies, the resource shapes of §4.2. */
import express, { Router } from 'express';
import type { ServiceNowAccess } from '../../activities/setup-types';
import type { IntegrationPatch } from '../../workflows/messages';
import type { IntegrationSettings, StateMapping } from '../../workflows/settings';
import { stateMappingProblems } from '../../workflows/state-mapping';
import { ApiError } from '../http/errors';
import { parseInput } from '../http/validate';
import { requireAdminToken } from './auth';
import { generateBusinessRule } from './business-rule';
import type { IntegrationService } from './integration-service';
import type { PairService } from './pair-service';
import { toIntegrationResource } from './resource';
import { toIntegrationPatch } from './patch-body';
import { adminSchemas } from './schemas';

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
  const send = (settings: IntegrationSettings) => toIntegrationResource(settings);

  router.post('/api/v1/integrations/test-connection', async (req, res) => {
    const body = parseInput(schemas.testConnection, req.body);
    await integrations.testConnection(body.servicenow);
    res.json({ ok: true });
  });

  router.post('/api/v1/integrations', async (req, res) => {
    res.status(201).json(send(await integrations.create(parseInput(schemas.create, req.body))));
  });

  router.get('/api/v1/integrations', async (_req, res) => {
    res.json({ integrations: (await integrations.list()).map(send) });
  });

  router.get('/api/v1/integrations/:id', async (req, res) => {
    res.json(send(await integrations.require(req.params.id)));
  });

  router.patch('/api/v1/integrations/:id', async (req, res) => {
    const body = parseInput(schemas.patch, req.body);
    const current = await integrations.require(req.params.id);
    const patch = toIntegrationPatch(body, current, integrations.sealSecret);
    await integrations.verifyCredentials(current, patch);
    if (patch.stateMapping)
      Object.assign(patch, await freshMapping(patch.stateMapping, patch.servicenow ?? current.servicenow));
    res.json(send(await integrations.patch(req.params.id, patch)));
  });

  router.delete('/api/v1/integrations/:id', async (req, res) => {
    res.json(send(await integrations.remove(req.params.id)));
  });

  router.get('/api/v1/integrations/:id/state-options', async (req, res) => {
    const choices = await integrations.stateOptions(req.params.id);
    res.json({ options: choices.states });
  });

  router.put('/api/v1/integrations/:id/state-mapping', async (req, res) => {
    const mapping = parseInput(schemas.patch.shape.stateMapping.unwrap(), req.body);
    const current = await integrations.require(req.params.id);
    res.json(send(await integrations.patch(req.params.id, await freshMapping(mapping, current.servicenow))));
  });

  router.post('/api/v1/integrations/:id/business-rule', async (req, res) => {
    const { token, settings } = await integrations.issueBusinessRuleToken(req.params.id);
    const rule = generateBusinessRule({
      webhookUrl: `${deps.publicUrl}/webhooks/servicenow/${settings.id}`,
      token,
      integrationUsername: settings.servicenow.username,
    });
    res.status(201).json({ token, script: rule.script, instructions: rule.instructions, rule: rule.rule });
  });

  router.post('/api/v1/integrations/:id/connections', async (req, res) => {
    const body = parseInput(schemas.connection, req.body);
    const settings = await integrations.require(req.params.id);
    if (body.oncallIntegrationId === settings.oncall.integrationId) {
      throw new ApiError(
        400,
        'invalid_request',
        'That is the bridge integration itself; connect another OnCall integration',
      );
    }
    res
      .status(201)
      .json(send(await integrations.setConnection(req.params.id, body.oncallIntegrationId, body.backsync)));
  });

  router.patch('/api/v1/integrations/:id/connections/:oncallIntegrationId', async (req, res) => {
    const body = parseInput(schemas.connectionPatch, req.body);
    const settings = await integrations.require(req.params.id);
    const { oncallIntegrationId } = req.params;
    if (!settings.connections.some((c) => c.oncallIntegrationId === oncallIntegrationId)) {
      throw new ApiError(404, 'not_found', `Integration ${settings.id} has no connection to ${oncallIntegrationId}`);
    }
    res.json(send(await integrations.setConnection(settings.id, oncallIntegrationId, body.backsync)));
  });

  router.delete('/api/v1/integrations/:id/connections/:oncallIntegrationId', async (req, res) => {
    res.json(send(await integrations.removeConnection(req.params.id, req.params.oncallIntegrationId)));
  });

  router.post('/api/v1/integrations/:id/connections/:oncallIntegrationId/demo-alert', async (req, res) => {
    const format = await integrations.demoAlert(req.params.id, req.params.oncallIntegrationId);
    res.status(202).json({ sent: true, format });
  });

  router.get('/api/v1/integrations/:id/pairs', async (req, res) => {
    const query = parseInput(schemas.pairsQuery, req.query, 'query');
    await integrations.require(req.params.id);
    res.json({ pairs: await pairs.list(req.params.id, query) });
  });

  // Pair ids contain slashes (`pair/<integration>/<origin>/<id>`); accept them raw or URL-encoded.
  router.get('/api/v1/pairs/*pairId', async (req, res) => {
    const segments = req.params.pairId;
    res.json(await pairs.get(segments.join('/')));
  });

  return router;

  /**
   * A mapping is checked against the states ServiceNow has now (the admin picked them from a fresh
   * state-options read), and those states are stored with it.
   */
  async function freshMapping(mapping: StateMapping, servicenow: ServiceNowAccess): Promise<IntegrationPatch> {
    const choices = await integrations.choicesFor(servicenow);
    const problems = stateMappingProblems(mapping, choices.states);
    if (problems.length > 0) throw new ApiError(400, 'invalid_state_mapping', problems.join('; '), problems);
    return { stateMapping: mapping, stateOptions: choices.states, closeCodes: choices.closeCodes };
  }
}
