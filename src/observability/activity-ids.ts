import { Context } from '@temporalio/activity';
import { parseIntegrationWorkflowId, parsePairWorkflowId } from '../../workflows/ids';

export interface ActivityIds {
  activityType?: string;
  integrationId?: string;
  pairId?: string;
}

/**
 * The ids of the activity running in the current async context, for a line about what it does: its type,
 * and the integration and pair its workflow stands for. Empty outside an activity.
 */
export function currentActivityIds(): ActivityIds {
  let info;
  try {
    info = Context.current().info;
  } catch {
    return {};
  }
  const workflowId = info.workflowExecution?.workflowId ?? '';
  const pair = parsePairWorkflowId(workflowId);
  if (pair) return { activityType: info.activityType, integrationId: pair.integrationId, pairId: workflowId };
  const integrationId = parseIntegrationWorkflowId(workflowId);
  return integrationId ? { activityType: info.activityType, integrationId } : { activityType: info.activityType };
}
