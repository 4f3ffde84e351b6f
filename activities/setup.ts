/**
 * The setup workflow's steps. Credentials arrive sealed and are opened only here, in the worker process;
 * every failure becomes an `ApplicationFailure` whose message says what to fix (never a secret).
 */
import type { FailureClass } from '../src/integrations/errors';
import type { OnCallClient, OnCallClientConfig } from '../src/integrations/oncall/types';
import type { ServiceNowClient, ServiceNowClientConfig } from '../src/integrations/servicenow/types';
import type { Keyring } from '../src/security/keyring';
import { openSecret } from '../src/security/sealed';
import type { OwnedWebhook } from '../workflows/settings';
import { demoAlertFor } from './demo-alert';
import { translated } from './errors';
import type { OnCallAccess, ServiceNowAccess, SetupActivities } from './setup-types';

export interface SetupDeps {
  keyring: Keyring;
  serviceNowClient: (config: ServiceNowClientConfig) => ServiceNowClient;
  onCallClient: (config: OnCallClientConfig) => OnCallClient;
  classifyServiceNow: (error: unknown) => FailureClass;
  classifyOnCall: (error: unknown) => FailureClass;
}

/** The two webhooks the bridge needs (oncall.md §7.2): creation, and every status change. */
const TRIGGERS = ['alert group created', 'status change'] as const;

export function createSetupActivities(deps: SetupDeps): SetupActivities {
  const serviceNow = (access: ServiceNowAccess) =>
    deps.serviceNowClient({
      instanceUrl: access.instanceUrl,
      auth: { kind: 'basic', username: access.username, password: openSecret(access.passwordSealed, deps.keyring) },
    });
  const onCall = (access: OnCallAccess) =>
    deps.onCallClient({ apiUrl: access.apiUrl, apiToken: openSecret(access.apiTokenSealed, deps.keyring) });
  const sn = <T>(work: () => Promise<T>) => translated(deps.classifyServiceNow, work);
  const oc = <T>(work: () => Promise<T>) => translated(deps.classifyOnCall, work);

  return {
    verifyServiceNowConnection: (input) =>
      sn(async () => {
        const verified = await serviceNow(input).verifyConnection();
        return { userName: verified.userName, roles: verified.roles };
      }),
    readServiceNowChoices: (input) =>
      sn(async () => {
        const client = serviceNow(input);
        const [states, closeCodes] = await Promise.all([client.listChoices('state'), client.listChoices('close_code')]);
        const strip = (c: { label: string; value: string }) => ({ label: c.label, value: c.value });
        return { states: states.map(strip), closeCodes: closeCodes.map(strip) };
      }),
    ensureOnCallIntegration: (input) =>
      oc(async () => {
        const client = onCall(input);
        if (input.integrationId) {
          const existing = await client.getIntegration(input.integrationId);
          return { id: existing.id, inboundUrl: existing.link, created: false };
        }
        const created = await client.createIntegration({ type: 'formatted_webhook', name: input.name });
        return { id: created.id, inboundUrl: created.link, created: true };
      }),
    getOnCallUser: (input) =>
      oc(async () => {
        const user = await onCall(input).getCurrentUser();
        return { id: user.id, username: user.username };
      }),
    createOnCallWebhooks: (input) =>
      oc(async () => {
        const client = onCall(input);
        const existing = await client.listWebhooks();
        const owned: OwnedWebhook[] = [];
        for (const triggerType of TRIGGERS) {
          const name = `${input.namePrefix} ${triggerType}`;
          // A retried activity finds the webhook its lost first attempt created instead of failing on the name.
          const found = existing.results.find((w) => w.name === name);
          const body = {
            name,
            url: input.url,
            http_method: 'POST',
            trigger_type: triggerType,
            forward_all: true,
            is_webhook_enabled: true,
            authorization_header: openSecret(input.authorizationSealed, deps.keyring),
            integration_filter: input.integrationFilter,
            trigger_template: echoFilterTemplate(input.bridgeUserId),
          };
          const webhook = found ? await client.updateWebhook(found.id, body) : await client.createWebhook(body);
          owned.push({ id: webhook.id, triggerType });
        }
        return owned;
      }),
    updateOnCallWebhookFilters: (input) =>
      oc(async () => {
        const client = onCall(input);
        for (const id of input.webhookIds)
          await client.updateWebhook(id, { integration_filter: input.integrationFilter });
      }),
    deleteOnCallWebhooks: (input) =>
      oc(async () => {
        const client = onCall(input);
        for (const id of input.webhookIds) await ignoreNotFound(() => client.deleteWebhook(id), deps.classifyOnCall);
      }),
    deleteOnCallIntegration: (input) =>
      oc(() => ignoreNotFound(() => onCall(input).deleteIntegration(input.integrationId), deps.classifyOnCall)),
    sendDemoAlert: (input) =>
      oc(async () => {
        const client = onCall(input);
        const integration = await client.getIntegration(input.integrationId);
        const demo = demoAlertFor(integration.type);
        await client.sendAlert(integration.link, demo.payload);
        return { format: demo.format };
      }),
  };
}

/** Drops the bridge's own actions on the OnCall side too (the workflow also ignores them). */
export function echoFilterTemplate(bridgeUserId: string): string {
  return `{{ user is none or user.id != '${bridgeUserId.replace(/[^A-Za-z0-9_-]/g, '')}' }}`;
}

async function ignoreNotFound(work: () => Promise<void>, classify: (error: unknown) => FailureClass): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (classify(error).status !== 404) throw error;
  }
}
