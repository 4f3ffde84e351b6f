/**
 * What an operator reads in the Temporal Web UI to know which pair a workflow is, without opening its input:
 * a one-line summary set when the pair starts (the list's and the detail page's "Summary"; fixed for the
 * run, so it names what the first event knew) and details the pair keeps current (the detail page's
 * "Current details": both sides once both exist). Plain text only, never a secret.
 */
import type { PairEvent, PairState } from './pair-types';

const MAX_TITLE = 120;

export interface PairSummaryFacts {
  incidentNumber: string | null;
  alertGroupId: string | null;
  title: string | null;
}

/** `INC0010001 · alert group IABC · Disk full on db-1`, leaving out what is not known yet. */
export function pairSummary(facts: PairSummaryFacts): string {
  const title = facts.title && facts.title.length > MAX_TITLE ? `${facts.title.slice(0, MAX_TITLE - 1)}…` : facts.title;
  return [facts.incidentNumber, facts.alertGroupId && `alert group ${facts.alertGroupId}`, title]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
}

/** The summary the first event of a pair can give (the pair starter sets it as the run's static summary). */
export function summaryOfEvent(event: PairEvent): string {
  return event.source === 'oncall'
    ? pairSummary({ incidentNumber: null, alertGroupId: event.alertGroup.id, title: event.alertGroup.title })
    : pairSummary({
        incidentNumber: event.incident.number,
        alertGroupId: null,
        title: event.incident.shortDescription,
      });
}

/** Markdown for the detail page: both sides, their states, and the title. */
export function currentDetails(state: PairState): string {
  const rows = [
    `**${pairSummary({ incidentNumber: state.servicenow.number, alertGroupId: state.oncall.alertGroupId, title: state.title })}**`,
    '',
    `- ServiceNow incident: ${state.servicenow.number ?? '(not yet)'}${state.servicenow.state ? ` (state ${state.servicenow.state})` : ''}`,
    `- OnCall alert group: ${state.oncall.alertGroupId ?? '(not yet)'}${state.oncall.state ? ` (${state.oncall.state})` : ''}`,
    `- Integration: ${state.key.integrationId}, born in ${state.key.origin === 'oncall' ? 'OnCall' : 'ServiceNow'}`,
  ];
  return rows.join('\n');
}
