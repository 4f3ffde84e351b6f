/**
 * The one place that imports the concrete ServiceNow and OnCall clients and the activity factories
 * (STYLE: composition root of the worker).
 */
import { createActivities } from '../activities';
import { createSetupActivities } from '../activities/setup';
import { createClientDirectory } from './directory/client-directory';
import type { IntegrationDirectory } from './directory/integration-directory';
import { classifyOnCallError, createOnCallClient } from './integrations/oncall';
import { classifyServiceNowError, createServiceNowClient } from './integrations/servicenow';
import type { Keyring } from './security/keyring';

export interface WorkerActivityDeps {
  directory: IntegrationDirectory;
  keyring: Keyring;
  allowInsecureUrls: boolean;
}

export function createWorkerActivities({ directory, keyring }: WorkerActivityDeps) {
  const factories = { serviceNowClient: createServiceNowClient, onCallClient: createOnCallClient };
  const clients = createClientDirectory({ directory, keyring, ...factories });
  return {
    ...createActivities({
      serviceNow: (integrationId) => clients.serviceNow(integrationId),
      onCall: (integrationId) => clients.onCall(integrationId),
      classifyServiceNow: classifyServiceNowError,
      classifyOnCall: classifyOnCallError,
    }),
    ...createSetupActivities({
      keyring,
      ...factories,
      classifyServiceNow: classifyServiceNowError,
      classifyOnCall: classifyOnCallError,
    }),
  };
}
