/**
 * The admin API's shapes, named for the pages. They come from `openapi.gen.ts`, which openapi-typescript
 * generates from the OpenAPI document (`GET /api/v1/openapi.json`), itself generated from the zod schemas
 * the server validates with and answers with: no shape is written twice.
 */
import type { components, paths } from './openapi.gen';

type Schemas = components['schemas'];
/** The JSON body of an operation's answer with this status. */
type Answer<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [status in S]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;
/** The JSON body an operation takes. */
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

type Integration = '/api/v1/integrations/{id}';
type Connection = '/api/v1/integrations/{id}/connections/{oncallIntegrationId}';

export type IntegrationResource = Schemas['Integration'];
export type PairSummary = Schemas['PairSummary'];
export type PairDetail = Schemas['PairDetail'];
/** The error envelope of every non-2xx answer. */
export type ErrorEnvelope = Schemas['ErrorBody'];
export type IntegrationList = Answer<'/api/v1/integrations', 'get', 200>;
export type StateOptions = Answer<`${Integration}/state-options`, 'get', 200>;
export type ChoiceOption = StateOptions['options'][number];
export type BusinessRuleAnswer = Answer<`${Integration}/business-rule`, 'post', 201>;
export type WebhookSecretAnswer = Answer<`${Integration}/webhook-secret`, 'post', 200>;
export type DemoAlertAnswer = Answer<`${Connection}/demo-alert`, 'post', 202>;
export type PairList = Answer<`${Integration}/pairs`, 'get', 200>;
export type PairsQuery = NonNullable<paths[`${Integration}/pairs`]['get']['parameters']['query']>;
export type ReconcileResult = Answer<`${Integration}/reconcile`, 'post', 200>;
export type FieldMappingPreview = Answer<`${Integration}/field-mapping/preview`, 'post', 200>;

export type TestConnectionBody = Body<'/api/v1/integrations/test-connection', 'post'>;
export type CreateIntegrationBody = Body<'/api/v1/integrations', 'post'>;
export type PatchIntegrationBody = Body<Integration, 'patch'>;
export type StateMappingBody = Body<`${Integration}/state-mapping`, 'put'>;
export type FieldMappingBody = Body<`${Integration}/field-mapping`, 'put'>;
export type FieldMappingPreviewBody = Body<`${Integration}/field-mapping/preview`, 'post'>;
export type IncidentFilterBody = Body<`${Integration}/incident-filter`, 'put'>;
export type ConnectionBody = Body<`${Integration}/connections`, 'post'>;
export type ConnectionPatchBody = Body<Connection, 'patch'>;

/** OnCall's alert group statuses, in the order a group moves through them (the bridge's one list of them). */
export { ALERT_GROUP_STATES as ONCALL_STATUSES } from '../../workflows/oncall-statuses';
export type { AlertGroupState as OnCallStatus } from '../../workflows/oncall-statuses';
