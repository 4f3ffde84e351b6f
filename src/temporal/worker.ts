import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Config } from '../config';
import type { BridgeMetrics } from '../observability/metrics';
import { metricsSinks } from '../observability/workflow-sinks';
import { countWrites } from '../observability/write-interceptor';
import { TRACING_WORKFLOW_INTERCEPTORS, tracedActivities, workflowSpanSinks } from '../observability/temporal-tracing';
import type { Tracing } from '../observability/tracing';
import { connectionOptions } from './connection-config';
import { giveUpWhenCancelled } from './cancel-interceptor';
import { heartbeatWhileRunning } from './heartbeat-interceptor';

export interface BridgeWorkerDeps {
  config: Config;
  activities: object;
  dataConverter?: WorkerOptions['dataConverter'];
  /** Where the workflows' sink and the write interceptor count; nothing is counted without it. */
  metrics?: BridgeMetrics;
  /** Workflow code bundled at build time (workflow-bundle.ts); without it the worker bundles at start. */
  workflowBundle?: { codePath: string };
  /** Traces on: the SDK's OpenTelemetry interceptors for activities and workflows, and the span sink. */
  tracing?: Tracing;
}

export interface BridgeWorker {
  worker: Worker;
  connection: NativeConnection;
  /** Runs the worker until it is shut down, then closes its connection (the SDK leaves that to its owner). */
  run(): Promise<void>;
}

/** The worker of the bridge's task queue, running the pre-built bundle or bundling `workflows/` at start. */
export async function createBridgeWorker(deps: BridgeWorkerDeps): Promise<BridgeWorker> {
  const connection = await NativeConnection.connect(connectionOptions(deps.config.temporal));
  try {
    const worker = await createWorker(connection, deps);
    return { worker, connection, run: () => worker.run().finally(() => connection.close()) };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

function createWorker(
  connection: NativeConnection,
  { config, activities, dataConverter, metrics, workflowBundle, tracing }: BridgeWorkerDeps,
) {
  return Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('../../workflows') }),
    activities,
    interceptors: {
      // The span first (outermost), so the counting and heartbeats happen inside it; heartbeats stop when a
      // cancelled activity gives up.
      activity: [
        ...(tracing ? [tracedActivities] : []),
        heartbeatWhileRunning,
        giveUpWhenCancelled,
        ...(metrics ? [countWrites(metrics)] : []),
      ],
      // A pre-built bundle has its interceptor module inside (workflow-bundle.ts picks the traced one).
      ...(tracing && !workflowBundle ? { workflowModules: [TRACING_WORKFLOW_INTERCEPTORS] } : {}),
    },
    sinks: { ...metricsSinks(metrics), ...(tracing ? workflowSpanSinks(tracing) : {}) },
    dataConverter,
    // The SDK's default keeps every open pair cached (up to about 2,300 on a 4 GB heap): the bench measured
    // 822 MB RSS at 2,000 open pairs with it. An evicted pair replays its short history on its next event.
    maxCachedWorkflows: config.workflowCacheSize,
    // Let in-flight activities finish on shutdown (a call times out in 10 s); then they are cancelled, give
    // up at once (giveUpWhenCancelled) and are retried by the server. The force time is a backstop. With the
    // HTTP server's 5 s and the embedded dev server's 10 s, a process stops inside its 30 s (shutdown.ts).
    shutdownGraceTime: '10 seconds',
    shutdownForceTime: '15 seconds',
  });
}
