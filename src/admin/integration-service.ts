/**
 * What the admin routes do to integrations, in Temporal terms: setup and admin-task workflows for steps that
 * touch ServiceNow or OnCall, validated updates of the integration workflow for settings. Secrets are
 * sealed here, before anything enters Temporal.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { ServiceNowAccess, ServiceNowChoices } from '../../activities/setup-types';
import type { AdminTask, AdminTaskResult, adminTaskWorkflow } from '../../workflows/admin-task';
import { integrationWorkflowId } from '../../workflows/ids';
import {
  deleteIntegrationUpdate,
  patchIntegrationUpdate,
  removeConnectionUpdate,
  setConnectionUpdate,
  type IntegrationPatch,
} from '../../workflows/messages';
import type { IntegrationSettings } from '../../workflows/settings';
import type { setupIntegrationWorkflow } from '../../workflows/setup';
import type { AlertGroup } from '../integrations/oncall/types';
import type { IntegrationDirectory } from '../directory/integration-directory';
import { ApiError } from '../http/errors';
import type { Keyring } from '../security/keyring';
import { sealSecret } from '../security/sealed';
import { generateToken, hashToken } from '../security/tokens';
import { listOwnIntegrations } from '../directory/list-integrations';
import type { CreateIntegrationBody } from './schemas';
import { setupInputFor } from './setup-input';
import { toApiError } from './temporal-errors';

export interface IntegrationServiceDeps {
  client: Client;
  directory: IntegrationDirectory;
  keyring: Keyring;
  taskQueue: string;
  publicUrl: string;
}

export type IntegrationService = ReturnType<typeof createIntegrationService>;

export function createIntegrationService(deps: IntegrationServiceDeps) {
  const { client, directory, keyring, taskQueue } = deps;
  const seal = (secret: string) => sealSecret(secret, keyring);

  async function runTask(integrationId: string, task: AdminTask): Promise<AdminTaskResult> {
    try {
      return await client.workflow.execute<typeof adminTaskWorkflow>('adminTaskWorkflow', {
        workflowId: `admin/${integrationId}/${task.kind}/${randomUUID()}`,
        taskQueue,
        args: [task],
        workflowExecutionTimeout: '2 minutes',
      });
    } catch (error) {
      throw toApiError(error, 'admin_task_failed');
    }
  }

  /** The incident state and close-code choices, read now with these credentials. */
  async function choicesFor(servicenow: ServiceNowAccess, integrationId = 'choices'): Promise<ServiceNowChoices> {
    const result = await runTask(integrationId, { kind: 'stateOptions', servicenow });
    if (result.kind !== 'stateOptions') throw new Error('unexpected admin task result');
    return result.choices;
  }

  async function require(id: string): Promise<IntegrationSettings> {
    const settings = await directory.get(id);
    if (!settings) throw new ApiError(404, 'not_found', `No integration ${id}`);
    return settings;
  }

  async function update(
    id: string,
    run: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<IntegrationSettings>,
  ): Promise<IntegrationSettings> {
    await require(id);
    try {
      return await run(client.workflow.getHandle(integrationWorkflowId(id)));
    } catch (error) {
      throw toApiError(error, 'invalid_update');
    } finally {
      directory.invalidate(id);
    }
  }

  const access = (s: IntegrationSettings) => ({ apiUrl: s.oncall.apiUrl, apiTokenSealed: s.oncall.apiTokenSealed });
  const filterFor = (s: IntegrationSettings, connections = s.connections) => [
    s.oncall.integrationId,
    ...connections.map((c) => c.oncallIntegrationId),
  ];

  return {
    require,

    list: () => listOwnIntegrations({ client, directory, taskQueue }),

    async testConnection(servicenow: { instanceUrl: string; username: string; password: string }): Promise<void> {
      await runTask('test', {
        kind: 'testConnection',
        servicenow: {
          instanceUrl: servicenow.instanceUrl,
          username: servicenow.username,
          passwordSealed: seal(servicenow.password),
        },
      });
    },

    async create(body: CreateIntegrationBody): Promise<IntegrationSettings> {
      const input = setupInputFor(body, seal, deps.publicUrl);
      try {
        return await client.workflow.execute<typeof setupIntegrationWorkflow>('setupIntegrationWorkflow', {
          workflowId: `setup/${input.id}`,
          taskQueue,
          args: [input],
          workflowExecutionTimeout: '5 minutes',
        });
      } catch (error) {
        throw toApiError(error);
      }
    },

    choicesFor,

    async stateOptions(id: string): Promise<ServiceNowChoices> {
      return choicesFor((await require(id)).servicenow, id);
    },

    /**
     * Checks changed credentials before they are stored: ServiceNow must accept them, and a new OnCall key
     * must belong to the same user (the webhooks' echo filter and the pairs know the bridge by that user).
     */
    async verifyCredentials(current: IntegrationSettings, patch: IntegrationPatch): Promise<void> {
      if (patch.servicenow) await runTask(current.id, { kind: 'testConnection', servicenow: patch.servicenow });
      // Only a new URL or key can point at another OnCall user; a new UI URL changes links only.
      const same =
        patch.oncall?.apiUrl === current.oncall.apiUrl && patch.oncall.apiTokenSealed === current.oncall.apiTokenSealed;
      if (!patch.oncall || same) return;
      const result = await runTask(current.id, {
        kind: 'onCallUser',
        oncall: access({ ...current, oncall: patch.oncall }),
      });
      if (result.kind === 'onCallUser' && result.id !== current.oncall.bridgeUserId) {
        throw new ApiError(
          400,
          'oncall_user_changed',
          `The new OnCall API key belongs to ${result.username}, not to the user the bridge was set up with; use a key of that user, or create a new integration`,
        );
      }
    },

    patch: (id: string, patch: IntegrationPatch) =>
      update(id, (handle) => handle.executeUpdate(patchIntegrationUpdate, { args: [patch] })),

    sealSecret: seal,

    async issueBusinessRuleToken(id: string): Promise<{ token: string; settings: IntegrationSettings }> {
      const token = generateToken();
      const settings = await update(id, (handle) =>
        handle.executeUpdate(patchIntegrationUpdate, {
          args: [{ businessRuleTokenHash: hashToken(token), businessRuleIssuedAt: new Date().toISOString() }],
        }),
      );
      return { token, settings };
    },

    /**
     * A new OnCall webhook secret: the bridge's webhooks get it first, then the receiver's hash changes, so
     * only deliveries in between are refused (OnCall does not retry them; reconciliation repairs). With no
     * webhooks of its own, the caller gets the new header value once, to put into its webhooks.
     */
    async rotateWebhookSecret(id: string): Promise<{ settings: IntegrationSettings; authorizationHeader?: string }> {
      const current = await require(id);
      const secret = `Bearer ${generateToken()}`;
      const webhookIds = current.webhookIds.map((webhook) => webhook.id);
      if (webhookIds.length > 0) {
        await runTask(id, {
          kind: 'webhookAuthorization',
          oncall: access(current),
          webhookIds,
          integrationFilter: filterFor(current),
          authorizationSealed: seal(secret),
        });
      }
      const settings = await update(id, (handle) =>
        handle.executeUpdate(patchIntegrationUpdate, { args: [{ webhookSecretHash: hashToken(secret) }] }),
      );
      return webhookIds.length > 0 ? { settings } : { settings, authorizationHeader: secret };
    },

    async setConnection(id: string, oncallIntegrationId: string, backsync: boolean): Promise<IntegrationSettings> {
      const settings = await require(id);
      const isNew = !settings.connections.some((c) => c.oncallIntegrationId === oncallIntegrationId);
      if (isNew) {
        await runTask(id, {
          kind: 'checkOnCallIntegration',
          oncall: access(settings),
          integrationId: oncallIntegrationId,
        });
        const next = [...settings.connections, { oncallIntegrationId, backsync }];
        await updateFilters(settings, filterFor(settings, next));
      }
      return update(id, (handle) =>
        handle.executeUpdate(setConnectionUpdate, { args: [{ oncallIntegrationId, backsync }] }),
      );
    },

    async removeConnection(id: string, oncallIntegrationId: string): Promise<IntegrationSettings> {
      const settings = await require(id);
      if (!settings.connections.some((c) => c.oncallIntegrationId === oncallIntegrationId)) {
        throw new ApiError(404, 'not_found', `Integration ${id} has no connection to ${oncallIntegrationId}`);
      }
      const next = settings.connections.filter((c) => c.oncallIntegrationId !== oncallIntegrationId);
      await updateFilters(settings, filterFor(settings, next));
      return update(id, (handle) => handle.executeUpdate(removeConnectionUpdate, { args: [{ oncallIntegrationId }] }));
    },

    async demoAlert(id: string, oncallIntegrationId: string): Promise<string> {
      const settings = await require(id);
      if (!settings.connections.some((c) => c.oncallIntegrationId === oncallIntegrationId)) {
        throw new ApiError(404, 'not_found', `Integration ${id} has no connection to ${oncallIntegrationId}`);
      }
      const result = await runTask(id, {
        kind: 'demoAlert',
        oncall: access(settings),
        integrationId: oncallIntegrationId,
      });
      return result.kind === 'demoAlert' ? result.format : 'unknown';
    },

    /** An alert group read from OnCall with the integration's key; `null` when OnCall has none by that id. */
    async readAlertGroup(settings: IntegrationSettings, alertGroupId: string): Promise<AlertGroup | null> {
      const result = await runTask(settings.id, { kind: 'readAlertGroup', oncall: access(settings), alertGroupId });
      return result.kind === 'alertGroup' ? result.group : null;
    },

    async remove(id: string): Promise<IntegrationSettings> {
      const settings = await require(id);
      const webhookIds = settings.webhookIds.map((w) => w.id);
      if (webhookIds.length > 0) await runTask(id, { kind: 'deleteWebhooks', oncall: access(settings), webhookIds });
      return update(id, (handle) => handle.executeUpdate(deleteIntegrationUpdate, { args: [] }));
    },
  };

  async function updateFilters(settings: IntegrationSettings, integrationFilter: string[]): Promise<void> {
    const webhookIds = settings.webhookIds.map((w) => w.id);
    if (webhookIds.length === 0) return;
    await runTask(settings.id, {
      kind: 'updateWebhookFilters',
      oncall: access(settings),
      webhookIds,
      integrationFilter,
    });
  }
}
