/**
 * The custom search attributes every pair carries, so operators find a pair in the Web UI by incident
 * number or alert group id. Search attributes are stored in plain text: never put secrets in them.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const IntegrationIdKey = defineSearchAttributeKey('BridgeIntegrationId', SearchAttributeType.KEYWORD);
export const AlertGroupIdKey = defineSearchAttributeKey('AlertGroupId', SearchAttributeType.KEYWORD);
export const IncidentSysIdKey = defineSearchAttributeKey('IncidentSysId', SearchAttributeType.KEYWORD);
export const IncidentNumberKey = defineSearchAttributeKey('IncidentNumber', SearchAttributeType.KEYWORD);
export const OnCallStateKey = defineSearchAttributeKey('OnCallState', SearchAttributeType.KEYWORD);
export const ServiceNowStateKey = defineSearchAttributeKey('ServiceNowState', SearchAttributeType.KEYWORD);
export const PairOriginKey = defineSearchAttributeKey('PairOrigin', SearchAttributeType.KEYWORD);
/** The type of the pair's last failure that a retry could not fix, e.g. `servicenow_forbidden`. */
export const PairErrorKey = defineSearchAttributeKey('PairError', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [
  IntegrationIdKey,
  AlertGroupIdKey,
  IncidentSysIdKey,
  IncidentNumberKey,
  OnCallStateKey,
  ServiceNowStateKey,
  PairOriginKey,
  PairErrorKey,
] as const;

/** `--search-attribute NAME=Keyword` flags for `temporal server start-dev`. */
export function searchAttributeFlags(): string[] {
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]);
}
