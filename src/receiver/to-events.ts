/**
 * Turns parsed webhook bodies into sightings for the one vendor-record-to-event module (src/sync), which
 * routes them exactly as reconciliation's records are routed.
 */
import { createHash } from 'node:crypto';
import { toAlertGroup } from '../integrations/oncall/schemas';
import { alertGroupEvent, incidentEvent, type MappedEvent } from '../sync/pair-events';
import type { PairSettings } from '../../workflows/settings';
import type { OnCallWebhook, ServiceNowWebhook } from './schemas';

export type MappedWebhook = MappedEvent;

export function oncallWebhookToEvent(body: OnCallWebhook, settings: PairSettings): MappedWebhook {
  const sighting = {
    group: toAlertGroup(body.alert_group),
    eventType: body.event.type,
    eventTime: body.event.time ?? null,
    userId: body.user?.id ?? null,
    user: body.user ?? null,
    integration: body.integration ?? null,
    // `alert_payload` is the group's first alert, which carries the bridge's `alert_uid` as the last does.
    payload: body.alert_payload,
  };
  return alertGroupEvent(sighting, settings);
}

export function serviceNowWebhookToEvent(body: ServiceNowWebhook, settings: PairSettings): MappedWebhook {
  const fields = body.fields
    ? Object.fromEntries(
        Object.entries(body.fields).map(([name, field]) => [
          name,
          { value: field.value, display: field.display_value },
        ]),
      )
    : undefined;
  return incidentEvent(body, body.operation, settings, { journalDigest: journalDigest(body), fields });
}

/**
 * A short digest of the newest work note and comment (each with its header, so the same text written
 * twice still differs): the pair compares it with the last one it carried to see a new journal entry
 * (ServiceNow documents no `changes()` for journal fields). The text itself never enters history.
 */
function journalDigest(body: ServiceNowWebhook): string | undefined {
  if (body.work_note === '' && body.comment === '') return undefined;
  return createHash('sha256').update(`${body.work_note}\u0000${body.comment}`).digest('hex').slice(0, 16);
}
