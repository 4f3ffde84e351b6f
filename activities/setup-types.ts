/** Inputs and results of the setup workflow's activities (each step is its own activity in the Web UI). */
import type { AlertGroup } from '../src/integrations/oncall/types';
import type { ChoiceOption, OwnedWebhook } from '../workflows/settings';

/** ServiceNow connection details; the password is sealed (src/security/sealed.ts) before it enters Temporal. */
export interface ServiceNowAccess {
  instanceUrl: string;
  username: string;
  passwordSealed: string;
}

export interface OnCallAccess {
  apiUrl: string;
  apiTokenSealed: string;
}

export interface ServiceNowChoices {
  states: ChoiceOption[];
  closeCodes: ChoiceOption[];
}

export interface EnsureOnCallIntegrationInput extends OnCallAccess {
  /** Use this integration (it must exist and accept alerts); absent: create a formatted_webhook one. */
  integrationId?: string;
  name: string;
  /** When given, an existing integration must be of one of these types (the format alerts are sent in). */
  acceptTypes?: string[];
}

export interface EnsuredOnCallIntegration {
  id: string;
  /**
   * Sealed (its path token is the credential alerts are posted with); null for types without an inbound
   * URL; never null when `acceptTypes` was given.
   */
  inboundUrl: string | null;
  /** True when setup created it, so a failed setup removes it again. */
  created: boolean;
}

export interface CreateWebhooksInput extends OnCallAccess {
  /** Unique per bridge integration: webhook names are unique per OnCall organisation. */
  namePrefix: string;
  url: string;
  /** The `Authorization` value OnCall sends, sealed. */
  authorizationSealed: string;
  integrationFilter: string[];
  bridgeUserId: string;
}

export interface DeleteWebhooksInput extends OnCallAccess {
  webhookIds: string[];
  /** Also delete every webhook named `<namePrefix> ...`: what a step that failed half-way created. */
  namePrefix?: string;
}

export interface UpdateWebhookFiltersInput extends OnCallAccess {
  webhookIds: string[];
  integrationFilter: string[];
}

/** A new `authorization_header` (sealed) for the bridge's webhooks, which keep their filter. */
export interface SetWebhookAuthorizationInput extends UpdateWebhookFiltersInput {
  authorizationSealed: string;
}

export interface SetupActivities {
  verifyServiceNowConnection(input: ServiceNowAccess): Promise<{ userName: string; roles: string[] }>;
  readServiceNowChoices(input: ServiceNowAccess): Promise<ServiceNowChoices>;
  ensureOnCallIntegration(input: EnsureOnCallIntegrationInput): Promise<EnsuredOnCallIntegration>;
  getOnCallUser(input: OnCallAccess): Promise<{ id: string; username: string }>;
  createOnCallWebhooks(input: CreateWebhooksInput): Promise<OwnedWebhook[]>;
  updateOnCallWebhookFilters(input: UpdateWebhookFiltersInput): Promise<void>;
  setOnCallWebhookAuthorization(input: SetWebhookAuthorizationInput): Promise<void>;
  deleteOnCallWebhooks(input: DeleteWebhooksInput): Promise<void>;
  deleteOnCallIntegration(input: OnCallAccess & { integrationId: string }): Promise<void>;
  sendDemoAlert(input: OnCallAccess & { integrationId: string }): Promise<{ format: string }>;
  /** One alert group as the public API shows it, for the field-mapping preview; null when there is none. */
  readOnCallAlertGroup(input: OnCallAccess & { alertGroupId: string }): Promise<AlertGroup | null>;
}
