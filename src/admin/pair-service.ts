/**
 * Pairs for operators: the list comes from the visibility store (search attributes, eventually
 * consistent), the detail from the pair workflow's query. Each carries a link to the pair in the Web UI.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { parsePairWorkflowId } from '../../workflows/ids';
import { getPairQuery, type PairView } from '../../workflows/messages';
import {
  AlertGroupIdKey,
  IncidentNumberKey,
  IncidentSysIdKey,
  IntegrationIdKey,
  OnCallStateKey,
  PairOriginKey,
  ServiceNowStateKey,
} from '../../workflows/search-attributes';
import { ApiError } from '../http/errors';
import type { PairSummary } from './answers';

export interface PairServiceDeps {
  client: Client;
  namespace: string;
  uiUrl: string | undefined;
}

export function createPairService({ client, namespace, uiUrl }: PairServiceDeps) {
  const linkTo = (workflowId: string) =>
    uiUrl ? `${uiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}` : null;

  function summarize(info: WorkflowExecutionInfo): PairSummary | undefined {
    const key = parsePairWorkflowId(info.workflowId);
    if (!key) return undefined;
    const attrs = info.typedSearchAttributes;
    return {
      pairId: info.workflowId,
      integrationId: key.integrationId,
      alertGroupId: attrs.get(AlertGroupIdKey) ?? null,
      incidentSysId: attrs.get(IncidentSysIdKey) ?? null,
      incidentNumber: attrs.get(IncidentNumberKey) ?? null,
      oncallState: attrs.get(OnCallStateKey) ?? null,
      servicenowState: attrs.get(ServiceNowStateKey) ?? null,
      origin: (attrs.get(PairOriginKey) as 'oncall' | 'servicenow' | undefined) ?? key.origin,
      title: typeof info.memo?.title === 'string' ? info.memo.title : null,
      status: info.status.name,
      updatedAt: (info.closeTime ?? info.executionTime ?? info.startTime).toISOString(),
      temporalUrl: linkTo(info.workflowId),
    };
  }

  return {
    async list(
      integrationId: string,
      filter: { state?: string; search?: string; limit: number },
    ): Promise<PairSummary[]> {
      const clauses = [`${IntegrationIdKey.name} = ${quote(integrationId)}`, `WorkflowType = 'pairWorkflow'`];
      if (filter.state) clauses.push(`${OnCallStateKey.name} = ${quote(filter.state)}`);
      if (filter.search) {
        const value = quote(filter.search);
        clauses.push(`(${IncidentNumberKey.name} = ${value} OR ${AlertGroupIdKey.name} = ${value})`);
      }
      // One pair can have several runs (a done pair restarts on a late event): keep the newest per id.
      const seen = new Map<string, PairSummary>();
      for await (const info of client.workflow.list({
        query: clauses.join(' AND '),
        pageSize: Math.min(filter.limit, 100),
      })) {
        const summary = summarize(info);
        if (summary && !seen.has(summary.pairId)) seen.set(summary.pairId, summary);
        if (seen.size >= filter.limit) break;
      }
      return [...seen.values()];
    },

    async get(pairId: string): Promise<PairView & { pairId: string; temporalUrl: string | null }> {
      if (!parsePairWorkflowId(pairId)) throw new ApiError(404, 'not_found', `No pair ${pairId}`);
      try {
        const view = await client.workflow.getHandle(pairId).query(getPairQuery);
        return { pairId, ...view, temporalUrl: linkTo(pairId) };
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) throw new ApiError(404, 'not_found', `No pair ${pairId}`);
        throw error;
      }
    },
  };
}

export type PairService = ReturnType<typeof createPairService>;

/** A List Filter string literal; ids here are validated, but quote defensively anyway. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
