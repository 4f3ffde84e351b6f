/**
 * zod schemas for every Table API response the client reads. ServiceNow sends every value as a string; only
 * `sys_mod_count` and choice `sequence` become numbers here.
 */
import { z } from 'zod';

const text = z.string().default('');

const IncidentRecordShape = z.object({
  sys_id: z.string().regex(/^[0-9a-f]{32}$/),
  number: z.string(),
  state: z.string(),
  short_description: text,
  description: text,
  correlation_id: text,
  correlation_display: text,
  close_code: text,
  close_notes: text,
  sys_created_by: text,
  sys_updated_by: text,
  sys_updated_on: text,
  sys_mod_count: z.string().regex(/^\d+$/),
});
/** The incident fields the bridge reads into a record (the list read asks for these and the routing fields). */
export const INCIDENT_RECORD_FIELDS = Object.keys(IncidentRecordShape.shape);
export const IncidentRecordSchema = IncidentRecordShape.transform((r) => ({
  ...r,
  sys_mod_count: Number(r.sys_mod_count),
}));
export type IncidentRecord = z.infer<typeof IncidentRecordSchema>;

const ValueAndDisplaySchema = z.object({ value: text, display_value: text });

/**
 * An incident read with `sysparm_display_value=all` (every field `{display_value, value}`): the record from
 * the stored values, and `routing` (the fields the Business Rule also sends) as value and display value.
 */
export const incidentWithFieldsSchema = (routing: readonly string[]) =>
  z
    .record(z.string(), ValueAndDisplaySchema)
    .transform((row) => ({
      ...Object.fromEntries(Object.entries(row).map(([name, field]) => [name, field.value])),
      fields: Object.fromEntries(
        routing.map((name) => [name, { value: row[name]?.value ?? '', display: row[name]?.display_value ?? '' }]),
      ),
    }))
    .pipe(
      IncidentRecordShape.extend({
        fields: z.record(z.string(), z.object({ value: z.string(), display: z.string() })),
      }),
    )
    .transform((r) => ({ ...r, sys_mod_count: Number(r.sys_mod_count) }));

export const ChoiceRowSchema = z
  .object({ name: text, label: z.string(), value: z.string(), sequence: text })
  .transform((c) => ({ name: c.name, label: c.label, value: c.value, sequence: Number(c.sequence) || 0 }));
export type ChoiceRow = z.infer<typeof ChoiceRowSchema>;

/** A sys_choice row read only to learn whether the caller may read the table. */
export const ChoiceValueSchema = z.object({ value: z.string() });

export const UserRowSchema = z.object({ sys_id: z.string(), user_name: z.string() });
/** A row of a name lookup: its sys_id and the columns asked for. */
export const RecordRowSchema = z.object({ sys_id: z.string() }).catchall(z.unknown());
export type UserRow = z.infer<typeof UserRowSchema>;

/** A `sys_journal_field` row (servicenow.md §1.8): one work note or comment. */
export const JournalRowSchema = z.object({
  sys_id: z.string(),
  element: z.string(),
  value: text,
  sys_created_on: z.string(),
  sys_created_by: z.string(),
  /** The incident's sys_id; asked for only by the reconciliation read. */
  element_id: z.string().optional(),
});
export type JournalRow = z.infer<typeof JournalRowSchema>;

export const UserNameRowSchema = z.object({ user_name: z.string(), name: text });

export const RoleRowSchema = z.object({ 'role.name': text });
export type RoleRow = z.infer<typeof RoleRowSchema>;

/** `{"result": T}` of a single-record call. */
export const oneResult = <T extends z.ZodType>(item: T) => z.object({ result: item });
/** `{"result": [T]}` of a list call. */
export const listResult = <T extends z.ZodType>(item: T) => z.object({ result: z.array(item) });

/** The error envelope of servicenow.md §1.5; `detail` may be null. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({ message: z.string().nullish(), detail: z.string().nullish() }),
  status: z.string().optional(),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** `POST /oauth_token.do` (servicenow.md §1.6). */
export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;
