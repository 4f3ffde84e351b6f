/**
 * The setup workflow's steps. Credentials arrive sealed and are opened only here, in the worker process;
 * every failure becomes an `ApplicationFailure` whose message says what to fix (never a secret).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { FailureClass } from '../src/integrations/errors';
import type { OnCallClient, OnCallClientConfig } from '../src/integrations/oncall/types';
import type { ServiceNowClient, ServiceNowClientConfig } from '../src/integrations/servicenow/types';
import type { Keyring } from '../src/security/keyring';
import { openSecret } from '../src/security/sealed';
import { demoAlertFor } from './demo-alert';
import { translated } from './errors';
import { createWebhooks, deleteWebhooks, ignoreNotFound } from './setup-webhooks';
import type { OnCallAccess, ServiceNowAccess, SetupActivities } from './setup-types';

export interface SetupDeps {
  keyring: Keyring;
  serviceNowClient: (config: ServiceNowClientConfig) => ServiceNowClient;
  onCallClient: (config: OnCallClientConfig) => OnCallClient;
  classifyServiceNow: (error: unknown) => FailureClass;
  classifyOnCall: (error: unknown) => FailureClass;
}

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
          if (input.acceptTypes && !input.acceptTypes.includes(existing.type)) {
            throw ApplicationFailure.create({
              type: 'oncall_integration_type',
              message: `OnCall integration ${existing.id} is of type ${existing.type}; the bridge sends its alerts in the ${input.acceptTypes.join(' or ')} format: name an integration of that type, or leave integrationId out to have one created`,
              nonRetryable: true,
            });
          }
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
    createOnCallWebhooks: (input) => oc(() => createWebhooks(onCall(input), input, deps.keyring)),
    updateOnCallWebhookFilters: (input) =>
      oc(async () => {
        const client = onCall(input);
        for (const id of input.webhookIds)
          await client.updateWebhook(id, { integration_filter: input.integrationFilter });
      }),
    deleteOnCallWebhooks: (input) => oc(() => deleteWebhooks(onCall(input), input, deps.classifyOnCall)),
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
