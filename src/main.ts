/**
 * `npm start`: the all-in-one bridge. Starts the embedded Temporal dev server unless TEMPORAL_ADDRESS is
 * set, then the worker and the HTTP server in this process, and shuts all of it down on SIGINT/SIGTERM.
 */
import path from 'node:path';
import { startBridge } from './bridge';
import { ownerOnlyDatabase, ownerOnlyDir } from './data-dir';
import { ConfigError, configSecrets, loadConfig, type Config } from './config';
import { createLogger, describeError, type Logger } from './logger';
import { ensureBinary, TEMPORAL_CLI } from './temporal/binaries';
import { startDevServer, type DevServer } from './temporal/dev-server';
import { freeLocalPort } from './observability/metrics-server';
import { installRuntime } from './temporal/runtime';
import { onShutdownSignal } from './shutdown';

const PROJECT_ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({
    level: config.logLevel,
    format: config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    secrets: configSecrets(config),
  });
  const sdkMetricsUrl = installRuntime(logger, config.metricsPort === undefined ? undefined : await freeLocalPort());

  const devServer = config.embedded ? await startEmbeddedServer(config, logger) : undefined;
  const bridge = await startBridge(
    config,
    logger,
    { server: true, worker: true, registerPrerequisites: true },
    { sdkMetricsUrl },
  ).catch(async (error: unknown) => {
    await devServer?.stop();
    throw error;
  });
  printBanner(config, bridge.httpUrl, bridge.metricsUrl);

  onShutdownSignal(logger, async () => {
    await bridge.stop();
    await devServer?.stop();
  });
}

async function startEmbeddedServer(config: Config, logger: Logger): Promise<DevServer> {
  const cli = await ensureBinary(TEMPORAL_CLI, { root: PROJECT_ROOT, log: (line) => logger.info(line) });
  logger.info({ cli: cli.path, db: config.devServer.dbFile }, 'starting the embedded Temporal dev server');
  ownerOnlyDir(config.dataDir);
  ownerOnlyDatabase(config.devServer.dbFile);
  return startDevServer({
    cliPath: cli.path,
    port: config.devServer.port,
    uiPort: config.devServer.uiPort,
    dbFilename: config.devServer.dbFile,
    namespace: config.temporal.namespace,
    // The UI sends no credential of its own, so its endpoint carries the codec token (see codec-router.ts).
    codecEndpoint: config.codecToken && `${config.http.publicUrl}/codec/${config.codecToken}`,
  });
}

function printBanner(config: Config, httpUrl: string | undefined, metricsUrl: string | undefined): void {
  const lines = [
    '',
    'OnCall <-> ServiceNow bridge is running',
    `  Admin UI:        ${httpUrl ? `${httpUrl}/` : '(no HTTP role)'}`,
    `  HTTP API:        ${httpUrl ?? '(no HTTP role)'}`,
    `  Metrics:         ${metricsUrl ?? '(listener not started, see the log)'}`,
    `  Public URL:      ${config.http.publicUrl}`,
    `  Temporal:        ${config.temporal.address} (namespace ${config.temporal.namespace})`,
    `  Temporal Web UI: ${config.temporal.uiUrl ?? '(not configured)'}`,
    `  Admin token:     ${config.adminTokenSource}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Failed to start: ${describeError(error)}`}\n`,
  );
  process.exit(1);
});
