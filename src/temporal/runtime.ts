import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import type { Logger } from '../logger';

/**
 * Installs the SDK runtime once per process: its log lines go through our logger, and it does not catch
 * SIGINT/SIGTERM itself, because the entry file shuts down the HTTP server, worker and dev server in order.
 */
export function installRuntime(logger: Logger): void {
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN', (entry: LogEntry) => {
      const level = entry.level === 'ERROR' ? 'error' : entry.level === 'WARN' ? 'warn' : 'info';
      logger[level](entry.message, { component: 'temporal-sdk', ...safeMeta(entry.meta) });
    }),
  });
}

/** The identifying fields of an SDK log entry (ids, types, attempt), never payloads or failure details. */
const SAFE_META = [
  'workflowId',
  'workflowType',
  'activityType',
  'activityId',
  'taskQueue',
  'attempt',
  'integrationId',
  'command',
  'type',
];

function safeMeta(meta: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!meta) return {};
  return Object.fromEntries(
    Object.entries(meta).filter(([key, value]) => SAFE_META.includes(key) && typeof value !== 'object'),
  );
}
