/**
 * The integration settings the Node side needs (credential hashes for the receiver, sealed credentials for
 * activities), read from each integration workflow's query and cached briefly. A cached entry is re-read
 * after `ttlMs`, so a revoked credential stops working within that time; when the re-read fails (no worker
 * answers the query), the last known settings are used rather than refusing every webhook.
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { integrationWorkflowId, isValidId } from '../../workflows/ids';
import { getIntegrationQuery } from '../../workflows/messages';
import type { IntegrationSettings } from '../../workflows/settings';
import { temporalErrorKind, TemporalUnavailableError } from '../temporal/temporal-errors';

export interface IntegrationDirectory {
  /**
   * The active integration, `undefined` when there is none (never created, deleted, or not an id at all);
   * throws `TemporalUnavailableError` when it cannot be read and nothing is cached.
   */
  get(integrationId: string): Promise<IntegrationSettings | undefined>;
  /** Forget the cached entry, e.g. right after an update. */
  invalidate(integrationId: string): void;
}

export interface DirectoryOptions {
  /** @default 5000 */
  ttlMs?: number;
  /** Deadline of one query. @default 3000 */
  queryTimeoutMs?: number;
  /** How many ids that name no integration stay cached; the oldest is forgotten first. @default 1000 */
  maxUnknown?: number;
}

interface Entry {
  settings: IntegrationSettings | undefined;
  fetchedAt: number;
}

export function createIntegrationDirectory(client: Client, options: DirectoryOptions = {}): IntegrationDirectory {
  const ttlMs = options.ttlMs ?? 5000;
  const queryTimeoutMs = options.queryTimeoutMs ?? 3000;
  const maxUnknown = options.maxUnknown ?? 1000;
  const cache = new Map<string, Entry>();
  // Ids that name no integration are any text a caller invents: their entries are kept apart and bounded,
  // so a flood of made-up ids costs a bounded amount of memory (each still costs one query).
  const unknown = new Set<string>();
  const inFlight = new Map<string, Promise<IntegrationSettings | undefined>>();

  async function load(integrationId: string): Promise<IntegrationSettings | undefined> {
    const handle = client.workflow.getHandle(integrationWorkflowId(integrationId));
    try {
      const settings = await client.connection.withDeadline(Date.now() + queryTimeoutMs, () =>
        handle.query(getIntegrationQuery),
      );
      return settings.status === 'active' ? settings : undefined;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  async function refresh(integrationId: string): Promise<IntegrationSettings | undefined> {
    let pending = inFlight.get(integrationId);
    if (!pending) {
      pending = load(integrationId).finally(() => inFlight.delete(integrationId));
      inFlight.set(integrationId, pending);
    }
    const settings = await pending;
    remember(integrationId, { settings, fetchedAt: Date.now() });
    return settings;
  }

  function remember(integrationId: string, entry: Entry): void {
    cache.set(integrationId, entry);
    unknown.delete(integrationId);
    if (entry.settings !== undefined) return;
    unknown.add(integrationId);
    for (const oldest of unknown) {
      if (unknown.size <= maxUnknown) break;
      unknown.delete(oldest);
      cache.delete(oldest);
    }
  }

  return {
    async get(integrationId) {
      // Checked before anything is cached or sent to Temporal: a path segment is any text a client chose.
      if (!isValidId(integrationId)) return undefined;
      const cached = cache.get(integrationId);
      if (cached && Date.now() - cached.fetchedAt < ttlMs) return cached.settings;
      try {
        return await refresh(integrationId);
      } catch (error) {
        if (cached) return cached.settings;
        if (temporalErrorKind(error) !== 'unavailable') throw error;
        throw new TemporalUnavailableError(
          `integration ${integrationId} could not be read from Temporal: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    invalidate(integrationId) {
      cache.delete(integrationId);
      unknown.delete(integrationId);
    },
  };
}
