/**
 * Notes in reconciliation (bridge.md §9): a person's note whose signal was lost still crosses, at a
 * bounded cost. ServiceNow: a journal entry updates its incident, so only the incidents the scan found
 * updated since its watermark can have one; their entries are read in one call per page. OnCall sends
 * nothing for notes: the notes of scanned groups someone worked on (not firing) whose pair is still open
 * are read, at most `NOTE_READS_PER_SCAN` groups per scan. A pair is told only when it has not carried a person's note, by a
 * nudge whose de-duplication key names the newest such note, so repeated runs add nothing.
 */
import type { AlertGroup, OnCallClient } from '../src/integrations/oncall/types';
import type { Incident, JournalElement, ServiceNowClient } from '../src/integrations/servicenow/types';
import { incidentEvent } from '../src/sync/pair-events';
import { pairWorkflowId, type PairKey } from '../workflows/ids';
import type { PairView } from '../workflows/messages';
import { DEFAULT_NOTES, isCanceledState, isClosedState, type PairSettings } from '../workflows/settings';
import { allNotes, isBridges } from './notes';
import { currentStateEvent, groupPairKey, incidentPairKey, type Judgement, type PairMarks } from './reconcile-events';

/** Groups whose notes one alert-group scan reads: OnCall's rate limit is per user and shared. */
export const NOTE_READS_PER_SCAN = 50;

export interface NotesPairs {
  marks(keys: PairKey[]): Promise<Map<string, PairMarks | null>>;
  view(key: PairKey): Promise<{ view: PairView } | undefined>;
}

/** Each scanned item with the judgement of its pair, for judgements of the given verdicts. */
function paired<T>(items: T[], keyOf: (item: T) => PairKey, judgements: Judgement[], verdicts: Judgement['verdict'][]) {
  const byPair = new Map(judgements.filter((j) => verdicts.includes(j.verdict)).map((j) => [pairWorkflowId(j.key), j]));
  return items.flatMap((item) => {
    const judgement = byPair.get(pairWorkflowId(keyOf(item)));
    return judgement ? [{ item, judgement }] : [];
  });
}

/** The pair's view when it is open and has not carried `ids` all (else undefined). */
async function openViewMissing(pairs: NotesPairs, key: PairKey, has: (view: PairView) => Set<string>) {
  const view = (await pairs.view(key))?.view;
  return view && !view.done ? has(view) : undefined;
}

/** Nudges (or adds a journal digest to the missed change of) each pair whose incident has an uncarried entry. */
export async function nudgeIncidentNotes(
  client: ServiceNowClient,
  incidents: Incident[],
  judgements: Judgement[],
  since: string,
  settings: PairSettings,
  pairs: NotesPairs,
): Promise<void> {
  const toOnCall = (settings.notes ?? DEFAULT_NOTES).toOnCall;
  if (toOnCall === 'off') return;
  const elements: JournalElement[] = toOnCall === 'both' ? ['work_notes', 'comments'] : [toOnCall];
  const keyOf = (incident: Incident) => incidentPairKey(incident, settings.integrationId);
  const scanned = paired(incidents, keyOf, judgements, ['inSync', 'missedChange']);
  if (scanned.length === 0) return;
  const entries = await client.listJournalEntriesSince(
    scanned.map(({ item }) => item.sys_id),
    elements,
    since,
  );
  const persons = entries.filter((e) => !isBridges(e.createdBy === settings.serviceNowUsername, e.text));
  for (const { item: incident, judgement } of scanned) {
    const own = persons.filter((e) => e.incidentSysId === incident.sys_id);
    if (own.length === 0) continue;
    const carried = await openViewMissing(pairs, judgement.key, (v) => new Set(v.notes.map((n) => n.journalId)));
    const newest = carried && own.filter((e) => !carried.has(e.sysId)).at(-1);
    if (!newest) continue;
    const journalDigest = `journal:${newest.sysId}`;
    if (judgement.verdict === 'missedChange' && judgement.event?.source === 'servicenow') {
      judgement.event = { ...judgement.event, incident: { ...judgement.event.incident, journalDigest } };
      continue;
    }
    const nudge = incidentEvent(incident, 'update', settings, { via: 'reconciliation', journalDigest });
    if (nudge.kind !== 'routed') continue;
    judgement.verdict = 'notes';
    judgement.event = { ...nudge.event, key: `servicenow:${incident.sys_id}:notes:${newest.sysId}` };
  }
}

/**
 * Nudges each open pair, in sync by state, whose alert group has a person's note the pair has not carried.
 * `pass` counts the scan's completed passes over the groups: each pass reads a page's notes from a
 * different place, so a page with more open worked groups than the bound has all of them read in turn.
 */
export async function nudgeGroupNotes(
  client: OnCallClient,
  groups: AlertGroup[],
  judgements: Judgement[],
  settings: PairSettings,
  pairs: NotesPairs,
  pass: number,
): Promise<void> {
  if ((settings.notes ?? DEFAULT_NOTES).toServiceNow === 'off') return;
  const keyOf = (group: AlertGroup) => groupPairKey(group, settings.integrationId);
  const scanned = paired(groups.filter(worked), keyOf, judgements, ['inSync']);
  if (scanned.length === 0) return;
  // Visibility marks tell finished pairs without a query each; unreadable marks only cost note reads. A
  // pair in sync with a group not resolved cannot be finished, so only resolved groups' marks are asked.
  const resolved = scanned.filter(({ item }) => item.state === 'resolved');
  const marks =
    resolved.length === 0
      ? new Map<string, PairMarks | null>()
      : await pairs
          .marks(resolved.map(({ judgement }) => judgement.key))
          .catch(() => new Map<string, PairMarks | null>());
  const open = scanned.filter(({ judgement }) => !isFinished(marks.get(pairWorkflowId(judgement.key)), settings));
  for (const { item: group, judgement } of rotatingWindow(open, pass, NOTE_READS_PER_SCAN)) {
    const notes = await allNotes(client, group.id);
    const persons = notes.filter(
      (n) => n.author !== null && !isBridges(n.author === settings.bridgeOnCallUserId, n.text),
    );
    if (persons.length === 0) continue;
    const carried = await openViewMissing(pairs, judgement.key, (v) => new Set(v.notes.map((n) => n.oncallNoteId)));
    const newest = carried && persons.filter((n) => !carried.has(n.id)).at(-1);
    const event = newest && currentStateEvent(group, settings);
    if (!newest || !event || event.source !== 'oncall') continue;
    judgement.verdict = 'notes';
    judgement.event = { ...event, key: `oncall:${group.id}:notes:${newest.id}`, notesNudge: true };
  }
}

/**
 * Someone has worked on the group: notes are written from the acknowledge on (issue 20's product rule, as
 * for events). A firing group's note, rare, is read with its next OnCall event other than an acknowledge,
 * or here once the group is acknowledged, silenced or resolved. Without this, a pass read the notes of
 * every open firing group (at 20,000 open pairs, a call per pair).
 */
function worked(group: AlertGroup): boolean {
  return group.state !== 'firing';
}

/** Both sides finished (resolved, and Closed or Canceled): the pair is done and reads no notes. */
function isFinished(marks: PairMarks | null | undefined, settings: PairSettings): boolean {
  const sn = marks?.servicenowState;
  if (!marks || marks.oncallState !== 'resolved' || !sn) return false;
  return isClosedState(settings, sn) || isCanceledState(settings, sn);
}

/** `size` items from `items` taken round, starting `pass` windows in (all of them when they fit). */
export function rotatingWindow<T>(items: T[], pass: number, size: number): T[] {
  if (items.length <= size) return items;
  const start = (pass * size) % items.length;
  return [...items.slice(start), ...items.slice(0, start)].slice(0, size);
}
