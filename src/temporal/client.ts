import { Client, Connection, type DataConverter, type ClientInterceptors } from '@temporalio/client';
import type { Config } from '../config';
import { connectionOptions } from './connection-config';

/** One Temporal client per process (STYLE: never a connection per request). */
export async function createTemporalClient(
  config: Config,
  dataConverter?: DataConverter,
  interceptors?: ClientInterceptors,
): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config.temporal));
  return new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter,
    ...(interceptors ? { interceptors } : {}),
  });
}

/** Whether the frontend answers within `timeoutMs`; used by `/readyz`. */
export async function temporalReachable(client: Client, timeoutMs = 2000): Promise<boolean> {
  try {
    await client.connection.withDeadline(Date.now() + timeoutMs, () =>
      client.connection.workflowService.getSystemInfo({}),
    );
    return true;
  } catch {
    return false;
  }
}
