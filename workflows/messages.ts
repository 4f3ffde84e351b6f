/**
 * Every signal, query and update that crosses a process, with stable camelCase wire names. Never rename
 * one: running workflows and other processes know them by these names.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PairOrigin } from './ids';
import type { CarriedNote, PairEvent, PairState, TimelineEntry } from './pair-types';
import type { Connection, IntegrationSettings } from './settings';

/** One signal for every pair event; the handler only de-duplicates and enqueues. */
export const pairEventSignal = defineSignal<[PairEvent]>('pairEvent');

/** What operators and the admin API see of a pair. */
export interface PairView {
  integrationId: string;
  origin: PairOrigin;
  alertGroupId: string | null;
  incidentSysId: string | null;
  incidentNumber: string | null;
  oncallState: string | null;
  servicenowState: string | null;
  title: string | null;
  /** The alert group's page in OnCall (its `permalinks.web`), once known. */
  alertGroupUrl: string | null;
  updatedAt: string | null;
  done: boolean;
  /** Echo and backsync bookkeeping. */
  desired: PairState['desired'];
  pending: PairState['pending'];
  lastError: PairState['lastError'];
  queued: number;
  timeline: TimelineEntry[];
  /** Notes carried between the two sides, with their ids on both (bridge.md §9). */
  notes: CarriedNote[];
}

export const getPairQuery = defineQuery<PairView>('getPair');

/** Settings an admin may change after creation; `id`, `createdAt` and `status` are not among them. */
export type IntegrationPatch = Partial<Omit<IntegrationSettings, 'id' | 'createdAt' | 'status'>>;

export const getIntegrationQuery = defineQuery<IntegrationSettings>('getIntegration');
/** Replaces the settings (same id). */
export const configureIntegrationUpdate = defineUpdate<IntegrationSettings, [IntegrationSettings]>(
  'configureIntegration',
);
/** Changes some settings: names, credentials (sealed), mapping, webhooks, credential hashes. */
export const patchIntegrationUpdate = defineUpdate<IntegrationSettings, [IntegrationPatch]>('patchIntegration');
/** Adds a connected OnCall integration or changes its backsync flag. */
export const setConnectionUpdate = defineUpdate<IntegrationSettings, [Connection]>('setConnection');
export const removeConnectionUpdate = defineUpdate<IntegrationSettings, [{ oncallIntegrationId: string }]>(
  'removeConnection',
);
/** Marks the integration deleted; the workflow then completes. */
export const deleteIntegrationUpdate = defineUpdate<IntegrationSettings, []>('deleteIntegration');
