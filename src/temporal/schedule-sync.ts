/**
 * Keeps one reconciliation Schedule per active integration: created when an integration is set up,
 * re-ensured for every existing integration when a worker starts (idempotent), deleted with the
 * integration.
 */
import type { Client } from '@temporalio/client';
import type { IntegrationService } from '../admin/integration-service';
import type { IntegrationDirectory } from '../directory/integration-directory';
import { listOwnIntegrations } from '../directory/list-integrations';
import type { Logger } from '../logger';
import { deleteReconcileSchedule, ensureReconcileSchedule, type ReconcileScheduleOptions } from './schedules';

/**
 * The integration service with Schedules following `create` and `remove`. The integration itself is what
 * the admin asked for: a Schedule that cannot be written now is logged, and the next worker start
 * creates it (or, for a deleted integration, its run finds the integration gone and does nothing).
 */
export function withReconcileSchedules(
  service: IntegrationService,
  client: Client,
  options: ReconcileScheduleOptions,
  logger: Logger,
): IntegrationService {
  const warn = (what: string, id: string) => (error: unknown) =>
    logger.warn({ integrationId: id, error: String(error) }, `could not ${what} the reconciliation schedule`);
  return {
    ...service,
    async create(body) {
      const settings = await service.create(body);
      await ensureReconcileSchedule(client, settings.id, options).catch(warn('create', settings.id));
      return settings;
    },
    async remove(id) {
      const settings = await service.remove(id);
      await deleteReconcileSchedule(client, id).catch(warn('delete', id));
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
    for (const settings of await listOwnIntegrations({ client, directory, taskQueue: options.taskQueue })) {
      await ensureReconcileSchedule(client, settings.id, options);
    }
  } catch (error) {
    // Not fatal: the next worker start, or the next setup, tries again.
    logger.warn({ error: String(error) }, 'could not ensure the reconciliation schedules');
  }
}
