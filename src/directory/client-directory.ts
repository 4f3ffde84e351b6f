/**
 * Worker side: the ServiceNow and OnCall clients of an integration, built from its settings with the
 * credentials opened (unsealed) in this process only, and rebuilt when the settings change.
 */
import type { OnCallClient, OnCallClientConfig } from '../integrations/oncall/types';
import type { ServiceNowClient, ServiceNowClientConfig } from '../integrations/servicenow/types';
import type { Keyring } from '../security/keyring';
import { openSecret } from '../security/sealed';
import type { IntegrationDirectory } from './integration-directory';

export interface ClientDirectoryDeps {
  directory: IntegrationDirectory;
  keyring: Keyring;
  serviceNowClient: (config: ServiceNowClientConfig) => ServiceNowClient;
  onCallClient: (config: OnCallClientConfig) => OnCallClient;
}

export class IntegrationGoneError extends Error {
  override readonly name = 'IntegrationGoneError';
}

export function createClientDirectory(deps: ClientDirectoryDeps) {
  const serviceNow = new Map<string, { fingerprint: string; client: ServiceNowClient }>();
  const onCall = new Map<string, { fingerprint: string; client: OnCallClient }>();

  async function settingsOf(integrationId: string) {
    const settings = await deps.directory.get(integrationId);
    if (!settings) throw new IntegrationGoneError(`integration ${integrationId} does not exist (deleted?)`);
    return settings;
  }

  return {
    async serviceNow(integrationId: string): Promise<ServiceNowClient> {
      const { servicenow } = await settingsOf(integrationId);
      const fingerprint = `${servicenow.instanceUrl}|${servicenow.username}|${servicenow.passwordSealed}`;
      const cached = serviceNow.get(integrationId);
      if (cached?.fingerprint === fingerprint) return cached.client;
      const client = deps.serviceNowClient({
        instanceUrl: servicenow.instanceUrl,
        auth: {
          kind: 'basic',
          username: servicenow.username,
          password: openSecret(servicenow.passwordSealed, deps.keyring),
        },
      });
      serviceNow.set(integrationId, { fingerprint, client });
      return client;
    },
    async onCall(integrationId: string): Promise<OnCallClient> {
      const { oncall } = await settingsOf(integrationId);
      const fingerprint = `${oncall.apiUrl}|${oncall.apiTokenSealed}`;
      const cached = onCall.get(integrationId);
      if (cached?.fingerprint === fingerprint) return cached.client;
      const client = deps.onCallClient({
        apiUrl: oncall.apiUrl,
        apiToken: openSecret(oncall.apiTokenSealed, deps.keyring),
      });
      onCall.set(integrationId, { fingerprint, client });
      return client;
    },
  };
}
