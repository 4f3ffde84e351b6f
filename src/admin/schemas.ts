/** Bodies of the admin API (bridge.md §4.2), validated at the edge; URLs pass the SSRF guard. */
import { z } from 'zod';
import { ALERT_GROUP_STATES } from '../../workflows/oncall-statuses';
import { NOTES_TO_ONCALL, NOTES_TO_SERVICENOW } from '../../workflows/settings';
import { IdSchema } from '../http/id-schema';
import { urlProblem } from '../http/url-guard';

/** A ServiceNow/OnCall base URL: https, not a private address, unless the development switch allows it. */
export function baseUrl(allowInsecure: boolean) {
  return z
    .string()
    .trim()
    .max(2048)
    .superRefine((value, ctx) => {
      const problem = urlProblem(value, allowInsecure);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => value.replace(/\/+$/, ''));
}

/**
 * The OnCall (Grafana) UI base URL, used only to complete relative alert-group permalinks in incidents; the
 * bridge never calls it, so any absolute http(s) URL will do, private addresses included.
 */
export const linkBaseUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'an absolute http(s) URL without credentials')
  .transform((value) => value.replace(/\/+$/, ''));

const stateValue = z.string().trim().min(1).max(40).nullable();

export const StateMappingSchema = z.strictObject({
  firing: stateValue,
  acknowledged: stateValue,
  resolved: stateValue,
  silenced: stateValue.default(null),
});

/** The two-way form of bridge.md §8.1: ServiceNow states map back many-to-one, `null` = write nothing. */
export const TwoWayStateMappingSchema = z.strictObject({
  oncallToServiceNow: StateMappingSchema,
  serviceNowToOnCall: z.record(z.string().trim().min(1).max(40), z.enum(ALERT_GROUP_STATES).nullable()),
});

/** Either form; the flat one means `oncallToServiceNow` with the reverse derived. */
export const StateMappingInputSchema = z.union([StateMappingSchema, TwoWayStateMappingSchema]);
export type StateMappingInput = z.infer<typeof StateMappingInputSchema>;

const text = (max: number) => z.string().trim().max(max);

export function adminSchemas(allowInsecure: boolean) {
  const servicenow = z.strictObject({
    instanceUrl: baseUrl(allowInsecure),
    username: text(100).min(1),
    password: z.string().min(1).max(1000),
  });
  const oncall = z.strictObject({
    apiUrl: baseUrl(allowInsecure),
    apiToken: z.string().trim().min(1).max(1000),
    integrationId: IdSchema.optional(),
    uiUrl: linkBaseUrl.optional(),
  });
  return {
    testConnection: z.strictObject({ servicenow }),
    create: z.strictObject({
      name: text(200).min(1),
      description: text(2000).default(''),
      servicenow,
      oncall,
      createDefaultWebhooks: z.boolean().default(true),
      stateMapping: StateMappingSchema.optional(),
    }),
    patch: z.strictObject({
      name: text(200).min(1).optional(),
      description: text(2000).optional(),
      servicenow: servicenow.partial().optional(),
      oncall: oncall
        .omit({ integrationId: true, uiUrl: true })
        .extend({ uiUrl: linkBaseUrl.nullable() })
        .partial()
        .optional(),
      stateMapping: StateMappingInputSchema.optional(),
      /** A ServiceNow close code value for resolves; null goes back to the default. */
      closeCode: text(100).min(1).nullable().optional(),
      incidentFields: z
        .record(z.string().regex(/^[a-z_][a-z0-9_]*$/), text(1000), {
          // zod's own message for a bad key is "Invalid key in record"; the admin needs to know what a key is.
          error: (issue) =>
            issue.code === 'invalid_key' ? 'a ServiceNow field name (lowercase letters, digits, _)' : undefined,
        })
        .optional(),
      notes: z
        .strictObject({
          toOnCall: z.enum(NOTES_TO_ONCALL).optional(),
          toServiceNow: z.enum(NOTES_TO_SERVICENOW).optional(),
        })
        .optional(),
    }),
    connection: z.strictObject({ oncallIntegrationId: IdSchema, backsync: z.boolean().default(false) }),
    connectionPatch: z.strictObject({ backsync: z.boolean() }),
    pairsQuery: z.object({
      state: z.enum(ALERT_GROUP_STATES).optional(),
      /** An incident number or an alert group id, matched exactly. */
      search: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an incident number or an alert group id')
        .optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  };
}

export type AdminSchemas = ReturnType<typeof adminSchemas>;
export type CreateIntegrationBody = z.output<AdminSchemas['create']>;
export type PatchIntegrationBody = z.output<AdminSchemas['patch']>;
