/**
 * zod schemas of the two webhook bodies the receiver accepts: OnCall's outgoing webhook with `forward_all`
 * (oncall.md §1.3) and the generated Business Rule's call (docs/servicenow-webhook.md). They keep only the
 * fields the bridge uses and tolerate everything else OnCall or ServiceNow may add.
 */
import { z } from 'zod';
import { clip, FIELD_LIMITS } from '../http/field-limits';
import { IdSchema } from '../http/id-schema';
import { MAX_MOD_COUNT, timeProblem } from '../http/time-window';
import { AlertGroupApiSchema } from '../integrations/oncall/schemas';

const PayloadSchema = z.unknown();

const code = () => z.string().min(1).max(FIELD_LIMITS.code);
/** An event time inside the receiver's window (`time-window.ts`). */
const eventTime = () =>
  code().superRefine((value, ctx) => {
    const problem = timeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `an event time: ${problem}` });
  });
export const OnCallWebhookSchema = z.object({
  event: z.object({
    type: code(),
    /** Absent for unresolve, unacknowledge and unsilence. */
    time: eventTime().nullish(),
  }),
  user: z.object({ id: IdSchema, username: z.string().nullish(), email: z.string().nullish() }).nullish(),
  /** The public-API alert group, parsed as the client parses it; a link no OnCall sends is refused. */
  alert_group: AlertGroupApiSchema.refine((group) => (group.permalinks?.web ?? '').length <= FIELD_LIMITS.url, {
    message: `a link of at most ${FIELD_LIMITS.url} characters`,
    path: ['permalinks', 'web'],
  }),
  alert_group_id: IdSchema,
  /** `{id, type, name, team}`: for templates only (bridge.md §8.2). */
  integration: z
    .object({
      id: z.string().max(FIELD_LIMITS.code).optional(),
      name: z.string().max(FIELD_LIMITS.title).nullish(),
      type: z.string().max(FIELD_LIMITS.code).nullish(),
      team: z.string().max(FIELD_LIMITS.title).nullish(),
    })
    .nullish(),
  /** The raw payload of the group's first alert; `""` when there is none. */
  alert_payload: PayloadSchema.optional(),
});
export type OnCallWebhook = z.infer<typeof OnCallWebhookSchema>;

/** ServiceNow sends every value as a string; a hand-written rule may send numbers. Empty is `null`. */
const textOf = (max: number, over: 'refuse' | 'clip') =>
  z
    .union([over === 'refuse' ? z.string().max(max) : z.string(), z.number(), z.null()])
    .optional()
    .transform((v) => (v == null ? '' : clip(String(v), max)));
const required = z.union([code(), z.number()]).transform(String);

export const ServiceNowWebhookSchema = z.object({
  operation: z.enum(['insert', 'update']),
  sys_id: IdSchema,
  number: required,
  state: required,
  short_description: textOf(FIELD_LIMITS.title, 'clip'),
  description: textOf(FIELD_LIMITS.text, 'clip'),
  correlation_id: textOf(FIELD_LIMITS.code, 'refuse'),
  correlation_display: textOf(FIELD_LIMITS.code, 'refuse'),
  /** `yyyy-MM-dd HH:mm:ss`, UTC. */
  sys_updated_on: eventTime(),
  sys_updated_by: required,
  sys_mod_count: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,10}$/)])
    .transform(Number)
    .refine((count) => count < MAX_MOD_COUNT, `a version below ${MAX_MOD_COUNT}`),
  changed: z.array(code()).max(FIELD_LIMITS.changed).optional(),
  /** The routing fields (bridge.md §8.3): stored and display value; absent from rules issued before. */
  fields: z
    .record(
      z
        .string()
        .regex(/^[a-z_][a-z0-9_]*$/)
        .max(80),
      z.object({ value: textOf(FIELD_LIMITS.title, 'clip'), display_value: textOf(FIELD_LIMITS.title, 'clip') }),
    )
    .refine((fields) => Object.keys(fields).length <= 40, 'at most 40 fields')
    .optional(),
  work_note: textOf(FIELD_LIMITS.text, 'clip'),
  comment: textOf(FIELD_LIMITS.text, 'clip'),
});
export type ServiceNowWebhook = z.infer<typeof ServiceNowWebhookSchema>;
