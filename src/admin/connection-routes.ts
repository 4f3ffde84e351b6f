/** The connection and pair routes of the admin API (bridge.md §4.2); auth and JSON parsing are the router's. */
import type { Router } from 'express';
import { ApiError } from '../http/errors';
import { parseInput } from '../http/validate';
import type { IntegrationService } from './integration-service';
import type { PairService } from './pair-service';
import { toIntegrationResource } from './resource';
import type { AdminSchemas } from './schemas';

export interface ConnectionRouteDeps {
  integrations: IntegrationService;
  pairs: PairService;
  schemas: AdminSchemas;
}

export function connectionAndPairRoutes(router: Router, { integrations, pairs, schemas }: ConnectionRouteDeps): void {
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
      .json(
        toIntegrationResource(await integrations.setConnection(req.params.id, body.oncallIntegrationId, body.backsync)),
      );
  });

  router.patch('/api/v1/integrations/:id/connections/:oncallIntegrationId', async (req, res) => {
    const body = parseInput(schemas.connectionPatch, req.body);
    const settings = await integrations.require(req.params.id);
    const { oncallIntegrationId } = req.params;
    if (!settings.connections.some((c) => c.oncallIntegrationId === oncallIntegrationId)) {
      throw new ApiError(404, 'not_found', `Integration ${settings.id} has no connection to ${oncallIntegrationId}`);
    }
    res.json(toIntegrationResource(await integrations.setConnection(settings.id, oncallIntegrationId, body.backsync)));
  });

  router.delete('/api/v1/integrations/:id/connections/:oncallIntegrationId', async (req, res) => {
    res.json(toIntegrationResource(await integrations.removeConnection(req.params.id, req.params.oncallIntegrationId)));
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
}
