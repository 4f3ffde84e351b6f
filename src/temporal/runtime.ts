import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { parsePairWorkflowId } from '../../workflows/ids';
import type { Logger } from '../logger';

/**
 * Installs the SDK runtime once per process: its log lines go through our logger, and it does not catch
 * SIGINT/SIGTERM itself, because the entry file shuts down the HTTP server, worker and dev server in order.
 * With `metricsPort`, the runtime's own Prometheus exporter listens on that loopback port; the returned URL
 * is what the bridge's `/metrics` appends.
 */
export function installRuntime(logger: Logger, metricsPort?: number): string | undefined {
  const bindAddress = metricsPort === undefined ? undefined : `127.0.0.1:${metricsPort}`;
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger('WARN', sdkLogWriter(logger)),
    ...(bindAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress } } } } : {}),
  });
  return bindAddress ? `http://${bindAddress}/metrics` : undefined;
}

/** Turns an SDK log entry into one of our lines: its ids, and for a failure its type and message. */
export function sdkLogWriter(logger: Logger): (entry: LogEntry) => void {
  return (entry) => {
    const level = entry.level === 'ERROR' ? 'error' : entry.level === 'WARN' ? 'warn' : 'info';
    logger[level]({ component: 'temporal-sdk', ...safeMeta(entry.meta), ...failureOf(entry.meta) }, entry.message);
  };
}

/** The identifying fields of an SDK log entry (ids, types, attempt), never payloads. */
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
  const safe = Object.fromEntries(
    Object.entries(meta).filter(([key, value]) => SAFE_META.includes(key) && typeof value !== 'object'),
  );
  return { ...safe, ...pairFields(meta.workflowId) };
}

/** A pair workflow's lines carry the ids a person follows one pair by, as every other line about it. */
function pairFields(workflowId: unknown): Record<string, string> {
  const key = typeof workflowId === 'string' ? parsePairWorkflowId(workflowId) : undefined;
  return key && typeof workflowId === 'string' ? { integrationId: key.integrationId, pairId: workflowId } : {};
}

/** Longest failure message kept in a log line; the rest of a long error body adds nothing to the cause. */
const MESSAGE_LIMIT = 500;

/**
 * What a failure in an SDK log entry (an activity that failed, a workflow task that failed) was: its
 * `type` (`ApplicationFailure.type`, otherwise the error's name) and message. Activity failures are built
 * from already-redacted client errors, and the logger masks every registered secret in the whole line.
 */
function failureOf(meta: Record<string, unknown> | undefined): Record<string, string> {
  const error = meta?.error ?? meta?.failure;
  if (!(error instanceof Error)) return {};
  const type = error instanceof ApplicationFailure && error.type ? error.type : error.name;
  const message = error.message.length > MESSAGE_LIMIT ? `${error.message.slice(0, MESSAGE_LIMIT)}…` : error.message;
  return { failureType: type, failureMessage: message };
}
