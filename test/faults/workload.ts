/**
 * One burst of a fault case: half the pairs born in OnCall, half in ServiceNow, then a person acknowledges
 * every alert group in OnCall and resolves every incident in ServiceNow, except every fifth pair, which gets
 * a note on each side (bridge.md §9) and is resolved in OnCall: a work note in ServiceNow, then a
 * resolution note written just before the resolve (the event that carries it). Hooks let a case inject its
 * fault in the middle of a phase. People retry a refused click (429/503), as people do.
 */
import type { FaultRig } from './rig';
import { SN_HUMAN } from '../helpers/e2e';
import { waitFor } from '../helpers/wait';

export interface CaseIntegration {
  id: string;
  oncallIntegrationId: string;
  inboundUrl: string;
}

export interface BurstPairs {
  /** Alert groups born in OnCall. */
  groups: string[];
  /** Incidents (`sys_id`) born in ServiceNow. */
  incidents: string[];
  /** Changes made by people: creations, acknowledges, resolves and notes. */
  events: number;
  /** Alert groups and incidents that got a person's note (one each side of the same pairs). */
  notedGroups: string[];
  notedIncidents: string[];
}

/** Which pairs get notes: a share of the burst, enough to cross every fault. */
const NOTE_EVERY = 5;

export type Phase = 'births' | 'acks' | 'resolves';

export interface BurstOptions {
  pairs: number;
  tag: string;
  /** Called once half of a phase's changes are made. */
  midPhase?(phase: Phase): Promise<void>;
  /** Called while waiting for a phase to land (e.g. to run reconciliation). */
  whileWaiting?(): Promise<void>;
  timeoutMs?: number;
}

const PARALLEL = 32;

async function retrying(call: () => Promise<Response>): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await call();
    if ((res.status !== 429 && res.status !== 503) || attempt > 200) return res;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function inParallel<T>(items: T[], run: (item: T) => Promise<void>, half?: () => Promise<void>) {
  const mid = Math.floor(items.length / 2);
  for (let i = 0; i < items.length; i += PARALLEL) {
    await Promise.all(items.slice(i, i + PARALLEL).map(run));
    if (half && i < mid && i + PARALLEL >= mid) await half();
  }
}

export async function setUpCaseIntegration(rig: FaultRig, name: string): Promise<CaseIntegration> {
  const created = await rig.admin('POST', '/api/v1/integrations', {
    name,
    servicenow: { instanceUrl: rig.sn.url, username: 'grafana-oncall', password: 'sn-integration-pw-1' },
    oncall: { apiUrl: rig.oc.url, apiToken: rig.botKey },
    createDefaultWebhooks: true,
  });
  if (created.status !== 201) throw new Error(`setup failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const rule = await rig.admin('POST', `/api/v1/integrations/${id}/business-rule`);
  const installed = await fetch(`${rig.sn.url}/__emulator/business-rules`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...rule.body.rule, script: rule.body.script }),
  });
  if (installed.status !== 201) throw new Error(`rule refused: ${await installed.text()}`);
  const oncallIntegrationId = created.body.oncall.integrationId as string;
  const link = await fetch(`${rig.oc.url}/api/v1/integrations/${oncallIntegrationId}/`, {
    headers: { authorization: rig.humanKey },
  });
  return { id, oncallIntegrationId, inboundUrl: ((await link.json()) as { link: string }).link };
}

function incidentRows(rig: FaultRig) {
  return [...rig.sn.store.rows('incident').values()] as Record<string, string>[];
}

async function personIncident(rig: FaultRig, method: 'POST' | 'PATCH', route: string, fields: object) {
  const res = await fetch(`${rig.sn.url}/__emulator/incidents${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: SN_HUMAN.user_name, fields }),
  });
  if (res.status >= 300) throw new Error(`emulator refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { result: Record<string, string> }).result;
}

/** A person's POST to OnCall's public API with their own key. */
function oncallPerson(rig: FaultRig, route: string, body?: object): Promise<Response> {
  return fetch(`${rig.oc.url}/api/v1${route}`, {
    method: 'POST',
    headers: { authorization: rig.humanKey, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function births(rig: FaultRig, integration: CaseIntegration, options: BurstOptions) {
  const half = Math.floor(options.pairs / 2);
  const indexes = Array.from({ length: half }, (_, i) => i);
  const incidents: string[] = [];
  await inParallel(
    indexes,
    async (i) => {
      const alert = { alert_uid: `${options.tag}-${i}`, title: `${options.tag} alert ${i}`, state: 'alerting' };
      const post = () =>
        fetch(integration.inboundUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...alert, message: 'fault suite' }),
        });
      await retrying(post);
      const incident = await personIncident(rig, 'POST', '', { short_description: `${options.tag} incident ${i}` });
      incidents.push(incident.sys_id!);
    },
    () => options.midPhase?.('births') ?? Promise.resolve(),
  );
  const prefix = `${options.tag} alert `;
  const groups = await waitFor(
    () => {
      const found = rig.oc.alertGroups().filter((g) => g.title?.startsWith(prefix));
      return found.length === half ? found.map((g) => g.id) : undefined;
    },
    { what: 'every OnCall-born alert group', timeoutMs: 60_000 },
  );
  return { groups, incidents };
}

async function waitPhase(what: string, options: BurstOptions, done: () => boolean) {
  let last = Date.now();
  await waitFor(
    async () => {
      if (done()) return true;
      if (options.whileWaiting && Date.now() - last > 15_000) {
        last = Date.now();
        await options.whileWaiting();
      }
      return false;
    },
    { what, timeoutMs: options.timeoutMs ?? 240_000, intervalMs: 500 },
  );
}

/** Runs the burst to its end state on both sides; throws when a phase does not land in time. */
export async function runBurst(rig: FaultRig, integration: CaseIntegration, options: BurstOptions) {
  const { groups, incidents } = await births(rig, integration, options);
  const pairs: BurstPairs = { groups, incidents, events: 0, notedGroups: [], notedIncidents: [] };
  const sideOf = () => pairSides(rig, integration, pairs);
  await waitPhase('every pair born on both sides', options, () =>
    sideOf().every((p) => p.incidents.length >= 1 && p.groups.length >= 1),
  );
  const noted = sideOf().filter((_, i) => i % NOTE_EVERY === 0);
  pairs.notedGroups = noted.map((p) => p.groups[0]!.id);
  pairs.notedIncidents = noted.map((p) => p.incidents[0]!.sys_id!);
  const allGroups = () => sideOf().map((p) => p.groups[0]!.id);
  await inParallel(
    allGroups(),
    async (id) => {
      await retrying(() => oncallPerson(rig, `/alert_groups/${id}/acknowledge/`));
    },
    () => options.midPhase?.('acks') ?? Promise.resolve(),
  );
  await waitPhase('every incident In Progress', options, () =>
    sideOf().every((p) => p.incidents.every((i) => i.state === '2')),
  );
  // The noted pairs are resolved in OnCall, where OnCall asks for a resolution note: the note is written
  // just before the resolve that carries it (an acknowledge reads no notes), and their work note goes in
  // an update of its own. The others are resolved in ServiceNow.
  await inParallel(
    sideOf().map((p) => ({ sysId: p.incidents[0]!.sys_id!, groupId: p.groups[0]!.id })),
    async ({ sysId, groupId }) => {
      if (!pairs.notedIncidents.includes(sysId)) {
        const fields = { state: '6', close_code: 'Solution provided', close_notes: 'fixed' };
        await personIncident(rig, 'PATCH', `/${sysId}`, fields);
        return;
      }
      await personIncident(rig, 'PATCH', `/${sysId}`, { work_notes: `${options.tag} note on ${sysId}` });
      const text = `${options.tag} note on ${groupId}`;
      await retrying(() => oncallPerson(rig, '/resolution_notes/', { alert_group_id: groupId, text }));
      await retrying(() => oncallPerson(rig, `/alert_groups/${groupId}/resolve/`));
    },
    () => options.midPhase?.('resolves') ?? Promise.resolve(),
  );
  await waitPhase(
    'every pair resolved on both sides and every note carried',
    options,
    () =>
      sideOf().every((p) => p.groups.every((g) => g.state === 'resolved')) &&
      sideOf().every((p) => p.incidents.every((i) => i.state === '6')) &&
      pairs.notedGroups.every((id) => bridgeNotes(rig, id).length > 0) &&
      pairs.notedIncidents.every((sysId) => bridgeJournal(rig, sysId).length > 0),
  );
  pairs.events = groups.length * 3 + incidents.length * 3 + pairs.notedGroups.length * 2;
  return pairs;
}

/** Journal entries the bridge wrote on an incident (OnCall notes carried over). */
export function bridgeJournal(rig: FaultRig, sysId: string): Record<string, string>[] {
  return ([...rig.sn.store.rows('sys_journal_field').values()] as Record<string, string>[]).filter(
    (row) => row.element_id === sysId && row.sys_created_by === 'grafana-oncall',
  );
}

/** Resolution notes the bridge wrote on an alert group (ServiceNow journal entries carried over). */
export function bridgeNotes(rig: FaultRig, alertGroupId: string) {
  return rig.oc
    .resolutionNotes()
    .filter((note) => note.alert_group_id === alertGroupId && note.text.includes('[ServiceNow journal entry '));
}

export interface PairSides {
  origin: 'oncall' | 'servicenow';
  incidents: Record<string, string>[];
  groups: { id: string; state: string }[];
}

/** Both sides of every pair of the burst, found by the markers the bridge writes. */
export function pairSides(
  rig: FaultRig,
  integration: CaseIntegration,
  pairs: Pick<BurstPairs, 'groups' | 'incidents'>,
) {
  const rows = incidentRows(rig);
  const groups = rig.oc.alertGroups().filter((g) => g.integration_id === integration.oncallIntegrationId);
  const uidOf = (g: (typeof groups)[number]) =>
    (g.last_alert?.payload as { alert_uid?: string } | undefined)?.alert_uid;
  const fromOnCall = pairs.groups.map((id) => ({
    origin: 'oncall' as const,
    incidents: rows.filter((r) => r.correlation_id === `oncall:${id}`),
    groups: groups.filter((g) => g.id === id).map((g) => ({ id: g.id, state: g.state })),
  }));
  const fromServiceNow = pairs.incidents.map((sysId) => ({
    origin: 'servicenow' as const,
    incidents: rows.filter((r) => r.sys_id === sysId),
    groups: groups.filter((g) => uidOf(g) === `servicenow:${sysId}`).map((g) => ({ id: g.id, state: g.state })),
  }));
  return [...fromOnCall, ...fromServiceNow];
}
