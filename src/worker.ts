/** `npm run start:worker`: the worker role only, against an existing cluster. */
import { startBridge } from './bridge';
import { ConfigError, configSecrets, loadConfig } from './config';
import { createLogger, describeError } from './logger';
import { freeLocalPort } from './observability/metrics-server';
import { installRuntime } from './temporal/runtime';
import { onShutdownSignal } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, secrets: configSecrets(config) });
  const sdkMetricsUrl = installRuntime(logger, config.metricsPort === undefined ? undefined : await freeLocalPort());
  const bridge = await startBridge(
    config,
    logger,
    { server: false, worker: true, prebundledWorkflows: true },
    { sdkMetricsUrl },
  );
  logger.info({ taskQueue: config.temporal.taskQueue, temporal: config.temporal.address }, 'worker polling');
  onShutdownSignal(logger, () => bridge.stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Failed to start: ${describeError(error)}`}\n`,
  );
  process.exit(1);
});
