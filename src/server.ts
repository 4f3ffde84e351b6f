/** `npm run start:server`: the HTTP role only (webhooks, admin API, codec), against an existing cluster. */
import { startBridge } from './bridge';
import { ConfigError, configSecrets, loadConfig } from './config';
import { createLogger, describeError } from './logger';
import { onShutdownSignal } from './shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, secrets: configSecrets(config) });
  const bridge = await startBridge(config, logger, { server: true, worker: false });
  logger.info({ url: bridge.httpUrl, temporal: config.temporal.address }, 'HTTP server listening');
  onShutdownSignal(logger, () => bridge.stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `Failed to start: ${describeError(error)}`}\n`,
  );
  process.exit(1);
});
