/**
 * Turns parsed webhook bodies into sightings for the one vendor-record-to-event module (src/sync), which
 * routes them exactly as reconciliation's records are routed.
 */
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
    // `alert_payload` is the group's first alert, which carries the bridge's `alert_uid` as the last does.
    payload: body.alert_payload,
  };
  return alertGroupEvent(sighting, settings);
}

export function serviceNowWebhookToEvent(body: ServiceNowWebhook, settings: PairSettings): MappedWebhook {
  return incidentEvent(body, body.operation, settings);
}
