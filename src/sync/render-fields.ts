/**
 * Renders an integration's field templates for one alert-group sighting (bridge.md §8.2). The context is
 * built here, once, for webhooks, reconciliation and the preview alike: `alert_group` (labels flat),
 * `alert_payload`, `integration`, `user` and `bridge`. A template that fails leaves its field unset and says
 * why; it never stops the event.
 */
import type { AlertGroup } from '../integrations/oncall/types';
import type { FieldMapping, RenderedFields } from '../../workflows/field-mapping';
import { renderTemplate } from './templates';

/** What a sighting knows beyond the group: the webhook's `integration` and `user`, absent in reconciliation. */
export interface TemplateExtras {
  payload?: unknown;
  integration?: { id?: string; name?: string | null; type?: string | null; team?: string | null } | null;
  user?: { id: string; username?: string | null; email?: string | null } | null;
}

export function templateContext(
  group: AlertGroup,
  extras: TemplateExtras,
  bridge: { integrationId: string; pairId: string },
) {
  const payload = extras.payload ?? group.last_alert_payload ?? null;
  return {
    alert_group: {
      id: group.id,
      integration_id: group.integration_id,
      state: group.state,
      title: group.title,
      created_at: group.created_at,
      acknowledged_at: group.acknowledged_at,
      resolved_at: group.resolved_at,
      silenced_at: group.silenced_at,
      alerts_count: group.alerts_count,
      permalinks: group.permalinks,
      labels: group.labels,
      last_alert: { payload: group.last_alert_payload ?? null },
    },
    alert_payload: payload,
    integration: {
      id: extras.integration?.id ?? group.integration_id,
      name: extras.integration?.name ?? null,
      type: extras.integration?.type ?? null,
      team: extras.integration?.team ?? null,
    },
    user: extras.user
      ? { id: extras.user.id, username: extras.user.username ?? null, email: extras.user.email ?? null }
      : null,
    bridge,
  };
}

/** Every template of the mapping, rendered; problems name the field. */
export function renderFields(mapping: FieldMapping, context: unknown): RenderedFields {
  const rendered: RenderedFields = { values: {}, problems: [] };
  for (const [field, template] of Object.entries(mapping.incident)) {
    const outcome = renderTemplate(template, context);
    if (outcome.ok) rendered.values[field] = outcome.value;
    else rendered.problems.push(`${field}: ${outcome.problem}`);
  }
  return rendered;
}
