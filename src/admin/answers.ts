/**
 * The bodies the admin API answers with (bridge.md §4.2), as zod schemas: the one description of each
 * answer. The server's types are inferred from them, the OpenAPI document (`src/api-description/`) is
 * generated from them, and the web UI imports the same types.
 */
import { z } from 'zod';
import { ALERT_GROUP_STATES } from '../../workflows/oncall-statuses';
import type { PairView } from '../../workflows/messages';
import type { ReconcileResult } from '../../workflows/reconcile-types';
import { NOTES_TO_ONCALL, NOTES_TO_SERVICENOW } from '../../workflows/settings';

const ChoiceSchema = z.object({ label: z.string(), value: z.string() });
const oncallStatus = z.enum(ALERT_GROUP_STATES);
const dateTime = z.string().describe('an ISO 8601 date-time');

export const StateMappingAnswerSchema = z.object({
  firing: z.string().nullable(),
  acknowledged: z.string().nullable(),
  resolved: z.string().nullable(),
  silenced: z.string().nullable(),
});

export const IntegrationResourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    status: z.enum(['active', 'deleted']),
    servicenow: z.object({ instanceUrl: z.string(), username: z.string(), passwordSet: z.boolean() }),
    /** `uiUrl`: the base that completes OnCall's relative permalinks; null when not set. */
    oncall: z.object({
      apiUrl: z.string(),
      apiTokenSet: z.boolean(),
      integrationId: z.string(),
      uiUrl: z.string().nullable(),
    }),
    stateOptions: z.array(ChoiceSchema),
    /** Always the two-way form (bridge.md §8.1). */
    stateMapping: z.object({
      oncallToServiceNow: StateMappingAnswerSchema,
      serviceNowToOnCall: z.record(z.string(), oncallStatus.nullable()),
    }),
    /** The close code resolves write, and whether the admin chose it or it is the default. */
    closeCode: z.object({ value: z.string(), label: z.string(), chosen: z.boolean() }),
    connections: z.array(z.object({ oncallIntegrationId: z.string(), backsync: z.boolean() })),
    /** Which notes go each way (bridge.md §9). */
    notes: z.object({ toOnCall: z.enum(NOTES_TO_ONCALL), toServiceNow: z.enum(NOTES_TO_SERVICENOW) }),
    /** Incident field templates (bridge.md §8.2); the empty mapping when none are set. */
    fieldMapping: z.object({
      incident: z.record(z.string(), z.string()),
      updateOnChange: z.array(z.string()),
      assignOnAcknowledge: z.boolean(),
    }),
    /** Fixed fields of every created incident (`PATCH incidentFields`, §4.2): templates without tags, under `fieldMapping`. */
    incidentFields: z.record(z.string(), z.string()),
    /** Which incidents get an alert group (bridge.md §8.3); `""` = every incident. */
    incidentFilter: z.object({ condition: z.string() }),
    webhooks: z.array(z.object({ id: z.string(), triggerType: z.string() })),
    businessRuleIssuedAt: dateTime.nullable(),
    /** The incident filter reads a field the issued Business Rule does not send: issue the rule again. */
    businessRuleOutdated: z.boolean(),
    createdAt: dateTime,
  })
  .meta({ id: 'Integration', description: 'An integration without any secret: only whether each is set' });
export type IntegrationResource = z.infer<typeof IntegrationResourceSchema>;

/** `POST .../webhook-secret`: the integration, and the new header once when the bridge has no webhooks of its own. */
export const WebhookSecretAnswerSchema = IntegrationResourceSchema.extend({
  authorizationHeader: z
    .string()
    .optional()
    .describe('The new secret, shown this once: only when the bridge has no OnCall webhooks of its own to put it in'),
});

export const IntegrationListSchema = z.object({ integrations: z.array(IntegrationResourceSchema) });
export const StateOptionsSchema = z.object({ options: z.array(ChoiceSchema) });
export const ConnectionOkSchema = z.object({ ok: z.literal(true) });

export const BusinessRuleAnswerSchema = z.object({
  token: z.string().describe('The new webhook token, shown this once; it is also inside the script'),
  script: z.string(),
  instructions: z.string(),
  rule: z.object({ name: z.string(), table: z.string(), when: z.string(), insert: z.boolean(), update: z.boolean() }),
});
export type BusinessRuleAnswer = z.infer<typeof BusinessRuleAnswerSchema>;

/** `POST .../field-mapping/preview` (bridge.md §8.2): what the templates render, written nowhere. */
export const FieldMappingPreviewAnswerSchema = z.object({
  incident: z.record(z.string(), z.string()),
  problems: z.array(z.string()),
});

export const DemoAlertAnswerSchema = z.object({ sent: z.literal(true), format: z.string() });

const pairOrigin = z.enum(['oncall', 'servicenow']);
const pairIds = {
  integrationId: z.string(),
  alertGroupId: z.string().nullable(),
  incidentSysId: z.string().nullable(),
  incidentNumber: z.string().nullable(),
  oncallState: z.string().nullable(),
  servicenowState: z.string().nullable(),
  title: z.string().nullable(),
};

export const PairSummarySchema = z
  .object({
    pairId: z.string(),
    ...pairIds,
    origin: pairOrigin,
    status: z.string().describe("The pair workflow's status"),
    updatedAt: dateTime,
    temporalUrl: z.string().nullable(),
  })
  .meta({ id: 'PairSummary' });
export type PairSummary = z.infer<typeof PairSummarySchema>;
export const PairListSchema = z.object({ pairs: z.array(PairSummarySchema) });

const sides = <T extends z.ZodType>(value: T) => z.object({ servicenow: z.string().nullable(), oncall: value });

/** `GET /api/v1/pairs/:pairId`: the pair workflow's view (`PairView`) with its id and Temporal link. */
export const PairDetailSchema = z
  .object({
    pairId: z.string(),
    ...pairIds,
    origin: pairOrigin,
    alertGroupUrl: z.string().nullable(),
    updatedAt: dateTime.nullable(),
    done: z.boolean(),
    desired: sides(oncallStatus.nullable()),
    pending: sides(oncallStatus.nullable()),
    lastError: z.object({ at: dateTime, type: z.string(), message: z.string() }).nullable(),
    queued: z.number().int(),
    timeline: z.array(
      z.object({
        at: dateTime,
        source: z.enum(['oncall', 'servicenow', 'bridge']),
        kind: z.string(),
        summary: z.string(),
      }),
    ),
    notes: z.array(
      z.object({
        direction: z.enum(['toOnCall', 'toServiceNow']),
        journalId: z.string(),
        oncallNoteId: z.string(),
        at: dateTime,
        found: z.boolean().optional(),
      }),
    ),
    temporalUrl: z.string().nullable(),
  })
  .meta({ id: 'PairDetail' });
export type PairDetail = z.infer<typeof PairDetailSchema>;

const cursor = z.object({
  incidentsSince: z.string().nullable(),
  incidentsOffset: z.number().int(),
  groupPages: z.record(z.string(), z.number().int()),
  groupsDone: z.record(z.string(), z.number().int()).optional(),
  groupPasses: z.number().int().optional(),
});
const count = z.number().int().nonnegative();

export const ReconcileResultSchema = z.object({
  integrationId: z.string(),
  active: z.boolean(),
  more: z.boolean(),
  incidentsMore: z.boolean(),
  groupsMore: z.boolean(),
  cursor,
  startedAt: dateTime,
  incidentsScanned: count,
  groupsScanned: count,
  inSync: count,
  busy: count,
  skipped: count,
  missedChanges: count,
  orphansAdopted: count,
  notesNudged: count,
  pairsCreated: count,
  pairsQueried: count,
  visibilityCalls: count,
});

/** The envelope of every non-2xx answer; `details` lists the fields of an `invalid_request`. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });

/** A webhook's 202: the pair it went to, or why the bridge ignored it. */
export const WebhookAnswerSchema = z.union([
  z.object({ accepted: z.literal(true), pairId: z.string() }),
  z.object({ accepted: z.literal(false), reason: z.string() }),
]);

/** True when each type is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
/**
 * Compile-time check that the schemas above describe what the workflows answer: a field added to `PairView`
 * or `ReconcileResult` without its schema fails the typecheck.
 */
export type AnswersMatchWorkflows = [
  Holds<Same<PairDetail, PairView & { pairId: string; temporalUrl: string | null }>>,
  Holds<Same<z.infer<typeof ReconcileResultSchema>, ReconcileResult>>,
];
