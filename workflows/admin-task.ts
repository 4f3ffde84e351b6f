/**
 * `adminTaskWorkflow`: one admin action that needs ServiceNow or OnCall (test a connection, read the state
 * options, learn the user behind an OnCall key, change the webhooks' filters, remove them, send a demo alert), run as a visible activity on the
 * worker, where credentials can be opened. Short-lived: the HTTP caller waits for the result.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { AlertGroup } from '../src/integrations/oncall/types';
import type { OnCallAccess, ServiceNowAccess, ServiceNowChoices, SetupActivities } from '../activities/setup-types';

export type AdminTask =
  | { kind: 'testConnection'; servicenow: ServiceNowAccess }
  | { kind: 'stateOptions'; servicenow: ServiceNowAccess }
  | { kind: 'onCallUser'; oncall: OnCallAccess }
  | { kind: 'checkOnCallIntegration'; oncall: OnCallAccess; integrationId: string }
  | { kind: 'updateWebhookFilters'; oncall: OnCallAccess; webhookIds: string[]; integrationFilter: string[] }
  | {
      kind: 'webhookAuthorization';
      oncall: OnCallAccess;
      webhookIds: string[];
      integrationFilter: string[];
      authorizationSealed: string;
    }
  | { kind: 'deleteWebhooks'; oncall: OnCallAccess; webhookIds: string[] }
  | { kind: 'demoAlert'; oncall: OnCallAccess; integrationId: string }
  | { kind: 'readAlertGroup'; oncall: OnCallAccess; alertGroupId: string };

export type AdminTaskResult =
  | { kind: 'testConnection'; userName: string }
  | { kind: 'stateOptions'; choices: ServiceNowChoices }
  | { kind: 'onCallUser'; id: string; username: string }
  | { kind: 'done' }
  | { kind: 'demoAlert'; format: string }
  | { kind: 'alertGroup'; group: AlertGroup | null };

// An admin is waiting on the HTTP response: a few quick attempts, then the reason.
const steps = proxyActivities<SetupActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

export async function adminTaskWorkflow(task: AdminTask): Promise<AdminTaskResult> {
  switch (task.kind) {
    case 'testConnection': {
      const verified = await steps.verifyServiceNowConnection(task.servicenow);
      return { kind: 'testConnection', userName: verified.userName };
    }
    case 'stateOptions':
      return { kind: 'stateOptions', choices: await steps.readServiceNowChoices(task.servicenow) };
    case 'onCallUser':
      return { kind: 'onCallUser', ...(await steps.getOnCallUser(task.oncall)) };
    case 'checkOnCallIntegration':
      await steps.ensureOnCallIntegration({ ...task.oncall, integrationId: task.integrationId, name: '' });
      return { kind: 'done' };
    case 'updateWebhookFilters':
      await steps.updateOnCallWebhookFilters({
        ...task.oncall,
        webhookIds: task.webhookIds,
        integrationFilter: task.integrationFilter,
      });
      return { kind: 'done' };
    case 'webhookAuthorization': {
      const { oncall, webhookIds, integrationFilter, authorizationSealed } = task;
      await steps.setOnCallWebhookAuthorization({ ...oncall, webhookIds, integrationFilter, authorizationSealed });
      return { kind: 'done' };
    }
    case 'deleteWebhooks':
      await steps.deleteOnCallWebhooks({ ...task.oncall, webhookIds: task.webhookIds });
      return { kind: 'done' };
    case 'readAlertGroup':
      return {
        kind: 'alertGroup',
        group: await steps.readOnCallAlertGroup({ ...task.oncall, alertGroupId: task.alertGroupId }),
      };
    case 'demoAlert':
      return {
        kind: 'demoAlert',
        format: (await steps.sendDemoAlert({ ...task.oncall, integrationId: task.integrationId })).format,
      };
  }
}
