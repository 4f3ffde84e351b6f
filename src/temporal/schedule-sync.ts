/**
 * Keeps one reconciliation Schedule per active integration: created when an integration is set up,
 * re-ensured for every existing integration when a worker starts (idempotent), deleted with the
 * integration.
 */
import type { Client } from '@temporalio/client';
import type { IntegrationService } from '../admin/integration-service';
import type { IntegrationDirectory } from '../directory/integration-directory';
import { listIntegrations } from '../directory/list-integrations';
import type { Logger } from '../logger';
import { deleteReconcileSchedule, ensureReconcileSchedule, type ReconcileScheduleOptions } from './schedules';

/** The integration service with Schedules following `create` and `remove`. */
export function withReconcileSchedules(
  service: IntegrationService,
  client: Client,
  options: ReconcileScheduleOptions,
): IntegrationService {
  return {
    ...service,
    async create(body) {
      const settings = await service.create(body);
      await ensureReconcileSchedule(client, settings.id, options);
      return settings;
    },
    async remove(id) {
      const settings = await service.remove(id);
      await deleteReconcileSchedule(client, id);
      return settings;
    },
  };
}

/** At worker start: a Schedule for every existing integration (created by an older version, or lost). */
export async function ensureAllReconcileSchedules(
  client: Client,
  directory: IntegrationDirectory,
  options: ReconcileScheduleOptions,
  logger: Logger,
): Promise<void> {
  try {
    for (const settings of await listIntegrations(client, directory)) {
      await ensureReconcileSchedule(client, settings.id, options);
    }
  } catch (error) {
    // Not fatal: the next worker start, or the next setup, tries again.
    logger.warn('could not ensure the reconciliation schedules', { error: String(error) });
  }
}
