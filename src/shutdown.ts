import type { Logger } from './logger';
import { describeError } from './logger';

/**
 * Runs `stop` once on the first SIGINT or SIGTERM and exits 0 when it finishes (1 if it failed). A second
 * signal, or 30 s without finishing, exits at once so a stuck shutdown never outlives its deadline.
 */
export function onShutdownSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 30_000).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ error: describeError(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
