/**
 * Worker side: the ServiceNow and OnCall clients of an integration, built from its settings with the
 * credentials opened (unsealed) in this process only, and rebuilt when the settings change.
 */
import { ApplicationFailure } from '@temporalio/common';
import { createCallBudget, type CallBudget } from '../integrations/budget';
import { cachingReferences } from '../integrations/servicenow/reference-cache';
import type { OutboundSystem } from '../integrations/calls';
import type { OnCallClient, OnCallClientConfig } from '../integrations/oncall/types';
import type { ServiceNowClient, ServiceNowClientConfig } from '../integrations/servicenow/types';
import type { Keyring } from '../security/keyring';
import { openSecret } from '../security/sealed';
import type { IntegrationDirectory } from './integration-directory';
import { Failure } from '../../workflows/failure-types';

export interface ClientDirectoryDeps {
  directory: IntegrationDirectory;
  keyring: Keyring;
  serviceNowClient: (config: ServiceNowClientConfig) => ServiceNowClient;
  onCallClient: (config: OnCallClientConfig) => OnCallClient;
}

/**
 * How long one call may wait for its account's budget: well inside the activity's start-to-close
 * timeout (workflows/activity-options.ts: 30 s for ServiceNow writes, 60 s for OnCall moves), with room
 * for the call itself. A longer wait fails the attempt retryable with the remaining delay.
 */
const BUDGETS: Record<OutboundSystem, { system: string; maxWaitMs: number }> = {
  servicenow: { system: 'ServiceNow', maxWaitMs: 15_000 },
  oncall: { system: 'OnCall', maxWaitMs: 40_000 },
};

export function createClientDirectory(deps: ClientDirectoryDeps) {
  const serviceNow = new Map<string, { fingerprint: string; client: ServiceNowClient }>();
  const onCall = new Map<string, { fingerprint: string; client: OnCallClient }>();
  // One budget per account, kept apart from the clients: both systems count their limits per user (OnCall's
  // 300/min per user whatever the key, ServiceNow's per-user hourly limits), so integrations that act as
  // the same user share one, and a client rebuilt for new settings keeps it.
  const budgets = new Map<string, CallBudget>();
  const budgetOf = (system: OutboundSystem, account: string) => {
    const key = `${system}|${account}`;
    const budget = budgets.get(key) ?? createCallBudget(BUDGETS[system]);
    budgets.set(key, budget);
    return budget;
  };

  /**
   * Runs inside activities: a settings lookup that fails (the integration workflow's query timed out, e.g.
   * while a restarted worker catches up) is retryable and must not pass for a ServiceNow or OnCall failure;
   * a deleted integration is final.
   */
  async function settingsOf(integrationId: string) {
    let settings;
    try {
      settings = await deps.directory.get(integrationId);
    } catch (error) {
      throw ApplicationFailure.retryable(
        `integration ${integrationId} settings unavailable: ${error instanceof Error ? error.message : String(error)}`,
        Failure.integration_unavailable,
      );
    }
    if (!settings) {
      throw ApplicationFailure.nonRetryable(
        `integration ${integrationId} does not exist (deleted?)`,
        Failure.integration_deleted,
      );
    }
    return settings;
  }

  return {
    async serviceNow(integrationId: string): Promise<ServiceNowClient> {
      const { servicenow } = await settingsOf(integrationId);
      const fingerprint = `${servicenow.instanceUrl}|${servicenow.username}|${servicenow.passwordSealed}`;
      const cached = serviceNow.get(integrationId);
      if (cached?.fingerprint === fingerprint) return cached.client;
      const client = cachingReferences(
        deps.serviceNowClient({
          instanceUrl: servicenow.instanceUrl,
          auth: {
            kind: 'basic',
            username: servicenow.username,
            password: openSecret(servicenow.passwordSealed, deps.keyring),
          },
          budget: budgetOf('servicenow', `${servicenow.instanceUrl}|${servicenow.username}`),
        }),
      );
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
        // The user behind the key, as setup verified it (`GET /api/v1/users/current/`).
        budget: budgetOf('oncall', `${oncall.apiUrl}|${oncall.bridgeUserId}`),
      });
      onCall.set(integrationId, { fingerprint, client });
      return client;
    },
  };
}
