/**
 * Runs the reducer's commands as activities and turns each outcome, success or failure, back into a
 * `PairResult`, so failures end up on the pair's timeline instead of failing the workflow.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  TemporalFailure,
} from '@temporalio/workflow';
import type { PairActivities } from '../activities/types';
import { createFirstAttempt, onCallWrites, reads, serviceNowWrites } from './activity-options';
import { NON_RETRYABLE_TYPES, type FailureType } from './failure-types';
import {
  FIND_BEFORE_CREATE,
  mayHaveRunBefore,
  queuedAlertGroup,
  queuedIncident,
  type CommandContext,
} from './pair-creates';
import type { NotesCommand } from './pair-notes';
import type { PairCommand, PairResult, PairSide, UnresolvedReference } from './pair-types';

interface Proxies {
  serviceNow: PairActivities;
  onCall: PairActivities;
  reads: PairActivities;
}

/** Histories written before creates ran as local activities replay without them. */
const LOCAL_FIRST_CREATES = 'local-first-creates';

const localCreates =
  proxyLocalActivities<Pick<PairActivities, 'createIncident' | 'createAlertGroup'>>(createFirstAttempt);

/** The pair's activities run on the workflow's own task queue. */
const proxies: Proxies = {
  serviceNow: proxyActivities<PairActivities>(serviceNowWrites),
  onCall: proxyActivities<PairActivities>(onCallWrites),
  reads: proxyActivities<PairActivities>(reads),
};

/** The side each command writes (a note carry writes the side its notes go to). */
const SIDE: Record<PairCommand['kind'] | NotesCommand['kind'], PairSide> = {
  createIncident: 'servicenow',
  updateIncident: 'servicenow',
  createAlertGroup: 'oncall',
  repostAlert: 'oncall',
  moveAlertGroup: 'oncall',
  refresh: 'oncall',
  carryJournalToOnCall: 'oncall',
  carryNotesToServiceNow: 'servicenow',
};

/** Runs one command; never throws for an activity failure (it becomes a `writeFailed` result). */
export async function runCommand(
  command: PairCommand,
  integrationId: string,
  context?: CommandContext,
): Promise<PairResult>;
export async function runCommand(command: NotesCommand, integrationId: string): Promise<PairResult>;
export async function runCommand(
  command: PairCommand | NotesCommand,
  integrationId: string,
  context?: CommandContext,
): Promise<PairResult> {
  try {
    return await execute(command, integrationId, proxies, context);
  } catch (error) {
    const cause = failureCause(error);
    if (!cause) throw error;
    const type = cause instanceof ApplicationFailure && cause.type ? cause.type : 'activity_failed';
    const message = cause.message;
    log.warn('pair activity failed', { integrationId, command: command.kind, type });
    return { source: 'bridge', kind: 'writeFailed', side: SIDE[command.kind], command: command.kind, type, message };
  }
}

async function execute(
  command: PairCommand | NotesCommand,
  integrationId: string,
  acts: Proxies,
  context: CommandContext | undefined,
): Promise<PairResult> {
  switch (command.kind) {
    // Both carries run with the ServiceNow write options, as they always have (a run's history names them).
    case 'carryJournalToOnCall': {
      const result = await acts.serviceNow.carryJournalToOnCall({ integrationId, ...command.input });
      return { source: 'bridge', kind: 'notesCarried', command: command.kind, result };
    }
    case 'carryNotesToServiceNow': {
      const result = await acts.serviceNow.carryNotesToServiceNow({ integrationId, ...command.input });
      return { source: 'bridge', kind: 'notesCarried', command: command.kind, result };
    }
    case 'createIncident': {
      const { correlationId, fields } = command;
      const known = queuedIncident(context, correlationId);
      if (known && patched(FIND_BEFORE_CREATE)) {
        return { source: 'bridge', kind: 'incidentWritten', incident: known, created: true };
      }
      const input = { integrationId, correlationId, fields };
      const { unresolved, ...incident } = await localFirst(
        () => localCreates.createIncident({ ...input, mayExist: mayHaveRunBefore(context) }),
        () => acts.serviceNow.createIncident({ ...input, mayExist: true }),
      );
      return { source: 'bridge', kind: 'incidentWritten', incident, created: true, ...withUnresolved(unresolved) };
    }
    case 'updateIncident': {
      const { sysId, fields, known } = command;
      const { unresolved, ...incident } = await acts.serviceNow.updateIncident({ integrationId, sysId, fields, known });
      return { source: 'bridge', kind: 'incidentWritten', incident, created: false, ...withUnresolved(unresolved) };
    }
    case 'createAlertGroup': {
      const input = { integrationId, inboundUrl: command.inboundUrl, payload: command.payload };
      if (queuedAlertGroup(context, command.payload.alert_uid) && patched(FIND_BEFORE_CREATE)) {
        return { source: 'bridge', kind: 'alertSent' };
      }
      await localFirst(
        () => localCreates.createAlertGroup({ ...input, mayExist: mayHaveRunBefore(context) }),
        () => acts.onCall.createAlertGroup({ ...input, mayExist: true }),
      );
      return { source: 'bridge', kind: 'alertSent' };
    }
    case 'repostAlert':
      await acts.onCall.repostAlert({ integrationId, inboundUrl: command.inboundUrl, payload: command.payload });
      return { source: 'bridge', kind: 'alertSent' };
    case 'moveAlertGroup': {
      const { alertGroupId, target, from } = command;
      const moved = await acts.onCall.moveAlertGroup({ integrationId, alertGroupId, target, from });
      return { source: 'bridge', kind: 'alertGroupMoved', ...moved };
    }
    case 'refresh':
      return refresh(command, integrationId, acts);
  }
}

/** Results of older activities have no `unresolved`; nothing is added to them. */
function withUnresolved(unresolved: UnresolvedReference[] | undefined) {
  return unresolved && unresolved.length > 0 ? { unresolved } : {};
}

/**
 * Tries the local activity once; a failure that a retry could fix goes to the normal activity instead
 * (`createFirstAttempt` says why only creates do this). A failure no retry fixes is final either way.
 */
async function localFirst<T>(local: () => Promise<T>, activity: () => Promise<T>): Promise<T> {
  if (!patched(LOCAL_FIRST_CREATES)) return activity();
  try {
    return await local();
  } catch (error) {
    const cause = failureCause(error);
    if (!cause) throw error;
    if (
      cause instanceof ApplicationFailure &&
      (cause.nonRetryable || NON_RETRYABLE_TYPES.includes(cause.type as FailureType))
    ) {
      throw error;
    }
    log.info('local create failed; retrying as an activity', { failure: cause.name });
    return activity();
  }
}

/**
 * What an activity failed with: an activity's failure wraps it in `ActivityFailure`, a local activity's
 * arrives as is. Anything else (a local activity cancelled with the workflow, a bug) is not a failed write.
 */
export function failureCause(error: unknown): Error | undefined {
  if (error instanceof ActivityFailure) return error.cause instanceof Error ? error.cause : error;
  if (error instanceof TemporalFailure && !(error instanceof CancelledFailure)) return error;
  return undefined;
}

async function refresh(
  command: Extract<PairCommand, { kind: 'refresh' }>,
  integrationId: string,
  acts: Proxies,
): Promise<PairResult> {
  const [group, incident] = await Promise.all([
    acts.reads.readAlertGroup({
      integrationId,
      alertGroupId: command.alertGroupId,
      alertUid: command.alertGroupId ? null : command.alertUid,
      oncallIntegrationId: command.oncallIntegrationId,
    }),
    acts.reads.readIncident({ integrationId, sysId: command.sysId, correlationId: command.correlationId }),
  ]);
  return {
    source: 'bridge',
    kind: 'refreshed',
    group,
    incident,
    authority: command.authority,
    authorityIsEcho: command.authorityIsEcho,
    ...(command.untrusted ? { untrusted: true } : {}),
  };
}
