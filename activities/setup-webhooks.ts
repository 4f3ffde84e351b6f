/**
 * The setup activities that manage the bridge's webhooks in OnCall. Webhook names carry the bridge
 * integration's id, so a step that failed half-way (one webhook created, the next refused) can still be
 * undone by name, and a retried attempt finds what its lost predecessor created.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { FailureClass } from '../src/integrations/errors';
import type { OnCallClient, OnCallWebhook } from '../src/integrations/oncall/types';
import type { Keyring } from '../src/security/keyring';
import { openSecret } from '../src/security/sealed';
import { Failure } from '../workflows/failure-types';
import type { OwnedWebhook } from '../workflows/settings';
import type { CreateWebhooksInput, DeleteWebhooksInput, UpdateWebhookFiltersInput } from './setup-types';

/** The two webhooks the bridge needs (oncall.md §7.2): creation, and every status change. */
export const TRIGGERS = ['alert group created', 'status change'] as const;

/** Drops the bridge's own actions on the OnCall side too (the workflow also ignores them). */
export function echoFilterTemplate(bridgeUserId: string): string {
  return `{{ user is none or user.id != '${bridgeUserId.replace(/[^A-Za-z0-9_-]/g, '')}' }}`;
}

/** Every webhook of the organisation, all pages. */
export async function listAllWebhooks(client: OnCallClient): Promise<OnCallWebhook[]> {
  const all: OnCallWebhook[] = [];
  let page: number | undefined = 1;
  // Bounded: an organisation with more than 100 pages of webhooks is not one this bridge is set up in.
  for (let n = 0; page !== undefined && n < 100; n++) {
    const current = await client.listWebhooks(page);
    all.push(...current.results);
    page = current.nextPage;
  }
  return all;
}

export async function createWebhooks(
  client: OnCallClient,
  input: CreateWebhooksInput,
  keyring: Keyring,
): Promise<OwnedWebhook[]> {
  const existing = await listAllWebhooks(client);
  const owned: OwnedWebhook[] = [];
  for (const triggerType of TRIGGERS) {
    const name = `${input.namePrefix} ${triggerType}`;
    // A retried activity finds the webhook its lost first attempt created instead of failing on the name.
    const found = existing.find((w) => w.name === name);
    const body = {
      name,
      url: input.url,
      http_method: 'POST',
      trigger_type: triggerType,
      forward_all: true,
      is_webhook_enabled: true,
      authorization_header: openSecret(input.authorizationSealed, keyring),
      integration_filter: input.integrationFilter,
      trigger_template: echoFilterTemplate(input.bridgeUserId),
    };
    const webhook = found ? await client.updateWebhook(found.id, body) : await client.createWebhook(body);
    owned.push({ id: webhook.id, triggerType });
  }
  return owned;
}

/** Deletes the given webhooks and, with `namePrefix`, any other the bridge created under that prefix. */
export async function deleteWebhooks(
  client: OnCallClient,
  input: DeleteWebhooksInput,
  classify: (error: unknown) => FailureClass,
): Promise<void> {
  const ids = new Set(input.webhookIds);
  if (input.namePrefix) {
    const prefix = `${input.namePrefix} `;
    for (const webhook of await listAllWebhooks(client)) if (webhook.name.startsWith(prefix)) ids.add(webhook.id);
  }
  for (const id of ids) await ignoreNotFound(() => client.deleteWebhook(id), classify);
}

/**
 * Sets the integration filter of the bridge's webhooks, or none of them when one is gone: OnCall's delete is
 * a soft delete (the webhook is renamed and hidden, and the API cannot bring it back), so a webhook deleted
 * there by a person answers 404 for good and the admin must be told which one, not "Not found".
 */
export async function updateWebhookFilters(
  client: OnCallClient,
  input: UpdateWebhookFiltersInput,
  classify: (error: unknown) => FailureClass,
): Promise<void> {
  const present = new Set((await listAllWebhooks(client)).map((webhook) => webhook.id));
  const missing = input.webhookIds.filter((id) => !present.has(id));
  if (missing.length > 0) throw webhooksDeleted(missing);
  for (const id of input.webhookIds) {
    try {
      await client.updateWebhook(id, { integration_filter: input.integrationFilter });
    } catch (error) {
      if (classify(error).status === 404) throw webhooksDeleted([id]);
      throw error;
    }
  }
}

function webhooksDeleted(ids: string[]): ApplicationFailure {
  return ApplicationFailure.create({
    type: Failure.oncall_not_found,
    message: `The bridge's OnCall webhook ${ids.join(', ')} was deleted in OnCall and cannot be restored, so its integration filter cannot follow the connections: delete this integration and set it up again to get new webhooks`,
    nonRetryable: true,
  });
}

export async function ignoreNotFound(
  work: () => Promise<void>,
  classify: (error: unknown) => FailureClass,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (classify(error).status !== 404) throw error;
  }
}
