import type { Logger } from './logger';
import { describeError } from './logger';

/**
 * Runs `stop` once on the first SIGINT or SIGTERM and exits 0 when it finishes (1 if it failed). A second
 * signal, or 30 s without finishing, exits at once so a stuck shutdown never outlives its deadline.
 */
export const SHUTDOWN_DEADLINE_MS = 30_000;

export function onShutdownSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = () => {
      logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown did not finish in time');
      process.exit(1);
    };
    setTimeout(deadline, SHUTDOWN_DEADLINE_MS).unref();
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
