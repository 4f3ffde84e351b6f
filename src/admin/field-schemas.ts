/**
 * Bodies of the field-mapping and incident-filter settings (bridge.md §8.2, §8.3), validated when set: a
 * template that does not parse, a field the bridge owns or an `updateOnChange` name without a template is a
 * 400 naming the field and the problem (line and column for templates).
 */
import { z } from 'zod';
import { BRIDGE_OWNED_FIELDS } from '../../workflows/field-mapping';
import { renderTemplate, TEMPLATE_MAX_CHARS, templateProblem } from '../sync/templates';
import { OnCallWebhookSchema } from '../receiver/schemas';
import { IdSchema } from '../http/id-schema';
import { conditionProblem } from '../sync/incident-filter';

const fieldName = z
  .string()
  .max(80)
  .regex(/^[a-z_][a-z0-9_]*$/, 'a ServiceNow field name (lowercase letters, digits, _)');

/** Parses, and renders once over an empty context: nunjucks finds an unknown filter only when rendering. */
function problemOf(template: string): string | undefined {
  const problem = templateProblem(template);
  if (problem) return problem;
  const rendered = renderTemplate(template, {});
  if (!rendered.ok && /not found|unknown/i.test(rendered.problem)) return rendered.problem;
  return undefined;
}

export const FieldMappingSchema = z
  .strictObject({
    incident: z.record(fieldName, z.string().max(TEMPLATE_MAX_CHARS)).default({}),
    updateOnChange: z.array(fieldName).max(50).default([]),
    assignOnAcknowledge: z.boolean().default(false),
  })
  .superRefine((mapping, ctx) => {
    if (Object.keys(mapping.incident).length > 50) {
      ctx.addIssue({ code: 'custom', path: ['incident'], message: 'at most 50 fields' });
    }
    for (const [field, template] of Object.entries(mapping.incident)) {
      if (BRIDGE_OWNED_FIELDS.includes(field)) {
        ctx.addIssue({ code: 'custom', path: ['incident', field], message: 'set by the bridge; cannot be templated' });
        continue;
      }
      const problem = problemOf(template);
      if (problem) ctx.addIssue({ code: 'custom', path: ['incident', field], message: `template: ${problem}` });
    }
    mapping.updateOnChange.forEach((field, index) => {
      if (!(field in mapping.incident)) {
        ctx.addIssue({
          code: 'custom',
          path: ['updateOnChange', index],
          message: `${field} has no template in incident`,
        });
      }
    });
  });

/**
 * `{"alertGroupId"}` (read from OnCall) or `{"event"}` (an OnCall webhook body), exactly one. One object
 * rather than a union: a union that fails says only "Invalid input", and a pasted webhook body must be
 * refused naming its field (`event.alert_group.id`).
 */
export const FieldMappingPreviewSchema = z
  .strictObject({ alertGroupId: IdSchema.optional(), event: OnCallWebhookSchema.optional() })
  .superRefine((body, ctx) => {
    if ((body.alertGroupId === undefined) === (body.event === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either alertGroupId or event (an OnCall webhook body)' });
    }
  });

/** `PUT .../incident-filter`: an encoded query; `""` = every incident. */
export const IncidentFilterSchema = z.strictObject({
  condition: z
    .string()
    .trim()
    .max(2000)
    .superRefine((condition, ctx) => {
      const problem = conditionProblem(condition);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
