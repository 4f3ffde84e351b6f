/**
 * `setupIntegrationWorkflow`: what an admin's "Create integration" does, one activity per step so each is
 * visible in the Web UI. A failed step undoes what earlier steps created in OnCall, then fails with the
 * reason; on success the long-lived integration workflow holds the settings.
 */
import {
  ApplicationFailure,
  log,
  ParentClosePolicy,
  proxyActivities,
  startChild,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { ServiceNowChoices, SetupActivities } from '../activities/setup-types';
import { integrationWorkflowId } from './ids';
import { integrationWorkflow } from './integration';
import type { ChoiceOption, IntegrationSettings, OwnedWebhook, StateMapping } from './settings';
import { Failure } from './failure-types';
import { defaultStateMapping, stateMappingProblems } from './state-mapping';

export interface SetupIntegrationInput {
  id: string;
  name: string;
  description: string;
  servicenow: { instanceUrl: string; username: string; passwordSealed: string };
  oncall: { apiUrl: string; apiTokenSealed: string; integrationId?: string; uiUrl?: string };
  createDefaultWebhooks: boolean;
  stateMapping?: StateMapping;
  /** Where OnCall sends its webhooks for this integration. */
  webhookUrl: string;
  webhookSecretSealed: string;
  webhookSecretHash: string;
  createdAt: string;
}

// Setup talks to systems an admin is configuring right now: fail fast with the reason instead of retrying
// for minutes (a wrong password never heals by waiting).
const steps = proxyActivities<SetupActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

export async function setupIntegrationWorkflow(input: SetupIntegrationInput): Promise<IntegrationSettings> {
  const oncall = { apiUrl: input.oncall.apiUrl, apiTokenSealed: input.oncall.apiTokenSealed };
  await steps.verifyServiceNowConnection(input.servicenow);
  const choices = await steps.readServiceNowChoices(input.servicenow);
  const stateMapping = checkedMapping(input.stateMapping ?? defaultStateMapping(choices.states), choices.states);

  const created: Created = { webhooks: [], webhooksTried: false };
  const namePrefix = `servicenow-bridge-${input.id}`;
  try {
    const target = await steps.ensureOnCallIntegration({
      ...oncall,
      integrationId: input.oncall.integrationId,
      name: input.name,
      acceptTypes: [...ALERT_FORMATS],
    });
    if (target.created) created.integrationId = target.id;
    const inboundUrl = target.inboundUrl;
    if (inboundUrl === null) {
      throw ApplicationFailure.create({
        type: Failure.oncall_integration_type,
        message: `OnCall integration ${target.id} has no inbound URL; the bridge needs one to send alerts to`,
        nonRetryable: true,
      });
    }
    const user = await steps.getOnCallUser(oncall);
    if (input.createDefaultWebhooks) {
      created.webhooksTried = true;
      created.webhooks = await steps.createOnCallWebhooks({
        ...oncall,
        namePrefix,
        url: input.webhookUrl,
        authorizationSealed: input.webhookSecretSealed,
        integrationFilter: [target.id],
        bridgeUserId: user.id,
      });
    }
    const settings = buildSettings(input, {
      oncall: {
        ...oncall,
        integrationId: target.id,
        inboundUrl,
        bridgeUserId: user.id,
        ...(input.oncall.uiUrl ? { uiUrl: input.oncall.uiUrl } : {}),
      },
      choices,
      stateMapping,
      webhooks: created.webhooks,
    });
    // ABANDON: the integration workflow outlives setup; setup only has to see it started.
    await startChild(integrationWorkflow, {
      workflowId: integrationWorkflowId(input.id),
      args: [{ settings }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return settings;
  } catch (error) {
    await undo(oncall, namePrefix, created);
    throw error;
  }
}

/** The formats the bridge sends ServiceNow-born alerts in; an existing target integration must take one. */
const ALERT_FORMATS = ['formatted_webhook', 'webhook'] as const;

/** What this run created in OnCall, for the compensation. */
interface Created {
  integrationId?: string;
  webhooks: OwnedWebhook[];
  /** The webhook step ran (it may have created some before failing). */
  webhooksTried: boolean;
}

function checkedMapping(mapping: StateMapping, states: ChoiceOption[]): StateMapping {
  const problems = stateMappingProblems(mapping, states);
  if (problems.length > 0) {
    throw ApplicationFailure.create({
      type: Failure.invalid_state_mapping,
      message: problems.join('; '),
      nonRetryable: true,
    });
  }
  return mapping;
}

function buildSettings(
  input: SetupIntegrationInput,
  found: {
    oncall: IntegrationSettings['oncall'];
    choices: ServiceNowChoices;
    stateMapping: StateMapping;
    webhooks: OwnedWebhook[];
  },
): IntegrationSettings {
  return {
    id: input.id,
    name: input.name,
    description: input.description,
    servicenow: input.servicenow,
    oncall: found.oncall,
    stateOptions: found.choices.states,
    closeCodes: found.choices.closeCodes,
    stateMapping: found.stateMapping,
    connections: [],
    webhookIds: found.webhooks,
    webhookSecretHash: input.webhookSecretHash,
    businessRuleTokenHash: null,
    businessRuleIssuedAt: null,
    createdAt: input.createdAt,
    status: 'active',
  };
}

/**
 * Compensation: removes what this run created in OnCall, newest first. A step that failed half-way may
 * have created webhooks it never reported, so they are also found by their name prefix. A failed undo is
 * logged, not thrown: the admin must see the original reason.
 */
async function undo(
  oncall: { apiUrl: string; apiTokenSealed: string },
  namePrefix: string,
  created: Created,
): Promise<void> {
  try {
    if (created.webhooksTried) {
      await steps.deleteOnCallWebhooks({ ...oncall, webhookIds: created.webhooks.map((w) => w.id), namePrefix });
    }
    if (created.integrationId) await steps.deleteOnCallIntegration({ ...oncall, integrationId: created.integrationId });
  } catch (error) {
    log.warn('setup could not undo everything it created in OnCall', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
