/**
 * What the bridge needs from its Temporal namespace before a single pair can start: the namespace itself
 * and every search attribute of workflows/search-attributes.ts, as a Keyword. Without them the server
 * rejects each `signalWithStart` (INVALID_ARGUMENT "no mapping defined for search attribute ..."), so the
 * roles check at start: the all-in-one registers what is missing; the split roles, which run against a
 * cluster someone else operates, log the exact `temporal operator` commands that fix it, `/readyz` fails
 * with that check, and a webhook refused for this reason says so instead of "Temporal unavailable".
 */
import { isGrpcServiceError, type ConnectionLike } from '@temporalio/client';
import { NamespaceNotFoundError } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { Logger } from '../logger';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
// gRPC status codes (the numbers are part of the protocol; @grpc/grpc-js is not a dependency of ours).
const GRPC_INVALID_ARGUMENT = 3;
const GRPC_NOT_FOUND = 5;
const GRPC_PERMISSION_DENIED = 7;
const GRPC_UNIMPLEMENTED = 12;

export interface Target {
  address: string;
  namespace: string;
}

export interface Missing {
  namespace: boolean;
  /** Search attributes absent from the namespace or registered with another type. */
  searchAttributes: string[];
  /** Why the search attributes could not be read (an API key without operator rights, Temporal Cloud). */
  unverified?: string;
}

/** Reads the namespace and its search attributes; throws only when Temporal does not answer. */
export async function findMissing(connection: ConnectionLike, namespace: string, timeoutMs = 5000): Promise<Missing> {
  return connection.withDeadline(Date.now() + timeoutMs, () => read(connection, namespace));
}

async function read(connection: ConnectionLike, namespace: string): Promise<Missing> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return { namespace: true, searchAttributes: SEARCH_ATTRIBUTES.map((key) => key.name) };
  }
  let listed;
  try {
    listed = await connection.operatorService.listSearchAttributes({ namespace });
  } catch (error) {
    // Not allowed to look is no evidence of absence: the server's rejection of a pair will still say so.
    const code = isGrpcServiceError(error) ? Number(error.code) : undefined;
    if (code === GRPC_PERMISSION_DENIED || code === GRPC_UNIMPLEMENTED) {
      return { namespace: false, searchAttributes: [], unverified: String(error) };
    }
    throw error;
  }
  const custom = listed.customAttributes ?? {};
  return {
    namespace: false,
    searchAttributes: SEARCH_ATTRIBUTES.map((key) => key.name).filter((name) => custom[name] !== KEYWORD),
  };
}

export const nothingMissing = (missing: Missing): boolean =>
  !missing.namespace && missing.searchAttributes.length === 0;

/** The `temporal operator` commands an operator runs to give the namespace what is missing. */
export function operatorCommands(missing: Missing, target: Target): string[] {
  const flags = `--namespace ${target.namespace} --address ${target.address}`;
  return [
    ...(missing.namespace ? [`temporal operator namespace create ${flags}`] : []),
    ...missing.searchAttributes.map(
      (name) => `temporal operator search-attribute create ${flags} --name ${name} --type Keyword`,
    ),
  ];
}

export function describeMissing(missing: Missing, target: Target): string {
  const what = [
    ...(missing.namespace ? [`the namespace ${target.namespace}`] : []),
    ...(missing.searchAttributes.length > 0 ? [`search attributes ${missing.searchAttributes.join(', ')}`] : []),
  ].join(' and ');
  return `Temporal at ${target.address} lacks ${what}; run:\n  ${operatorCommands(missing, target).join('\n  ')}`;
}

/**
 * The all-in-one's way: creates what is missing, one search attribute per call, and re-reads until the
 * server shows all of it (a namespace just created can be unknown to the next call for a few seconds).
 */
export async function registerMissing(connection: ConnectionLike, target: Target, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = await findMissing(connection, target.namespace);
    if (nothingMissing(missing)) return;
    try {
      if (missing.namespace) {
        await connection.workflowService.registerNamespace({
          namespace: target.namespace,
          workflowExecutionRetentionPeriod: msToTs('3 days'),
        });
      }
      for (const name of missing.searchAttributes) {
        await connection.operatorService.addSearchAttributes({
          namespace: target.namespace,
          searchAttributes: { [name]: KEYWORD },
        });
      }
    } catch (error) {
      if (Date.now() >= deadline) {
        throw new Error(`${describeMissing(missing, target)}\nRegistering failed: ${String(error)}`);
      }
    }
    if (Date.now() >= deadline) throw new Error(describeMissing(missing, target));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The server's reason when a call (a pair's `signalWithStart`) failed for a missing namespace or search
 * attribute, e.g. "Namespace default has no mapping defined for search attribute BridgeIntegrationId".
 */
export function missingPrerequisite(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof NamespaceNotFoundError) return cause.message;
    if (isGrpcServiceError(cause)) {
      const code = Number(cause.code);
      const missing =
        (code === GRPC_INVALID_ARGUMENT &&
          /no mapping defined for search attribute|search attribute \S+ is not defined/i.test(cause.details)) ||
        (code === GRPC_NOT_FOUND && /namespace .* not found/i.test(cause.details));
      return missing ? cause.details : undefined;
    }
  }
  return undefined;
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof NamespaceNotFoundError || (isGrpcServiceError(error) && Number(error.code) === GRPC_NOT_FOUND)
  );
}

export interface PrerequisiteMonitor {
  /** Whether the last check found everything; re-checks when the last answer is older than `maxAgeMs`. */
  met(): Promise<boolean>;
  /** Checks until everything exists, logging what to run at most every `reportEveryMs`. */
  waitUntilMet(): Promise<void>;
}

export interface MonitorOptions extends Target {
  logger: Logger;
  /** @default 10000 */
  maxAgeMs?: number;
  /** @default 30000 */
  reportEveryMs?: number;
}

/** Checks for the split roles: a missing prerequisite is logged with its fix, and re-checked later. */
export function createPrerequisiteMonitor(connection: ConnectionLike, options: MonitorOptions): PrerequisiteMonitor {
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  const reportEveryMs = options.reportEveryMs ?? 30_000;
  let checkedAt = -Infinity;
  let lastMet = false;
  let reportedAt = -Infinity;
  let running: Promise<boolean> | undefined;
  let warnedUnverified = false;

  const check = async (): Promise<boolean> => {
    const missing = await findMissing(connection, options.namespace);
    checkedAt = Date.now();
    const met = nothingMissing(missing);
    if (missing.unverified && !warnedUnverified) {
      warnedUnverified = true;
      options.logger.warn(
        { namespace: options.namespace, reason: missing.unverified },
        'cannot read the namespace’s search attributes; assuming they exist',
      );
    }
    if (!met && (lastMet || checkedAt - reportedAt >= reportEveryMs)) {
      reportedAt = checkedAt;
      options.logger.error(
        { namespace: options.namespace },
        `Temporal prerequisites missing: ${describeMissing(missing, options)}`,
      );
    } else if (met && !lastMet && reportedAt > -Infinity) {
      options.logger.info({ namespace: options.namespace }, 'Temporal prerequisites now present');
    }
    lastMet = met;
    return met;
  };

  const met = async (): Promise<boolean> => {
    if (Date.now() - checkedAt < maxAgeMs) return lastMet;
    running ??= check().finally(() => (running = undefined));
    // Temporal not answering is the reachability check's to report, not a missing prerequisite.
    return running.catch(() => lastMet);
  };

  return {
    met,
    async waitUntilMet() {
      while (!(await met())) await new Promise((resolve) => setTimeout(resolve, Math.min(maxAgeMs, 5000)));
    },
  };
}
