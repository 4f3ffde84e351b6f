/**
 * Replays committed pair histories against the current workflow code: a change that alters the commands
 * a recorded run issued fails here (guard such changes with `patched()`). Re-record the fixtures with
 * `RECORD_HISTORIES=1 npx jest test/workflows/pair-replay.test.ts` (then `npx prettier --write
 * test/fixtures/histories`) when a change is deliberate, keeping the old ones under another name: running
 * pairs still have histories of that shape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../helpers/temporal';

const FIXTURES = path.resolve(__dirname, '../../fixtures/histories');
const NAMES = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

describe('recorded pair histories', () => {
  it('include the current and the earlier shapes', () => {
    expect(NAMES).toEqual(
      expect.arrayContaining(['oncall-born-lifecycle', 'oncall-born-lifecycle.before-local-creates']),
    );
  });

  it.each(NAMES)('replay deterministically: %s', async (name) => {
    // `historyFromJSON` of @temporalio/common 1.24 fails here (its protobufjs 8 differs from the proto
    // package's 7), so the JSON form `fetchHistory` serialises to is loaded with the proto type itself.
    const json = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;
    const history = temporal.api.history.v1.History.fromObject(json);
    expect(history.events.length).toBeGreaterThan(5);
    await expect(
      Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `replay-${name}`),
    ).resolves.toBeUndefined();
  });
});
