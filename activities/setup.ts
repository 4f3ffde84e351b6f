/**
 * The setup workflow's steps. Credentials arrive sealed and are opened only here, in the worker process;
 * every failure becomes an `ApplicationFailure` whose message says what to fix (never a secret).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { FailureClass } from '../src/integrations/errors';
import type { OnCallClient, OnCallClientConfig, OnCallIntegration } from '../src/integrations/oncall/types';
import type { ServiceNowClient, ServiceNowClientConfig } from '../src/integrations/servicenow/types';
import type { Keyring } from '../src/security/keyring';
import { urlProblem } from '../src/http/url-guard';
import { openSecret, sealSecret } from '../src/security/sealed';
import { Failure } from '../workflows/failure-types';
import { demoAlertFor } from './demo-alert';
import { translated } from './errors';
import { createWebhooks, deleteWebhooks, ignoreNotFound, updateWebhookFilters } from './setup-webhooks';
import type { OnCallAccess, ServiceNowAccess, SetupActivities } from './setup-types';

export interface SetupDeps {
  keyring: Keyring;
  /** Off: the inbound URL OnCall hands back must be public https, like the URLs an admin configures. */
  allowInsecureUrls: boolean;
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
  // The inbound URL's path token is its credential: it leaves the worker sealed, like the other secrets.
  const sealedLink = (integration: OnCallIntegration) =>
    integration.link === null ? null : sealSecret(integration.link, deps.keyring);
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
          if (input.acceptTypes) checkReceivingIntegration(existing, input.acceptTypes);
          checkInboundUrl(existing, deps.allowInsecureUrls);
          return { id: existing.id, inboundUrl: sealedLink(existing), created: false };
        }
        const created = await client.createIntegration({ type: 'formatted_webhook', name: input.name });
        checkInboundUrl(created, deps.allowInsecureUrls);
        return { id: created.id, inboundUrl: sealedLink(created), created: true };
      }),
    getOnCallUser: (input) =>
      oc(async () => {
        const user = await onCall(input).getCurrentUser();
        return { id: user.id, username: user.username };
      }),
    createOnCallWebhooks: (input) => oc(() => createWebhooks(onCall(input), input, deps.keyring)),
    updateOnCallWebhookFilters: (input) => oc(() => updateWebhookFilters(onCall(input), input, deps.classifyOnCall)),
    setOnCallWebhookAuthorization: (input) =>
      oc(async () => {
        const client = onCall(input);
        const authorization = openSecret(input.authorizationSealed, deps.keyring);
        for (const id of input.webhookIds) {
          await client.updateWebhook(id, {
            authorization_header: authorization,
            integration_filter: input.integrationFilter,
          });
        }
      }),
    deleteOnCallWebhooks: (input) => oc(() => deleteWebhooks(onCall(input), input, deps.classifyOnCall)),
    deleteOnCallIntegration: (input) =>
      oc(() => ignoreNotFound(() => onCall(input).deleteIntegration(input.integrationId), deps.classifyOnCall)),
    readOnCallAlertGroup: (input) =>
      oc(async () => {
        try {
          return await onCall(input).getAlertGroup(input.alertGroupId);
        } catch (error) {
          if (deps.classifyOnCall(error).status === 404) return null;
          throw error;
        }
      }),
    sendDemoAlert: (input) =>
      oc(async () => {
        const client = onCall(input);
        const integration = await client.getIntegration(input.integrationId);
        if (integration.link === null) {
          throw ApplicationFailure.create({
            type: Failure.oncall_no_inbound_url,
            message: `OnCall integration ${integration.id} is of type ${integration.type}, which takes no alerts over HTTP (OnCall gives it no inbound URL), so the bridge cannot send it a demo alert; create an alert there the way that type receives them`,
            nonRetryable: true,
          });
        }
        checkInboundUrl(integration, deps.allowInsecureUrls);
        const demo = demoAlertFor(integration.type);
        await client.sendAlert(integration.link, demo.payload);
        return { format: demo.format };
      }),
  };
}

/**
 * The bridge posts ServiceNow-born alerts to its receiving integration, in one of `acceptTypes`' formats,
 * at the integration's inbound URL; OnCall gives manual, inbound_email and maintenance integrations none.
 */
function checkReceivingIntegration(integration: OnCallIntegration, acceptTypes: string[]): void {
  const fix = `name an integration of type ${acceptTypes.join(' or ')}, or leave integrationId out to have one created`;
  if (integration.link === null) {
    throw ApplicationFailure.create({
      type: Failure.oncall_integration_type,
      message: `OnCall integration ${integration.id} is of type ${integration.type}, which has no inbound URL, so the bridge cannot send it the alerts of incidents created in ServiceNow: ${fix}`,
      nonRetryable: true,
    });
  }
  if (!acceptTypes.includes(integration.type)) {
    throw ApplicationFailure.create({
      type: Failure.oncall_integration_type,
      message: `OnCall integration ${integration.id} is of type ${integration.type}; the bridge sends its alerts in the ${acceptTypes.join(' or ')} format: ${fix}`,
      nonRetryable: true,
    });
  }
}

/**
 * The inbound URL is OnCall's answer, not the admin's input: an OnCall (or whatever answers at its API URL)
 * could hand back a loopback or internal address for the bridge to post alerts to. It must pass the same
 * SSRF check as a configured URL; the guarded client checks the resolved address again when it posts.
 */
function checkInboundUrl(integration: OnCallIntegration, allowInsecure: boolean): void {
  if (integration.link === null) return;
  const problem = urlProblem(integration.link, allowInsecure);
  if (problem === undefined) return;
  throw ApplicationFailure.create({
    type: Failure.url_refused,
    message: `OnCall integration ${integration.id} gave an inbound URL that ${problem}; the bridge will not post alerts there`,
    nonRetryable: true,
  });
}
