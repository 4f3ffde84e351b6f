/**
 * Builds the bridge's roles from the config: the HTTP server (health, webhooks, admin API, codec) and the
 * worker. Entry files choose the roles; `stop()` shuts down in the order that loses nothing: stop taking
 * HTTP requests, let the worker finish in-flight tasks, then close the Temporal connection.
 */
import type { Server } from 'node:http';
import type { Client } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { createReconcileRouter } from './admin/reconcile-route';
import { createAdminRouter } from './admin/router';
import { createApiDescriptionRouter } from './api-description/router';
import { createIntegrationService } from './admin/integration-service';
import { createPairService } from './admin/pair-service';
import type { Config } from './config';
import { createIntegrationDirectory, type IntegrationDirectory } from './directory/integration-directory';
import { createApp } from './http/app';
import type { Logger } from './logger';
import { createRateLimiter } from './receiver/rate-limit';
import { startObservability } from './observability';
import { tracingClientInterceptors } from './observability/temporal-tracing';
import { startTracing } from './observability/tracing';
import type { BridgeMetrics } from './observability/metrics';
import { createReceiverRouter } from './receiver/router';
import { parseKeyring, type Keyring } from './security/keyring';
import { createTemporalClient, temporalReachable } from './temporal/client';
import { createDataConverter, EncryptionCodec } from './temporal/codec';
import { createCodecRouter } from './temporal/codec-router';
import { createPairStarter } from './temporal/pair-starter';
import { createPrerequisiteMonitor, registerMissing, type PrerequisiteMonitor } from './temporal/prerequisites';
import { ensureAllReconcileSchedules, withReconcileSchedules } from './temporal/schedule-sync';
import { runReconcileNow } from './temporal/schedules';
import { createBridgeWorker } from './temporal/worker';
import { prebuiltWorkflowBundle, TRACED_WORKFLOW_BUNDLE_PATH, WORKFLOW_BUNDLE_PATH } from './temporal/workflow-bundle';
import { createUiRouter } from './ui/router';
import { createWorkerActivities } from './worker-activities';

export interface BridgeRoles {
  server: boolean;
  worker: boolean;
  /** Register a missing namespace or search attribute (the all-in-one) rather than report it. */
  registerPrerequisites?: boolean;
  /** Run the workflow bundle `npm run build:workflows` made (the worker role) rather than bundle at start. */
  prebundledWorkflows?: boolean;
}

export interface BridgeOptions {
  /** The SDK runtime's Prometheus endpoint (`installRuntime`), appended to `/metrics`. */
  sdkMetricsUrl?: string;
}

export interface RunningBridge {
  httpUrl: string | undefined;
  /** The metrics listener's `/metrics`, when it started. */
  metricsUrl: string | undefined;
  client: Client;
  stop(): Promise<void>;
}

export async function startBridge(
  config: Config,
  logger: Logger,
  roles: BridgeRoles,
  options: BridgeOptions = {},
): Promise<RunningBridge> {
  const keyring = parseKeyring(config.encryptionKeys.join(','));
  const codec = new EncryptionCodec(keyring);
  const dataConverter = createDataConverter(codec);
  // Before the client: its interceptors and every span below go to the provider this registers.
  const tracing = startTracing(config.tracing);
  const client = await createTemporalClient(config, dataConverter, tracing && tracingClientInterceptors());
  const directory = createIntegrationDirectory(client);
  const target = { address: config.temporal.address, namespace: config.temporal.namespace };
  if (roles.registerPrerequisites) await registerMissing(client.connection, target);
  const prerequisites = createPrerequisiteMonitor(client.connection, { ...target, logger });
  // The server role starts anyway and answers /readyz 503 until they exist; the worker waits for them.
  if (roles.worker) await prerequisites.waitUntilMet();
  else await prerequisites.met();
  const observability = await startObservability({ config, logger, client, worker: roles.worker, ...options });
  const { metrics } = observability;

  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  if (roles.worker) {
    const activities = createWorkerActivities({
      directory,
      keyring,
      allowInsecureUrls: config.allowInsecureUrls,
      client,
      taskQueue: config.temporal.taskQueue,
    });
    const workflowBundle = roles.prebundledWorkflows ? prebuiltWorkflowBundle(tracing !== undefined) : undefined;
    if (roles.prebundledWorkflows && !workflowBundle) {
      logger.warn(
        { expected: tracing ? TRACED_WORKFLOW_BUNDLE_PATH : WORKFLOW_BUNDLE_PATH },
        'no pre-built workflow bundle, or one older than the workflows: bundling at start',
      );
    }
    const bridgeWorker = await createBridgeWorker({
      config,
      activities,
      dataConverter,
      metrics,
      workflowBundle,
      tracing,
    });
    worker = bridgeWorker.worker;
    workerRun = bridgeWorker.run();
    void ensureAllReconcileSchedules(client, directory, scheduleOptions(config), logger);
    workerRun.catch((error: unknown) => logger.error({ error: String(error) }, 'worker stopped with an error'));
  }
  const server = roles.server
    ? await listen(
        config,
        createServerApp(config, logger, client, directory, keyring, codec, worker, prerequisites, metrics),
      )
    : undefined;
  return {
    httpUrl: server ? `http://localhost:${config.http.port}` : undefined,
    metricsUrl: observability.metricsUrl,
    client,
    stop: async () => {
      if (server) await closeServer(server);
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun?.catch(() => undefined);
      await observability.stop();
      await client.connection.close();
      await tracing?.stop();
    },
  };
}

function createServerApp(
  config: Config,
  logger: Logger,
  client: Client,
  directory: IntegrationDirectory,
  keyring: Keyring,
  codec: EncryptionCodec,
  worker: Worker | undefined,
  prerequisites: PrerequisiteMonitor,
  metrics: BridgeMetrics | undefined,
) {
  const taskQueue = config.temporal.taskQueue;
  const integrations = withReconcileSchedules(
    createIntegrationService({ client, directory, keyring, taskQueue, publicUrl: config.http.publicUrl }),
    client,
    scheduleOptions(config),
    logger,
  );
  const pairs = createPairService({ client, namespace: config.temporal.namespace, uiUrl: config.temporal.uiUrl });
  return createApp({
    logger,
    readiness: {
      temporal: () => temporalReachable(client),
      prerequisites: () => prerequisites.met(),
      ...(worker ? { worker: () => worker.getState() === 'RUNNING' } : {}),
    },
    routers: [
      createReceiverRouter({
        directory,
        starter: createPairStarter(client, { taskQueue }),
        logger,
        metrics,
        taskQueue,
        rateLimiter: createRateLimiter({ perSecond: config.webhookRateLimit, burst: config.webhookRateLimit * 10 }),
      }),
      createCodecRouter({
        codec,
        uiOrigin: config.temporal.uiUrl ?? 'http://localhost:8233',
        adminToken: config.adminToken,
        codecToken: config.codecToken,
      }),
      createApiDescriptionRouter(),
      createAdminRouter({
        integrations,
        pairs,
        adminToken: config.adminToken,
        publicUrl: config.http.publicUrl,
        allowInsecureUrls: config.allowInsecureUrls,
      }),
      createReconcileRouter({
        adminToken: config.adminToken,
        exists: async (id) => (await directory.get(id)) !== undefined,
        runNow: (id) => runReconcileNow(client, id, taskQueue),
      }),
      createUiRouter(),
    ],
  });
}

function scheduleOptions(config: Config) {
  return { taskQueue: config.temporal.taskQueue, intervalMs: config.reconcileIntervalMs };
}

function listen(config: Config, app: ReturnType<typeof createApp>): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const server = app.listen(config.http.port, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  });
}
