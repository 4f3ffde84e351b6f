/**
 * Every route of the bridge's HTTP port, each with the zod schemas its handler validates with and answers
 * with: the input of the OpenAPI document (`openapi.ts`). Nothing here is a second copy of a schema.
 */
import { z } from 'zod';
import {
  BusinessRuleAnswerSchema,
  ConnectionOkSchema,
  DemoAlertAnswerSchema,
  FieldMappingPreviewAnswerSchema,
  IntegrationListSchema,
  IntegrationResourceSchema,
  PairDetailSchema,
  PairListSchema,
  ReconcileResultSchema,
  StateOptionsSchema,
  WebhookAnswerSchema,
  WebhookSecretAnswerSchema,
} from '../admin/answers';
import { adminSchemas, StateMappingInputSchema } from '../admin/schemas';
import { FieldMappingPreviewSchema, FieldMappingSchema, IncidentFilterSchema } from '../admin/field-schemas';
import { OnCallWebhookSchema, ServiceNowWebhookSchema } from '../receiver/schemas';
import { CodecRequestSchema } from '../temporal/codec-router';

/** Who may call a route: the admin token, a webhook's own credential, the codec token, or anyone. */
export type Auth = 'admin' | 'oncallWebhook' | 'servicenowWebhook' | 'codec' | 'none';

export interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: `{name}` for a path parameter. */
  path: string;
  summary: string;
  auth: Auth;
  body?: z.ZodType;
  query?: z.ZodObject;
  /** The success answer: its status and body (undefined: the document itself). */
  ok: { status: 200 | 201 | 202; body?: z.ZodType; description: string };
  /** Error statuses this route answers with, on top of those of its auth. */
  errors: number[];
}

// The URL checks are refinements: the document is the same whether or not insecure URLs are allowed.
const admin = adminSchemas(false);
const integration = { status: 200 as const, body: IntegrationResourceSchema, description: 'The integration' };
const HealthSchema = z.object({ status: z.literal('ok') });
const ReadinessSchema = z.object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.string()) });

const base = '/api/v1/integrations';
const one = `${base}/{id}`;
const connection = `${one}/connections/{oncallIntegrationId}`;

export const ROUTES: Route[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'The process runs',
    auth: 'none',
    ok: { status: 200, body: HealthSchema, description: 'Alive' },
    errors: [],
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Temporal answers, its prerequisites exist and the worker polls',
    auth: 'none',
    ok: { status: 200, body: ReadinessSchema, description: 'Ready; 503 with the same shape when not' },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This document',
    auth: 'none',
    ok: { status: 200, description: 'An OpenAPI 3.1 document' },
    errors: [],
  },
  {
    method: 'post',
    path: `${base}/test-connection`,
    summary: 'Checks ServiceNow credentials and roles',
    auth: 'admin',
    body: admin.testConnection,
    ok: { status: 200, body: ConnectionOkSchema, description: 'The credentials work' },
    errors: [400, 504],
  },
  {
    method: 'post',
    path: base,
    summary: 'Creates an integration (and its OnCall webhooks)',
    auth: 'admin',
    body: admin.create,
    ok: { ...integration, status: 201 },
    errors: [400, 504],
  },
  {
    method: 'get',
    path: base,
    summary: 'Lists the integrations',
    auth: 'admin',
    ok: { status: 200, body: IntegrationListSchema, description: 'All active integrations' },
    errors: [],
  },
  { method: 'get', path: one, summary: 'Reads an integration', auth: 'admin', ok: integration, errors: [404] },
  {
    method: 'patch',
    path: one,
    summary: 'Changes settings; new credentials are checked first',
    auth: 'admin',
    body: admin.patch,
    ok: integration,
    errors: [400, 404, 504],
  },
  {
    method: 'delete',
    path: one,
    summary: 'Deletes an integration and its OnCall webhooks',
    auth: 'admin',
    ok: integration,
    errors: [404],
  },
  {
    method: 'get',
    path: `${one}/state-options`,
    summary: "The instance's incident states, read now",
    auth: 'admin',
    ok: { status: 200, body: StateOptionsSchema, description: 'The states' },
    errors: [404, 504],
  },
  {
    method: 'put',
    path: `${one}/state-mapping`,
    summary: 'Sets the state mapping, flat or two-way (bridge.md §8.1)',
    auth: 'admin',
    body: StateMappingInputSchema,
    ok: integration,
    errors: [400, 404, 504],
  },
  {
    method: 'put',
    path: `${one}/field-mapping`,
    summary: 'Sets the incident field templates (bridge.md §8.2)',
    auth: 'admin',
    body: FieldMappingSchema,
    ok: integration,
    errors: [400, 404],
  },
  {
    method: 'post',
    path: `${one}/field-mapping/preview`,
    summary: 'Renders the templates for an alert group or a pasted OnCall webhook body (exactly one), writing nothing',
    auth: 'admin',
    body: FieldMappingPreviewSchema,
    ok: { status: 200, body: FieldMappingPreviewAnswerSchema, description: 'The rendered fields and the problems' },
    errors: [400, 404, 504],
  },
  {
    method: 'put',
    path: `${one}/incident-filter`,
    summary: 'Sets which ServiceNow incidents get an alert group, as an encoded query (bridge.md §8.3)',
    auth: 'admin',
    body: IncidentFilterSchema,
    ok: integration,
    errors: [400, 404],
  },
  {
    method: 'post',
    path: `${one}/business-rule`,
    summary: 'Issues a new webhook token and the Business Rule script',
    auth: 'admin',
    ok: { status: 201, body: BusinessRuleAnswerSchema, description: 'The script and where to put it' },
    errors: [404],
  },
  {
    method: 'post',
    path: `${one}/webhook-secret`,
    summary:
      "Rotates the OnCall webhook secret: the bridge's webhooks get the new one, the old one is refused (without webhooks of its own, the answer's authorizationHeader carries it once)",
    auth: 'admin',
    ok: { status: 200, body: WebhookSecretAnswerSchema, description: 'The integration, with the new secret once' },
    errors: [404, 504],
  },
  {
    method: 'post',
    path: `${one}/connections`,
    summary: 'Connects another OnCall integration',
    auth: 'admin',
    body: admin.connection,
    ok: { ...integration, status: 201 },
    errors: [400, 404, 504],
  },
  {
    method: 'patch',
    path: connection,
    summary: "Changes a connection's backsync",
    auth: 'admin',
    body: admin.connectionPatch,
    ok: integration,
    errors: [400, 404, 504],
  },
  {
    method: 'delete',
    path: connection,
    summary: 'Removes a connection',
    auth: 'admin',
    ok: integration,
    errors: [404, 504],
  },
  {
    method: 'post',
    path: `${connection}/demo-alert`,
    summary: 'Sends a demo alert to the connected integration',
    auth: 'admin',
    ok: { status: 202, body: DemoAlertAnswerSchema, description: 'Sent' },
    errors: [404, 504],
  },
  {
    method: 'get',
    path: `${one}/pairs`,
    summary: "The integration's pairs, newest first",
    auth: 'admin',
    query: admin.pairsQuery,
    ok: { status: 200, body: PairListSchema, description: 'The pairs' },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: `${one}/reconcile`,
    summary: 'Runs reconciliation now',
    auth: 'admin',
    ok: { status: 200, body: ReconcileResultSchema, description: "The run's counts" },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/pairs/{pairId}',
    summary: "A pair's state, timeline and carried notes",
    auth: 'admin',
    ok: { status: 200, body: PairDetailSchema, description: 'The pair' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/webhooks/oncall/{integrationId}',
    summary: "OnCall's outgoing webhook (forward_all)",
    auth: 'oncallWebhook',
    body: OnCallWebhookSchema,
    ok: { status: 202, body: WebhookAnswerSchema, description: 'Delivered to its pair, or ignored' },
    errors: [400, 404, 413, 429],
  },
  {
    method: 'post',
    path: '/webhooks/servicenow/{integrationId}',
    summary: "The generated Business Rule's call",
    auth: 'servicenowWebhook',
    body: ServiceNowWebhookSchema,
    ok: { status: 202, body: WebhookAnswerSchema, description: 'Delivered to its pair, or ignored' },
    errors: [400, 404, 413, 429],
  },
  ...(['encode', 'decode'] as const).flatMap((op) => [codecRoute(op, 'codec'), codecRoute(op, 'none')]),
];

/**
 * `POST /codec/{encode,decode}` with the codec token as bearer (the CLI), and `/codec/{token}/...` with it in
 * the path (the Web UI, which sends no header).
 */
function codecRoute(op: 'encode' | 'decode', auth: 'codec' | 'none'): Route {
  return {
    method: 'post',
    path: auth === 'codec' ? `/codec/${op}` : `/codec/{token}/${op}`,
    summary: `${op === 'encode' ? 'Encodes' : 'Decodes'} Temporal payloads (the payload codec)`,
    auth,
    body: CodecRequestSchema,
    ok: { status: 200, body: CodecRequestSchema, description: 'The payloads' },
    errors: auth === 'none' ? [400, 401, 413] : [400, 413],
  };
}
