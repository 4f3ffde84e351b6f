/**
 * The figures of one fault case, counted from the emulators' own logs and records: what people changed,
 * what the bridge wrote, and per pair whether both sides ended right, exactly once, with no write more
 * than the changes needed. Also the fixed-format summary line and the JSON the report script reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FaultRig } from './rig';
import { bridgeJournal, bridgeNotes, pairSides, type BurstPairs, type CaseIntegration } from './workload';

export interface CaseFigures {
  case: string;
  fault: string;
  pairs: number;
  /** Changes made by people (creations, acknowledges, resolves, notes). */
  events: number;
  /** Notes people wrote (both sides), and how many arrived on the other side exactly once. */
  notes: number;
  notesCarried: number;
  /** OnCall webhook attempts, and how many of them failed (timeout, refused, error status). */
  webhookAttempts: number;
  webhookFailures: number;
  /** Writes the bridge made (incident creates/updates, alert posts, alert group actions). */
  writes: number;
  /**
   * Writes the changes needed: 3 per pair (the far side created, In Progress written, the resolve carried)
   * and one per note. `lost` and `duplicated` count notes too (a note missing or carried twice).
   */
  expectedWrites: number;
  lost: number;
  /** Incidents beyond one per pair, alert groups beyond one per pair, alerts beyond one per alert group. */
  duplicated: number;
  /**
   * Incident state writes beyond the two each pair needs (by `sys_mod_count`), OnCall actions beyond one
   * per group, and the bridge's incident writes (creates and updates, no-ops included) beyond what each
   * incident needs: a create and In Progress for an OnCall-born pair, In Progress for a ServiceNow-born one,
   * and the Resolved of a pair resolved in OnCall.
   */
  extraStateWrites: number;
  /** Of `duplicated`: alerts beyond one per alert group (a re-posted ServiceNow-born alert). */
  extraAlerts: number;
  /** Of `extraStateWrites`: the bridge's incident writes beyond what each incident needs. */
  extraIncidentWrites: number;
  /** What reconciliation repaired during the case (missed changes + adopted orphans). */
  repaired: number;
  seconds: number;
}

/** Where each log stood when the case began, so a case counts only its own requests. */
export interface LogMarks {
  sn: number;
  oc: number;
  deliveries: number;
}

type Logged = { method: string; path: string; user: string | null; status: number | null; body: any };

async function requests(url: string): Promise<Logged[]> {
  return (await (await fetch(`${url}/__emulator/requests`)).json()) as Logged[];
}

export async function markLogs(rig: FaultRig): Promise<LogMarks> {
  return {
    sn: (await requests(rig.sn.url)).length,
    oc: (await requests(rig.oc.url)).length,
    deliveries: rig.oc.deliveries().length,
  };
}

const ok = (r: Logged) => r.status !== null && r.status >= 200 && r.status < 300;
const ACTION =
  /^(?:\/api\/v1)?\/alert_groups\/([^/]+)\/(acknowledge|unacknowledge|resolve|unresolve|silence|unsilence)\/?$/;

export async function tally(
  rig: FaultRig,
  integration: CaseIntegration,
  pairs: BurstPairs,
  marks: LogMarks,
  meta: { case: string; fault: string; repaired: number; seconds: number },
): Promise<CaseFigures> {
  const sn = (await requests(rig.sn.url)).slice(marks.sn);
  const oc = (await requests(rig.oc.url)).slice(marks.oc);
  const deliveries = rig.oc.deliveries().slice(marks.deliveries);
  const snWrites = sn.filter(
    (r) => ok(r) && r.user === 'grafana-oncall' && r.method !== 'GET' && r.path.startsWith('/api/now/table/incident'),
  );
  const actions = oc.filter((r) => ok(r) && r.method === 'POST' && r.user === 'bridge-bot' && ACTION.test(r.path));
  const alertPosts = oc.filter(
    (r) => ok(r) && r.method === 'POST' && String(r.body?.alert_uid ?? '').startsWith('servicenow:'),
  );
  const notePosts = oc.filter(
    (r) => ok(r) && r.method === 'POST' && r.user === 'bridge-bot' && /resolution_notes\/?$/.test(r.path),
  );
  const sides = pairSides(rig, integration, pairs);
  const alertsOf = new Map(rig.oc.alertGroups().map((g) => [g.id, g.alerts_count]));
  const writesOf = (incident: Record<string, string>) =>
    snWrites.filter(
      (r) =>
        r.path.endsWith(`/${incident.sys_id}`) ||
        (r.method === 'POST' && r.body?.correlation_id && r.body.correlation_id === incident.correlation_id),
    ).length;
  let lost = 0;
  let duplicated = 0;
  let extra = 0;
  let extraAlerts = 0;
  let extraIncidentWrites = 0;
  // Every note a person wrote arrives once on the other side; nothing arrives where nobody wrote one.
  const notedIncidents = new Set(pairs.notedIncidents);
  const notedGroups = new Set(pairs.notedGroups);
  let notesCarried = 0;
  const countNotes = (carried: number, expected: boolean) => {
    if (expected && carried === 0) lost += 1;
    if (carried === 1 && expected) notesCarried += 1;
    duplicated += Math.max(0, carried - (expected ? 1 : 0));
  };
  for (const side of sides) {
    const done =
      side.incidents.length > 0 &&
      side.groups.length > 0 &&
      side.incidents.every((i) => i.state === '6') &&
      side.groups.every((g) => g.state === 'resolved');
    if (!done) lost += 1;
    duplicated += Math.max(0, side.incidents.length - 1) + Math.max(0, side.groups.length - 1);
    // Per pair: the incident is updated twice (the bridge's In Progress, the Resolved); a no-op write does
    // not bump sys_mod_count, so anything above 2 is a write that changed something extra. A carried
    // OnCall note is one more write on its incident; a noted pair's person wrote its work note in an update
    // of its own, and its Resolved is the bridge's (the pair was resolved in OnCall).
    const noteWrites = (incident: Record<string, string>) => Math.min(1, bridgeJournal(rig, incident.sys_id!).length);
    const resolvedInOnCall = side.incidents.some((incident) => notedIncidents.has(incident.sys_id!));
    for (const incident of side.incidents) {
      countNotes(bridgeJournal(rig, incident.sys_id!).length, notedIncidents.has(incident.sys_id!));
      extra += Math.max(0, Number(incident.sys_mod_count) - 2 - noteWrites(incident) - (resolvedInOnCall ? 1 : 0));
    }
    for (const group of side.groups) countNotes(bridgeNotes(rig, group.id).length, notedGroups.has(group.id));
    for (const group of side.groups) extraAlerts += Math.max(0, (alertsOf.get(group.id) ?? 1) - 1);
    const needed = (side.origin === 'oncall' ? 2 : 1) + (resolvedInOnCall ? 1 : 0);
    for (const incident of side.incidents) {
      extraIncidentWrites += Math.max(0, writesOf(incident) - needed - noteWrites(incident));
    }
    for (const group of side.groups) {
      const moves = actions.filter((r) => ACTION.exec(r.path)?.[1] === group.id).length;
      extra += Math.max(0, moves - 1);
    }
  }
  return {
    case: meta.case,
    fault: meta.fault,
    pairs: sides.length,
    events: pairs.events,
    notes: notedIncidents.size + notedGroups.size,
    notesCarried,
    webhookAttempts: deliveries.length,
    webhookFailures: deliveries.filter((d) => d.status === undefined || d.status >= 300).length,
    writes: snWrites.length + actions.length + alertPosts.length + notePosts.length,
    // Each pair: one creation on the far side, one In Progress write to ServiceNow, one resolve on the far side.
    expectedWrites: sides.length * 3 + notedIncidents.size + notedGroups.size,
    lost,
    duplicated: duplicated + extraAlerts,
    extraStateWrites: extra + extraIncidentWrites,
    extraAlerts,
    extraIncidentWrites,
    repaired: meta.repaired,
    seconds: meta.seconds,
  };
}

export function summaryLine(f: CaseFigures): string {
  return (
    `FAULTS case=${f.case} pairs=${f.pairs} events=${f.events} notes=${f.notes} notesCarried=${f.notesCarried} ` +
    `webhooks=${f.webhookAttempts} ` +
    `webhookFailures=${f.webhookFailures} writes=${f.writes} expectedWrites=${f.expectedWrites} ` +
    `lost=${f.lost} duplicated=${f.duplicated} extraAlerts=${f.extraAlerts} ` +
    `extraStateWrites=${f.extraStateWrites} extraIncidentWrites=${f.extraIncidentWrites} ` +
    `repaired=${f.repaired} seconds=${f.seconds}`
  );
}

export const RESULTS_FILE = path.resolve(__dirname, 'results/latest.json');

/**
 * Only a run of every case replaces `latest.json` (the report's source); a partial run (`-t`, a failure)
 * goes to a file of its own, ignored by git.
 */
export function writeResults(figures: CaseFigures[], complete: boolean): string {
  const file = complete ? RESULTS_FILE : path.join(path.dirname(RESULTS_FILE), `partial-${Date.now()}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  const run = { generatedAt: new Date().toISOString(), cases: figures };
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}
