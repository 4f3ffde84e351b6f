/**
 * The reconciliation activities: page through one system from the run's cursor, compare each item with
 * what its pair knows and deliver what it missed. Bounded by `limit` per run; the returned cursor is where
 * the next run continues. Re-running a scan is harmless: a delivered event is de-duplicated by its key
 * and judged by the pair's reducer, and an item already in sync is not delivered at all.
 */
import type { AlertGroup, ClassifyOnCallError, OnCallClient } from '../src/integrations/oncall/types';
import type { ClassifyServiceNowError, Incident, ServiceNowClient } from '../src/integrations/servicenow/types';
import { pairWorkflowId, type PairKey } from '../workflows/ids';
import type { PairView } from '../workflows/messages';
import type { PairEvent } from '../workflows/pair-types';
import {
  emptyCounts,
  type ReconcileActivities,
  type ReconcileCounts,
  type ReconcileCursor,
} from '../workflows/reconcile-types';
import type { ScanInput, ScanResult } from '../workflows/reconcile-types';
import { toPairSettings, type IntegrationSettings, type PairSettings } from '../workflows/settings';
import { extraConditionFields, routingFields } from '../src/sync/incident-filter';
import { translated } from './errors';
import {
  expectedGroupMarks,
  expectedIncidentMarks,
  groupPairKey,
  incidentPairKey,
  marksAgree,
  type ExpectedMarks,
  judgeGroup,
  judgeIncident,
  type Judgement,
  type PairMarks,
  type Verdict,
} from './reconcile-events';
import { nudgeGroupNotes, nudgeIncidentNotes } from './reconcile-notes';

/** Where the visibility calls a scan makes are counted. */
export interface VisibilityTally {
  visibilityCalls: number;
}

/** What reconciliation needs of Temporal: read a pair, and deliver an event the way the receiver does. */
export interface PairAccess {
  /**
   * The ids of those pairs that are running and whose search attributes show what is expected of them: a
   * count per batch of one side and state, no rows. A pair that completed, or a batch with any pair that
   * does not agree, is left out (then listed by `marks`).
   */
  confirmed(expected: { key: PairKey; marks: ExpectedMarks }[], tally?: VisibilityTally): Promise<Set<string>>;
  /**
   * The search-attribute marks of the pairs, by pair workflow id (`null`: visibility lists no run of it;
   * absent: it could not be asked): one list call per batch rather than a query per pair. A query of a pair that is not in the worker's cache replays
   * its history, so a scan that queried every pair evicted the pairs in use and replayed them all again.
   */
  marks(keys: PairKey[], tally?: VisibilityTally): Promise<Map<string, PairMarks | null>>;
  /** The pair's view, `undefined` when no workflow with that id ever ran (or it was removed). */
  view(key: PairKey): Promise<{ view: PairView } | undefined>;
  deliver(key: PairKey, event: PairEvent): Promise<void>;
}

export interface ReconcileDeps {
  settingsOf(integrationId: string): Promise<IntegrationSettings | undefined>;
  serviceNow(integrationId: string): Promise<ServiceNowClient>;
  onCall(integrationId: string): Promise<OnCallClient>;
  /** Decide what is retryable; a 429 retries after its `Retry-After`. */
  classifyServiceNow: ClassifyServiceNowError;
  classifyOnCall: ClassifyOnCallError;
  pairs: PairAccess;
  saveCursor(integrationId: string, cursor: ReconcileCursor): Promise<void>;
  /** Pairs queried at once. @default 8 */
  concurrency?: number;
  /** Alert groups per OnCall list call (OnCall allows up to 100). @default 100 */
  groupsPerPage?: number;
  /** Reports progress, so a scan on a worker that died is retried after the heartbeat timeout. */
  heartbeat?: () => void;
}

const GROUPS_PER_PAGE = 100;

const COUNTER: Record<Verdict, keyof ReconcileCounts> = {
  inSync: 'inSync',
  busy: 'busy',
  skipped: 'skipped',
  missedChange: 'missedChanges',
  orphan: 'orphansAdopted',
  notes: 'notesNudged',
};

export function createReconcileActivities(deps: ReconcileDeps): ReconcileActivities {
  const concurrency = deps.concurrency ?? 8;
  const beat = deps.heartbeat ?? (() => undefined);

  async function settle(items: Judgement[], counts: ReconcileCounts, existed: Map<string, boolean>) {
    await inBatches(items, concurrency, async (judgement) => {
      beat();
      counts[COUNTER[judgement.verdict]] += 1;
      if (!judgement.event) return;
      await deps.pairs.deliver(judgement.key, judgement.event);
      if (!existed.get(pairWorkflowId(judgement.key))) counts.pairsCreated += 1;
    });
  }

  async function judgeAll<T>(
    counts: ReconcileCounts,
    items: T[],
    judge: (item: T, view: PairView | undefined) => Judgement,
    keyOf: (item: T) => PairKey,
    expectedOf: (item: T) => ExpectedMarks,
  ) {
    const existed = new Map<string, boolean>();
    const judgements: Judgement[] = [];
    const expected = items.map((item) => ({ item, key: keyOf(item), marks: expectedOf(item) }));
    // Pairs a count confirms need no rows listed; the others' marks are listed. Either failing only costs
    // the queries it would have saved.
    const confirmed = await deps.pairs.confirmed(expected, counts).catch(() => new Set<string>());
    const unconfirmed = expected.filter(({ key }) => !confirmed.has(pairWorkflowId(key)));
    const marks = await deps.pairs
      .marks(
        unconfirmed.map(({ key }) => key),
        counts,
      )
      .catch(() => new Map<string, PairMarks | null>());
    await inBatches(expected, concurrency, async ({ item, key, marks: wanted }) => {
      beat();
      const id = pairWorkflowId(key);
      const known = marks.get(id);
      if (confirmed.has(id) || (known && marksAgree(wanted, known))) {
        existed.set(id, true);
        judgements.push({ verdict: 'inSync', key });
        return;
      }
      // No run of the pair is listed and the item is one the bridge leaves unpaired (its own records made
      // by something else, groups older than the integration): skipped without asking, as it would be
      // after the query, instead of a query per such item in every run (issue 20: 1,000 in a pass).
      const withoutPair = known === null ? judge(item, undefined) : undefined;
      if (withoutPair?.verdict === 'skipped') {
        existed.set(id, false);
        judgements.push(withoutPair);
        return;
      }
      let found: Awaited<ReturnType<PairAccess['view']>>;
      counts.pairsQueried += 1;
      try {
        found = await deps.pairs.view(key);
      } catch {
        // One pair that cannot answer now (its worker is catching up, a query timed out) must not fail
        // the whole scan: it is left for the next run.
        judgements.push({ verdict: 'busy', key });
        return;
      }
      existed.set(id, found !== undefined);
      // Still no pair: the judgement without one was made above.
      judgements.push(found === undefined && withoutPair ? withoutPair : judge(item, found?.view));
    });
    return { judgements, existed };
  }

  return {
    async reconcileIncidents({ integrationId, limit, cursor }: ScanInput): Promise<ScanResult> {
      const counts = emptyCounts();
      const settings = await deps.settingsOf(integrationId);
      if (!settings) return { counts, cursor, more: false, active: false };
      const pairSettings = toPairSettings(settings);
      const since = cursor.incidentsSince ?? toTableDateTime(settings.createdAt);
      const page = await translated(deps.classifyServiceNow, async () => {
        const client = await deps.serviceNow(integrationId);
        // The fields the Business Rule sends, so the incident filter decides here as it does on a webhook.
        const routing = routingFields(extraConditionFields(settings.incidentFilter ?? ''));
        return client.listIncidentsUpdatedSince(since, { offset: cursor.incidentsOffset, limit }, routing);
      });
      counts.incidentsScanned = page.incidents.length;
      const { judgements, existed } = await judgeAll(
        counts,
        page.incidents,
        (incident, view) => judgeIncident(incident, view, pairSettings),
        (incident) => incidentPairKey(incident, pairSettings.integrationId),
        expectedIncidentMarks,
      );
      await translated(deps.classifyServiceNow, async () =>
        nudgeIncidentNotes(
          await deps.serviceNow(integrationId),
          page.incidents,
          judgements,
          since,
          pairSettings,
          deps.pairs,
        ),
      );
      await settle(judgements, counts, existed);
      const next = advanceIncidents(cursor, since, page.incidents, page.nextOffset !== undefined);
      return { counts, cursor: next, more: page.nextOffset !== undefined, active: true };
    },

    async reconcileAlertGroups({ integrationId, limit, cursor }: ScanInput): Promise<ScanResult> {
      const counts = emptyCounts();
      const settings = await deps.settingsOf(integrationId);
      if (!settings) return { counts, cursor, more: false, active: false };
      const pairSettings = toPairSettings(settings);
      const { groups, groupPages, groupsDone, more } = await translated(deps.classifyOnCall, async () =>
        scanGroups(await deps.onCall(integrationId), coveredIntegrations(pairSettings), cursor, {
          limit,
          perpage: Math.min(deps.groupsPerPage ?? GROUPS_PER_PAGE, limit),
        }),
      );
      counts.groupsScanned = groups.length;
      const groupPasses = cursor.groupPasses ?? 0;
      const { judgements, existed } = await judgeAll(
        counts,
        groups,
        (group, view) => judgeGroup(group, view, pairSettings, settings.createdAt),
        (group) => groupPairKey(group, pairSettings.integrationId),
        expectedGroupMarks,
      );
      await translated(deps.classifyOnCall, async () =>
        nudgeGroupNotes(await deps.onCall(integrationId), groups, judgements, pairSettings, deps.pairs, groupPasses),
      );
      await settle(judgements, counts, existed);
      // A pass is complete when every covered integration's scan has wrapped to its first page.
      const next = { ...cursor, groupPages, groupsDone, groupPasses: more ? groupPasses : groupPasses + 1 };
      return { counts, cursor: next, more, active: true };
    },

    async saveReconcileCursor({ integrationId, cursor }) {
      await deps.saveCursor(integrationId, cursor);
    },
  };
}

/** `2026-12-01T10:00:00.000Z` → `2026-12-01 10:00:00`, the Table API's UTC date-time. */
export function toTableDateTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The next watermark: the newest `sys_updated_on` seen, scanned again from its start next time (a later
 * update moves an incident out of that second, so counting past its neighbours could skip one). Only a
 * full page (more follow) that lies entirely within the watermark's second (a burst bigger than the bound)
 * moves on by offset, so a crowded second cannot stall the scan; a last page within it starts that second
 * again from its start, because incidents updated later in the same second sort among those already seen.
 */
export function advanceIncidents(
  cursor: ReconcileCursor,
  since: string,
  incidents: Incident[],
  more = false,
): ReconcileCursor {
  const last = incidents.at(-1)?.sys_updated_on;
  if (last === undefined) return { ...cursor, incidentsSince: since, incidentsOffset: 0 };
  if (last === since && more) {
    return { ...cursor, incidentsSince: since, incidentsOffset: cursor.incidentsOffset + incidents.length };
  }
  return { ...cursor, incidentsSince: last, incidentsOffset: 0 };
}

function coveredIntegrations(settings: PairSettings): string[] {
  return [...new Set([settings.bridgeOnCallIntegrationId, ...Object.keys(settings.backsync)])];
}

/**
 * Up to `limit` groups across the covered integrations, each from its saved page and the groups of that
 * page already scanned; wraps after the last. A run whose bound falls inside a page goes on from there the
 * next time (scanning that page again from its start made every fourth group a repeat at 250 per run).
 */
async function scanGroups(
  client: OnCallClient,
  integrations: string[],
  cursor: ReconcileCursor,
  { limit, perpage }: { limit: number; perpage: number },
) {
  const groups: AlertGroup[] = [];
  const groupPages = { ...cursor.groupPages };
  const groupsDone: Record<string, number> = {};
  let more = false;
  for (const integrationId of integrations) {
    let page = groupPages[integrationId] ?? 1;
    let done = cursor.groupsDone?.[integrationId] ?? 0;
    while (groups.length < limit) {
      const found = await client.listAlertGroups({ integration_id: integrationId, page, perpage });
      const fresh = found.results.slice(done);
      const room = limit - groups.length;
      groups.push(...fresh.slice(0, room));
      if (fresh.length > room) {
        done += room;
        break;
      }
      done = 0;
      page = found.nextPage ?? 1;
      if (found.nextPage === undefined) break;
    }
    groupPages[integrationId] = page;
    if (done > 0) groupsDone[integrationId] = done;
    if (page !== 1 || done > 0) more = true;
  }
  return { groups, groupPages, groupsDone, more };
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}
