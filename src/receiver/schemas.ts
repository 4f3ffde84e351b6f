/**
 * zod schemas of the two webhook bodies the receiver accepts: OnCall's outgoing webhook with `forward_all`
 * (oncall.md §1.3) and the generated Business Rule's call (docs/servicenow-webhook.md). They keep only the
 * fields the bridge uses and tolerate everything else OnCall or ServiceNow may add.
 */
import { z } from 'zod';
import { IdSchema } from '../http/id-schema';
import { AlertGroupApiSchema } from '../integrations/oncall/schemas';

const PayloadSchema = z.unknown();

export const OnCallWebhookSchema = z.object({
  event: z.object({
    type: z.string().min(1),
    /** Absent for unresolve, unacknowledge and unsilence. */
    time: z.string().nullish(),
  }),
  user: z.object({ id: z.string().min(1), username: z.string().nullish(), email: z.string().nullish() }).nullish(),
  /** The public-API alert group, parsed as the client parses it. */
  alert_group: AlertGroupApiSchema,
  alert_group_id: IdSchema,
  /** The raw payload of the group's first alert; `""` when there is none. */
  alert_payload: PayloadSchema.optional(),
});
export type OnCallWebhook = z.infer<typeof OnCallWebhookSchema>;

/** ServiceNow sends every value as a string; a hand-written rule may send numbers. Empty is `null`. */
const text = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v == null ? '' : String(v)));
const required = z.union([z.string().min(1), z.number()]).transform(String);

export const ServiceNowWebhookSchema = z.object({
  operation: z.enum(['insert', 'update']),
  sys_id: IdSchema,
  number: required,
  state: required,
  short_description: text,
  description: text,
  correlation_id: text,
  correlation_display: text,
  /** `yyyy-MM-dd HH:mm:ss`, UTC. */
  sys_updated_on: required,
  sys_updated_by: required,
  sys_mod_count: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(Number),
  changed: z.array(z.string()).optional(),
  work_note: text,
});
export type ServiceNowWebhook = z.infer<typeof ServiceNowWebhookSchema>;
