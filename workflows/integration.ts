/**
 * One long-lived workflow per bridge integration, holding its settings. They change only through
 * validated updates and are read through a query; the run completes when the integration is deleted.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { applyPatch, INVALID_SETTINGS, validateConnection, validateSettings } from './integration-validate';
import {
  configureIntegrationUpdate,
  deleteIntegrationUpdate,
  getIntegrationQuery,
  patchIntegrationUpdate,
  removeConnectionUpdate,
  setConnectionUpdate,
} from './messages';
import type { IntegrationPatch } from './messages';
import type { Connection, IntegrationSettings } from './settings';

export interface IntegrationWorkflowInput {
  settings: IntegrationSettings;
  /** History length after which the run continues as new, besides the server's suggestion. @default 2000 */
  historyLimit?: number;
}

export async function integrationWorkflow(input: IntegrationWorkflowInput): Promise<IntegrationSettings> {
  validateSettings(input.settings);
  let settings = input.settings;
  const historyLimit = input.historyLimit ?? 2000;
  const active = () => settings.status !== 'deleted';
  const whileActive = () => {
    if (!active()) throw ApplicationFailure.nonRetryable('the integration is deleted', INVALID_SETTINGS);
  };

  setHandler(getIntegrationQuery, () => settings);
  setHandler(
    configureIntegrationUpdate,
    (next) => {
      settings = { ...next, createdAt: settings.createdAt, status: settings.status };
      return settings;
    },
    {
      validator: (next: IntegrationSettings) => {
        whileActive();
        validateSettings(next);
        if (next.id !== settings.id) {
          throw ApplicationFailure.nonRetryable('the id of an integration cannot change', INVALID_SETTINGS);
        }
      },
    },
  );
  setHandler(patchIntegrationUpdate, (patch) => (settings = applyPatch(settings, patch)), {
    validator: (patch: IntegrationPatch) => {
      whileActive();
      applyPatch(settings, patch);
    },
  });
  setHandler(
    setConnectionUpdate,
    ({ oncallIntegrationId, backsync }) => {
      const others = settings.connections.filter((c) => c.oncallIntegrationId !== oncallIntegrationId);
      settings = { ...settings, connections: [...others, { oncallIntegrationId, backsync }] };
      return settings;
    },
    {
      validator: (connection: Connection) => {
        whileActive();
        validateConnection(connection);
      },
    },
  );
  setHandler(
    removeConnectionUpdate,
    ({ oncallIntegrationId }) => {
      settings = {
        ...settings,
        connections: settings.connections.filter((c) => c.oncallIntegrationId !== oncallIntegrationId),
      };
      return settings;
    },
    {
      validator: ({ oncallIntegrationId }) => {
        whileActive();
        if (!settings.connections.some((c) => c.oncallIntegrationId === oncallIntegrationId)) {
          throw ApplicationFailure.nonRetryable(`${oncallIntegrationId} is not connected`, INVALID_SETTINGS);
        }
      },
    },
  );
  setHandler(deleteIntegrationUpdate, () => (settings = { ...settings, status: 'deleted' }), {
    validator: whileActive,
  });

  const tooLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;
  // Sleep until deleted, or until the history should be cut; updates run in their handlers meanwhile.
  await condition(() => !active() || tooLong());
  // Finish every accepted update before completing or continuing, so none is lost.
  await condition(allHandlersFinished);
  if (active()) await continueAsNew<typeof integrationWorkflow>({ settings, historyLimit });
  return settings;
}
