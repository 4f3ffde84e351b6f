/**
 * The one place that imports the concrete ServiceNow and OnCall clients and the activity factories
 * (STYLE: composition root of the worker).
 */
import { heartbeat } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { createActivities } from '../activities';
import { createReconcileActivities } from '../activities/reconcile';
import { createSetupActivities } from '../activities/setup';
import { createClientDirectory } from './directory/client-directory';
import type { IntegrationDirectory } from './directory/integration-directory';
import { classifyOnCallError, createOnCallClient, type OnCallClientConfig } from './integrations/oncall';
import {
  classifyServiceNowError,
  createServiceNowClient,
  type ServiceNowClientConfig,
} from './integrations/servicenow';
import type { Keyring } from './security/keyring';
import { createPairAccess } from './temporal/reconcile-pairs';
import { saveReconcileCursor } from './temporal/schedules';

export interface WorkerActivityDeps {
  directory: IntegrationDirectory;
  keyring: Keyring;
  allowInsecureUrls: boolean;
  /** Reconciliation reads and signals pairs and keeps its watermark in its Schedule. */
  client: Client;
  taskQueue: string;
}

export function createWorkerActivities({
  directory,
  keyring,
  client,
  taskQueue,
  allowInsecureUrls,
}: WorkerActivityDeps) {
  // Every call to ServiceNow and OnCall is guarded against private addresses unless insecure URLs are allowed.
  const guarded = !allowInsecureUrls;
  const factories = {
    serviceNowClient: (config: ServiceNowClientConfig) => createServiceNowClient({ ...config, guarded }),
    onCallClient: (config: OnCallClientConfig) => createOnCallClient({ ...config, guarded }),
  };
  const clients = createClientDirectory({ directory, keyring, ...factories });
  return {
    ...createActivities({
      keyring,
      serviceNow: (integrationId) => clients.serviceNow(integrationId),
      onCall: (integrationId) => clients.onCall(integrationId),
      classifyServiceNow: classifyServiceNowError,
      classifyOnCall: classifyOnCallError,
    }),
    ...createSetupActivities({
      keyring,
      allowInsecureUrls,
      ...factories,
      classifyServiceNow: classifyServiceNowError,
      classifyOnCall: classifyOnCallError,
    }),
    ...createReconcileActivities({
      settingsOf: (integrationId) => directory.get(integrationId),
      serviceNow: (integrationId) => clients.serviceNow(integrationId),
      onCall: (integrationId) => clients.onCall(integrationId),
      classifyServiceNow: classifyServiceNowError,
      classifyOnCall: classifyOnCallError,
      pairs: createPairAccess(client, taskQueue),
      saveCursor: (integrationId, cursor) => saveReconcileCursor(client, integrationId, cursor),
      heartbeat: () => heartbeat(),
    }),
  };
}
