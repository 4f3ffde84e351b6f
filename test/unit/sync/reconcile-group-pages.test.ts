/**
 * The alert-group scan's cursor against the OnCall emulator's real pagination: runs whose bound falls
 * inside a page go on from inside it, so a cycle of runs judges every group exactly once; and the notes
 * reads of a page, which turn from pass to pass.
 */
import { createReconcileActivities, type ReconcileDeps } from '../../../activities/reconcile';
import { rotatingWindow } from '../../../activities/reconcile-notes';
import type { OnCallEmulator } from '../../../src/emulators/oncall';
import { classifyOnCallError } from '../../../src/integrations/oncall';
import { classifyServiceNowError } from '../../../src/integrations/servicenow';
import { pairWorkflowId, type PairKey } from '../../../workflows/ids';
import type { PairEvent } from '../../../workflows/pair-types';
import { INITIAL_CURSOR, type ReconcileCursor, type ScanResult } from '../../../workflows/reconcile-types';
import { createGroup, setup } from '../../oncall/helpers';
import { integrationSettings } from './builders';

const GROUPS = 23;

/** Reconcile activities over the rig's OnCall integration alone, for an integration created at `createdAt`. */
function groupScan(
  rig: Awaited<ReturnType<typeof setup>>,
  createdAt: string,
  deps: Pick<ReconcileDeps, 'pairs' | 'groupsPerPage'>,
) {
  const settings = integrationSettings({
    oncall: { ...integrationSettings().oncall, integrationId: rig.integration.id },
    connections: [],
    createdAt,
  });
  const activities = createReconcileActivities({
    settingsOf: () => Promise.resolve(settings),
    serviceNow: () => Promise.reject(new Error('the group scan reads no incidents')),
    onCall: () => Promise.resolve(rig.client),
    classifyServiceNow: classifyServiceNowError,
    classifyOnCall: classifyOnCallError,
    saveCursor: () => Promise.resolve(),
    ...deps,
  });
  return { settings, activities };
}

describe('the alert-group scan of reconciliation', () => {
  let emulator: OnCallEmulator;
  let scan: (cursor: ReconcileCursor, limit: number) => Promise<ScanResult>;
  const delivered: { key: PairKey; event: PairEvent }[] = [];

  beforeAll(async () => {
    const rig = await setup();
    emulator = rig.emulator;
    for (let i = 0; i < GROUPS; i += 1) {
      await createGroup(emulator, rig.integration.link, { alert_uid: `a-${i}`, title: `alert ${i}` });
    }
    const { settings, activities } = groupScan(rig, '2026-01-01T00:00:00Z', {
      // No pair exists: every group is an orphan, delivered once per scan that judges it.
      pairs: {
        confirmed: () => Promise.resolve(new Set()),
        marks: () => Promise.resolve(new Map()),
        view: () => Promise.resolve(undefined),
        deliver: (key, event) => Promise.resolve(void delivered.push({ key, event })),
      },
      groupsPerPage: 5,
    });
    scan = (cursor, limit) => activities.reconcileAlertGroups({ integrationId: settings.id, limit, cursor });
  });

  afterAll(() => emulator.close());

  beforeEach(() => void delivered.splice(0));

  it('when the bound falls inside a page, then the next run goes on from inside it and a cycle judges each group once', async () => {
    const sizes: number[] = [];
    let cursor = INITIAL_CURSOR;
    for (let run = 0; run < 10; run += 1) {
      const result = await scan(cursor, 7);
      sizes.push(result.counts.groupsScanned);
      cursor = result.cursor;
      if (!result.more) break;
    }
    expect(sizes).toEqual([7, 7, 7, 2]);
    const ids = delivered.map(({ key }) => key.sourceId);
    expect(new Set(ids).size).toBe(GROUPS);
    expect(ids).toHaveLength(GROUPS);
    // The cycle is over: the cursor is back at the first page with nothing of it scanned.
    expect(Object.values(cursor.groupPages)).toEqual([1]);
    expect(cursor.groupsDone).toEqual({});
    expect(cursor.groupPasses).toBe(1);
  });

  it('when a cursor from before the offset was kept (no groupsDone), then the run starts at its page', async () => {
    const integrationId = Object.keys((await scan(INITIAL_CURSOR, 5)).cursor.groupPages)[0] ?? '';
    delivered.splice(0);
    const result = await scan({ ...INITIAL_CURSOR, groupPages: { [integrationId]: 5 } }, 7);
    // Page 5 of 5-group pages holds the oldest 3 groups; the scan then wraps and stops.
    expect(result.counts.groupsScanned).toBe(3);
    expect(result.more).toBe(false);
  });
});

describe('groups the bridge leaves unpaired (older than the integration)', () => {
  let rig: Awaited<ReturnType<typeof setup>>;

  beforeAll(async () => {
    rig = await setup();
    for (let i = 0; i < 4; i += 1) await createGroup(rig.emulator, rig.integration.link, { alert_uid: `old-${i}` });
  });

  afterAll(() => rig.emulator.close());

  /** A scan whose visibility lists each pair as `listed` says, counting the pairs it asks for their view. */
  async function scanWith(listed: 'no run' | 'not asked') {
    const viewed: PairKey[] = [];
    const { settings, activities } = groupScan(rig, '2100-01-01T00:00:00Z', {
      pairs: {
        confirmed: () => Promise.resolve(new Set()),
        marks: (keys) =>
          Promise.resolve(new Map(listed === 'no run' ? keys.map((key) => [pairWorkflowId(key), null]) : [])),
        view: (key) => Promise.resolve(void viewed.push(key)),
        deliver: () => Promise.reject(new Error('nothing is delivered for a skipped group')),
      },
    });
    const result = await activities.reconcileAlertGroups({
      integrationId: settings.id,
      limit: 10,
      cursor: INITIAL_CURSOR,
    });
    return { counts: result.counts, viewed };
  }

  it('when visibility lists no run of their pairs, then they are skipped without a query each', async () => {
    const { counts, viewed } = await scanWith('no run');
    expect(counts).toMatchObject({ groupsScanned: 4, skipped: 4, pairsQueried: 0 });
    expect(viewed).toHaveLength(0);
  });

  it('when visibility could not be asked, then each pair is queried before it is skipped', async () => {
    const { counts, viewed } = await scanWith('not asked');
    expect(counts).toMatchObject({ groupsScanned: 4, skipped: 4, pairsQueried: 4 });
    expect(viewed).toHaveLength(4);
  });
});

describe('which open worked groups of a page have their notes read', () => {
  const groups = Array.from({ length: 7 }, (_, i) => `g${i}`);

  it('when they fit the bound, then all are read every pass', () => {
    expect(rotatingWindow(groups, 3, 10)).toEqual(groups);
  });

  it('when there are more than the bound, then successive passes read all of them in turn', () => {
    const read = [0, 1, 2].map((pass) => rotatingWindow(groups, pass, 3));
    expect(read).toEqual([
      ['g0', 'g1', 'g2'],
      ['g3', 'g4', 'g5'],
      ['g6', 'g0', 'g1'],
    ]);
  });
});
