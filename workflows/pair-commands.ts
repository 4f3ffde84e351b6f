/**
 * Runs the reducer's commands as activities and turns each outcome, success or failure, back into a
 * `PairResult`, so failures end up on the pair's timeline instead of failing the workflow.
 */
import { ActivityFailure, ApplicationFailure, log, proxyActivities } from '@temporalio/workflow';
import type { PairActivities } from '../activities/types';
import { onCallWrites, reads, serviceNowWrites } from './activity-options';
import type { PairCommand, PairResult, PairSide } from './pair-types';

interface Proxies {
  serviceNow: PairActivities;
  onCall: PairActivities;
  reads: PairActivities;
}

const proxiesByQueue = new Map<string, Proxies>();

function proxies(taskQueue: string | undefined): Proxies {
  const queueKey = taskQueue ?? '';
  let found = proxiesByQueue.get(queueKey);
  if (!found) {
    const queue = taskQueue ? { taskQueue } : {};
    found = {
      serviceNow: proxyActivities<PairActivities>({ ...serviceNowWrites, ...queue }),
      onCall: proxyActivities<PairActivities>({ ...onCallWrites, ...queue }),
      reads: proxyActivities<PairActivities>({ ...reads, ...queue }),
    };
    proxiesByQueue.set(queueKey, found);
  }
  return found;
}

const SIDE: Record<PairCommand['kind'], PairSide> = {
  createIncident: 'servicenow',
  updateIncident: 'servicenow',
  createAlertGroup: 'oncall',
  moveAlertGroup: 'oncall',
  refresh: 'oncall',
};

/** Runs one command; never throws for an activity failure (it becomes a `writeFailed` result). */
export async function runCommand(command: PairCommand, integrationId: string, taskQueue?: string): Promise<PairResult> {
  try {
    return await execute(command, integrationId, proxies(taskQueue));
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const cause = error.cause;
    const type = cause instanceof ApplicationFailure && cause.type ? cause.type : 'activity_failed';
    const message = cause?.message ?? error.message;
    log.warn('pair activity failed', { integrationId, command: command.kind, type });
    return { source: 'bridge', kind: 'writeFailed', side: SIDE[command.kind], command: command.kind, type, message };
  }
}

async function execute(command: PairCommand, integrationId: string, acts: Proxies): Promise<PairResult> {
  switch (command.kind) {
    case 'createIncident': {
      const { correlationId, fields } = command;
      const incident = await acts.serviceNow.createIncident({ integrationId, correlationId, fields });
      return { source: 'bridge', kind: 'incidentWritten', incident, created: true };
    }
    case 'updateIncident': {
      const incident = await acts.serviceNow.updateIncident({
        integrationId,
        sysId: command.sysId,
        fields: command.fields,
      });
      return { source: 'bridge', kind: 'incidentWritten', incident, created: false };
    }
    case 'createAlertGroup':
      await acts.onCall.createAlertGroup({ integrationId, inboundUrl: command.inboundUrl, payload: command.payload });
      return { source: 'bridge', kind: 'alertSent' };
    case 'moveAlertGroup': {
      const { alertGroupId, target } = command;
      const moved = await acts.onCall.moveAlertGroup({ integrationId, alertGroupId, target });
      return { source: 'bridge', kind: 'alertGroupMoved', ...moved };
    }
    case 'refresh':
      return refresh(command, integrationId, acts);
  }
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
  };
}
