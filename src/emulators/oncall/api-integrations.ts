/** `/api/v1/integrations/` and `/api/v1/users/` (oncall.md §2.4, §10). */
import { Router } from 'express';
import { userOf } from './auth';
import type { EmulatorContext } from './context';
import { integrationToken, publicId } from './ids';
import { INTEGRATION_TYPE_RULES, isIntegrationType } from './integration-types';
import type { EmIntegration, EmStore, EmUser } from './model';
import { serializeIntegration, serializeUser } from './serializers';
import { detail, notFound, objectBody, paginate, queryString } from './http-helpers';

/** Creates an integration, or returns the 400 `detail` that OnCall would answer. */
export function createIntegration(
  store: EmStore,
  input: { type?: unknown; name?: unknown; description_short?: unknown },
): EmIntegration | { error: string } {
  if (!isIntegrationType(input.type)) return { error: 'Invalid integration type' };
  const type = input.type;
  const name =
    typeof input.name === 'string' && input.name
      ? input.name
      : `${INTEGRATION_TYPE_RULES[type].displayName} ${publicId('')}`;
  if ([...store.integrations.values()].some((existing) => existing.name === name)) {
    return { error: 'An integration with this name already exists for this team' };
  }
  const integration: EmIntegration = {
    id: publicId('C'),
    name,
    type,
    token: integrationToken(),
    routeId: publicId('R'),
    descriptionShort: typeof input.description_short === 'string' ? input.description_short : null,
    createdAt: new Date(),
    groupingKey: null,
  };
  store.integrations.set(integration.id, integration);
  return integration;
}

export function integrationRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const show = (integration: EmIntegration) => serializeIntegration(integration, ctx.baseUrl());

  router.get('/integrations', (req, res) => {
    const name = queryString(req, 'name');
    const items = [...ctx.store.integrations.values()].filter((i) => !name || i.name === name);
    paginate(req, res, items, ctx.baseUrl(), show);
  });
  router.get('/integrations/:id', (req, res) => {
    const integration = ctx.store.integrations.get(req.params.id);
    return integration ? void res.json(show(integration)) : notFound(res);
  });
  router.post('/integrations', (req, res) => {
    const body = objectBody(req, res);
    if (!body) return;
    const created = createIntegration(ctx.store, body);
    if ('error' in created) return detail(res, 400, created.error);
    res.status(201).json(show(created));
  });
  const update = Router({ mergeParams: true });
  router.put('/integrations/:id', update);
  router.patch('/integrations/:id', update);
  update.use((req, res) => {
    const integration = ctx.store.integrations.get(String(req.params.id));
    if (!integration) return notFound(res);
    const body = objectBody(req, res);
    if (!body) return;
    if (typeof body.name === 'string' && body.name) integration.name = body.name;
    if (typeof body.description_short === 'string') integration.descriptionShort = body.description_short;
    const templates = body.templates as Record<string, unknown> | undefined;
    if (templates && 'grouping_key' in templates) {
      integration.groupingKey = typeof templates.grouping_key === 'string' ? templates.grouping_key : null;
    }
    res.json(show(integration));
  });
  router.delete('/integrations/:id', (req, res) => {
    if (!ctx.store.integrations.delete(req.params.id)) return notFound(res);
    res.status(204).end();
  });

  const users = () => [...ctx.store.users.values()];
  const showUser = (user: EmUser) => serializeUser(user, users().indexOf(user));
  router.get('/users', (req, res) => {
    const username = queryString(req, 'username');
    const email = queryString(req, 'email');
    const items = users().filter((u) => (!username || u.username === username) && (!email || u.email === email));
    paginate(req, res, items, ctx.baseUrl(), showUser);
  });
  router.get('/users/:id', (req, res) => {
    // `current` is the user behind the API key (oncall.md §10).
    const user = req.params.id === 'current' ? userOf(req) : ctx.store.users.get(req.params.id);
    return user ? void res.json(showUser(user)) : notFound(res);
  });
  return router;
}
