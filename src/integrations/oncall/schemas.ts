/** zod schemas for what the OnCall client reads from the public API (oncall.md §2.3–§2.5, §10). */
import { z } from 'zod';
import { IdSchema } from '../../http/id-schema';
import { ALERT_GROUP_STATES } from '../../../workflows/oncall-statuses';
import type { AlertGroup, OnCallAlert, OnCallIntegration, OnCallUser, OnCallWebhook, ResolutionNote } from './types';

const LabelPartSchema = z.object({ id: z.string().nullable().optional(), name: z.string() });

/** Serializer form: `[{"key": {"id", "name"}, "value": {"id", "name"}}]` (labels feature off). */
export const ListLabelsSchema = z.array(z.object({ key: LabelPartSchema, value: LabelPartSchema }));

/** Flat form `{"key": "value"}` that webhook payloads use when the labels feature is on. */
export const FlatLabelsSchema = z.record(z.string(), z.string());

/** Either label form, normalised to a flat map. */
export const AlertGroupLabelsSchema = z
  .union([ListLabelsSchema, FlatLabelsSchema])
  .nullish()
  .transform((labels): Record<string, string> => {
    if (!labels) return {};
    if (!Array.isArray(labels)) return labels;
    return Object.fromEntries(labels.map((label) => [label.key.name, label.value.name]));
  });

export const AlertGroupStateSchema = z.enum(ALERT_GROUP_STATES);

/**
 * The public-API alert group, which is also `alert_group` inside webhook payloads (oncall.md §1.3): the
 * client and the receiver parse it with this one schema. `created_at` and `alerts_count` are tolerated
 * missing, as webhook senders other than OnCall itself may leave them out.
 */
export const AlertGroupApiSchema = z.object({
  id: IdSchema,
  integration_id: IdSchema,
  state: AlertGroupStateSchema,
  title: z.string().nullable().optional(),
  created_at: z.string().nullish(),
  resolved_at: z.string().nullable().optional(),
  acknowledged_at: z.string().nullable().optional(),
  silenced_at: z.string().nullable().optional(),
  alerts_count: z.number().int().nullish(),
  permalinks: z.object({ web: z.string().nullable().optional() }).passthrough().nullish(),
  labels: AlertGroupLabelsSchema,
  last_alert: z.object({ payload: z.unknown().optional() }).passthrough().nullable().optional(),
});
export type AlertGroupApi = z.infer<typeof AlertGroupApiSchema>;

/** Turns the API shape into the client's `AlertGroup`. */
export function toAlertGroup(raw: AlertGroupApi): AlertGroup {
  return {
    id: raw.id,
    integration_id: raw.integration_id,
    state: raw.state,
    title: raw.title ?? null,
    created_at: raw.created_at ?? null,
    resolved_at: raw.resolved_at ?? null,
    acknowledged_at: raw.acknowledged_at ?? null,
    silenced_at: raw.silenced_at ?? null,
    alerts_count: raw.alerts_count ?? 0,
    permalinks: { web: raw.permalinks?.web ?? null },
    labels: raw.labels,
    last_alert_payload: raw.last_alert?.payload ?? null,
  };
}

/** `link` is null for integrations that take no alerts over HTTP: manual, inbound e-mail, maintenance. */
export const IntegrationApiSchema = z
  .object({ id: z.string(), name: z.string(), type: z.string(), link: z.string().nullable() })
  .passthrough()
  .transform((raw): OnCallIntegration => ({ id: raw.id, name: raw.name, type: raw.type, link: raw.link }));

export const WebhookApiSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    http_method: z.string(),
    trigger_type: z.string(),
    forward_all: z.boolean(),
    is_webhook_enabled: z.boolean().nullable(),
    trigger_template: z.string().nullable().optional(),
    integration_filter: z.array(z.string()).nullable().optional(),
  })
  .passthrough()
  .transform(
    (raw): OnCallWebhook => ({
      id: raw.id,
      name: raw.name,
      url: raw.url,
      http_method: raw.http_method,
      trigger_type: raw.trigger_type,
      forward_all: raw.forward_all,
      // null counts as enabled (oncall.md §1.2).
      is_webhook_enabled: raw.is_webhook_enabled !== false,
      trigger_template: raw.trigger_template ?? null,
      integration_filter: raw.integration_filter ?? null,
    }),
  );

export const UserApiSchema = z
  .object({ id: z.string(), username: z.string(), email: z.string() })
  .passthrough()
  .transform((raw): OnCallUser => ({ id: raw.id, username: raw.username, email: raw.email }));

/** A resolution note (oncall.md §10); `author` is a user id, null for a service account's note. */
export const ResolutionNoteApiSchema = z
  .object({
    id: z.string(),
    alert_group_id: z.string(),
    author: z.string().nullable(),
    source: z.string(),
    created_at: z.string(),
    text: z.string(),
  })
  .passthrough()
  .transform(
    (raw): ResolutionNote => ({
      id: raw.id,
      alertGroupId: raw.alert_group_id,
      author: raw.author,
      source: raw.source,
      createdAt: raw.created_at,
      text: raw.text,
    }),
  );

export const AlertApiSchema = z
  .object({ id: z.string(), alert_group_id: z.string(), created_at: z.string(), payload: z.unknown() })
  .passthrough()
  .transform(
    (raw): OnCallAlert => ({
      id: raw.id,
      alert_group_id: raw.alert_group_id,
      created_at: raw.created_at,
      payload: raw.payload,
    }),
  );

/** `FiftyPageSizePaginator` envelope (oncall.md §2.1). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int(),
    next: z.string().nullable(),
    previous: z.string().nullable().optional(),
    results: z.array(item),
    current_page_number: z.number().int().optional(),
    total_pages: z.number().int().optional(),
  });
}
