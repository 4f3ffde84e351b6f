import { liveWebhooks, type AlertGroupEvent, type EmStore, type EmWebhook } from '../model';

const STATUS_CHANGE_TRIGGERS = new Set([
  'acknowledge',
  'resolve',
  'silence',
  'unsilence',
  'unresolve',
  'unacknowledge',
]);

/**
 * `send_webhook_event`: enabled webhooks of the event's exact trigger type, plus every `status change`
 * webhook for a status trigger (run with the original type); the integration filter applies (empty = all).
 * A soft-deleted webhook never fires.
 */
export function selectWebhooks(store: EmStore, event: AlertGroupEvent): EmWebhook[] {
  return liveWebhooks(store).filter((webhook) => {
    if (!webhook.enabled) return false;
    const matches =
      webhook.triggerType === event.type ||
      (webhook.triggerType === 'status change' && STATUS_CHANGE_TRIGGERS.has(event.type));
    if (!matches) return false;
    return webhook.integrationFilter.length === 0 || webhook.integrationFilter.includes(event.group.integrationId);
  });
}
