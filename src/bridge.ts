/**
 * Builds the bridge's roles from the config: the HTTP server (health, webhooks, admin API, codec) and the
 * worker. Entry files choose the roles; `stop()` shuts down in the order that loses nothing: stop taking
 * HTTP requests, let the worker finish in-flight tasks, then close the Temporal connection.
 */
import type { Server } from 'node:http';
import type { Worker } from '@temporalio/worker';
import type { Config } from './config';
import { createApp } from './http/app';
import type { Logger } from './logger';
import { createTemporalClient, temporalReachable } from './temporal/client';
import { createBridgeWorker } from './temporal/worker';

export interface BridgeRoles {
  server: boolean;
  worker: boolean;
}

export interface RunningBridge {
  httpUrl: string | undefined;
  stop(): Promise<void>;
}

export async function startBridge(config: Config, logger: Logger, roles: BridgeRoles): Promise<RunningBridge> {
  const client = await createTemporalClient(config);
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  if (roles.worker) {
    worker = await createBridgeWorker({ config, activities: {} });
    workerRun = worker.run();
    workerRun.catch((error: unknown) => logger.error('worker stopped with an error', { error: String(error) }));
  }
  let server: Server | undefined;
  if (roles.server) {
    const app = createApp({
      logger,
      readiness: {
        temporal: () => temporalReachable(client),
        ...(worker ? { worker: () => worker.getState() === 'RUNNING' } : {}),
      },
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.http.port, (error?: Error) => (error ? reject(error) : resolve(s)));
    });
  }
  return {
    httpUrl: server ? `http://localhost:${config.http.port}` : undefined,
    stop: async () => {
      if (server) await closeServer(server);
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun?.catch(() => undefined);
      await client.connection.close();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  });
}
