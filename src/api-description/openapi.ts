/**
 * The OpenAPI 3.1 document of the bridge's HTTP port, generated from the zod schemas the handlers validate
 * with and answer with (`routes.ts`) by @asteasolutions/zod-to-openapi. Served at `GET /api/v1/openapi.json`.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ErrorBodySchema } from '../admin/answers';
import { ROUTES, type Auth, type Route } from './routes';

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const ERROR_MEANING: Record<number, string> = {
  400: 'The request is invalid; `error.details` names each field and why',
  401: 'Missing or wrong credential',
  404: 'No such integration, connection or pair',
  413: 'The body is larger than allowed',
  429: 'Too many webhooks for this integration; see Retry-After',
  503: 'Temporal is unreachable; try again later',
  504: 'A setup step did not finish in time (is the worker running?)',
};

/** Errors every route of an auth kind can answer with. */
const AUTH_ERRORS: Record<Auth, number[]> = {
  admin: [401, 503],
  oncallWebhook: [401, 503],
  servicenowWebhook: [401, 503],
  codec: [401],
  none: [],
};

/** The version of the API (its `/api/v1` prefix), not of the bridge. */
const API_VERSION = '1';

export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerSecuritySchemes(registry);
  for (const route of ROUTES) registry.registerPath(operation(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'OnCall ⇄ ServiceNow bridge',
      version: API_VERSION,
      description:
        'The admin API (bridge.md §4.2) with its bearer admin token, the two webhook endpoints (§4.3), health and the Temporal payload codec.',
    },
  });
}

function registerSecuritySchemes(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'admin', {
    type: 'http',
    scheme: 'bearer',
    description: 'BRIDGE_ADMIN_TOKEN',
  });
  registry.registerComponent('securitySchemes', 'oncallWebhook', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: "The exact value the bridge put in the OnCall webhook's authorization_header",
  });
  registry.registerComponent('securitySchemes', 'servicenowWebhook', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token issued with the Business Rule script',
  });
  registry.registerComponent('securitySchemes', 'codec', {
    type: 'http',
    scheme: 'bearer',
    description: 'BRIDGE_CODEC_TOKEN (or the admin token); the Web UI uses /codec/<token>/{encode,decode}',
  });
}

function operation(route: Route) {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const errors = [...new Set([...AUTH_ERRORS[route.auth], ...route.errors])].sort();
  const ok = route.ok.body
    ? { description: route.ok.description, content: { 'application/json': { schema: route.ok.body } } }
    : { description: route.ok.description, content: { 'application/json': { schema: z.object({}).loose() } } };
  return {
    method: route.method,
    path: route.path,
    summary: route.summary,
    security: route.auth === 'none' ? [] : [{ [route.auth]: [] }],
    request: {
      ...(params.length > 0
        ? { params: z.object(Object.fromEntries(params.map((name) => [name, pathParameter(name)]))) }
        : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    },
    responses: {
      [route.ok.status]: ok,
      ...Object.fromEntries(
        errors.map((status) => [
          status,
          {
            description: ERROR_MEANING[status] ?? 'Error',
            content: { 'application/json': { schema: ErrorBodySchema } },
          },
        ]),
      ),
    },
  };
}

function pathParameter(name: string) {
  // Pair ids contain slashes (`pair/<integration>/<origin>/<id>`): sent URL-encoded as one segment.
  return name === 'pairId' ? z.string().describe('The pair id, URL-encoded') : z.string();
}
