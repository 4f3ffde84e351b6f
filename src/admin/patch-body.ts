/**
 * Turns a validated `PATCH /api/v1/integrations/:id` body into the integration workflow's patch: new
 * credentials are sealed here, before they enter Temporal, and merged with the stored connection details.
 */
import type { IntegrationPatch } from '../../workflows/messages';
import { DEFAULT_NOTES, type IntegrationSettings } from '../../workflows/settings';
import type { PatchIntegrationBody } from './schemas';

export function toIntegrationPatch(
  body: PatchIntegrationBody,
  current: IntegrationSettings,
  seal: (secret: string) => string,
): IntegrationPatch {
  const patch: IntegrationPatch & { incidentFields?: Record<string, string> } = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.description !== undefined) patch.description = body.description;
  if (body.closeCode !== undefined) patch.closeCode = body.closeCode;
  // Passed on as it is; the integration workflow decides whether it knows the field (see the README).
  if (body.incidentFields) patch.incidentFields = body.incidentFields;
  if (body.notes) patch.notes = { ...(current.notes ?? DEFAULT_NOTES), ...body.notes };
  if (body.servicenow) {
    const { password, ...servicenow } = body.servicenow;
    patch.servicenow = {
      ...current.servicenow,
      ...servicenow,
      ...(password ? { passwordSealed: seal(password) } : {}),
    };
  }
  if (body.oncall) {
    const { apiToken, ...oncall } = body.oncall;
    patch.oncall = { ...current.oncall, ...oncall, ...(apiToken ? { apiTokenSealed: seal(apiToken) } : {}) };
  }
  return patch;
}
