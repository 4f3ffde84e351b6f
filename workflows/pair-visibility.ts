/**
 * Keeps the pair's search attributes and memo in step with its state, upserting only what changed (each
 * upsert is a history event). Search attributes are plain text: ids and states only, never secrets.
 */
import {
  getCurrentDetails,
  setCurrentDetails,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { currentDetails } from './pair-summary';
import type { PairState } from './pair-types';
import {
  AlertGroupIdKey,
  IncidentNumberKey,
  IncidentSysIdKey,
  IntegrationIdKey,
  OnCallStateKey,
  PairErrorKey,
  PairOriginKey,
  ServiceNowStateKey,
} from './search-attributes';

type KeywordKey = typeof IntegrationIdKey;

/**
 * A Keyword search attribute holds at most 2,048 bytes, and a longer value makes the server refuse the
 * upsert and terminate the run. The receiver bounds what it accepts; values read from the systems
 * themselves are cut here as well (500 characters are at most 2,000 bytes of UTF-8).
 */
const KEYWORD_MAX_CHARS = 500;

function wanted(state: PairState): [KeywordKey, string | null][] {
  return [
    [IntegrationIdKey, state.key.integrationId],
    [PairOriginKey, state.key.origin],
    [AlertGroupIdKey, state.oncall.alertGroupId],
    [IncidentSysIdKey, state.servicenow.sysId],
    [IncidentNumberKey, state.servicenow.number],
    [OnCallStateKey, state.oncall.state],
    [ServiceNowStateKey, state.servicenow.state],
    [PairErrorKey, state.lastError?.type ?? null],
  ];
}

/** Upserts the attributes that differ from the current ones, the memo title once it is known, and the UI's details. */
export function syncVisibility(state: PairState, memoTitle: { current: string | null }): void {
  const current = workflowInfo().typedSearchAttributes;
  const updates: SearchAttributeUpdatePair[] = [];
  for (const [key, value] of wanted(state)) {
    const existing = current.get(key) ?? null;
    const bounded = value === null ? null : value.slice(0, KEYWORD_MAX_CHARS);
    if (bounded !== existing && bounded !== null) updates.push({ key, value: bounded });
  }
  if (updates.length > 0) upsertSearchAttributes(updates);
  // Current details are served by the SDK's metadata query, not recorded in history: no replay concern.
  const details = currentDetails(state);
  if (details !== getCurrentDetails()) setCurrentDetails(details);
  if (state.title && state.title !== memoTitle.current) {
    upsertMemo({ title: state.title });
    memoTitle.current = state.title;
  }
}
