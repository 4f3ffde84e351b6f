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
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { TRACING_WORKFLOW_INTERCEPTORS } from '../../../src/observability/temporal-tracing';
import { workflowBundle } from '../../helpers/temporal';

const FIXTURES = path.resolve(__dirname, '../../fixtures/histories');
const NAMES = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

describe('recorded pair histories', () => {
  it('include the current and the earlier shapes', () => {
    expect(NAMES).toEqual(
      expect.arrayContaining([
        'oncall-born-lifecycle',
        'oncall-born-lifecycle.before-local-creates',
        'oncall-born-lifecycle.before-fields',
        'servicenow-born-lifecycle.before-fields',
        'oncall-born-lifecycle.fields',
      ]),
    );
  });

  it.each(NAMES)('replay deterministically: %s', async (name) => {
    const history = load(name);
    expect(history.events.length).toBeGreaterThan(5);
    await expect(
      Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `replay-${name}`),
    ).resolves.toBeUndefined();
  });

  // Histories of runs without traces, replayed by a worker that has them switched on (its pairs are the same).
  it.each(NAMES)('replay deterministically with the OpenTelemetry interceptors: %s', async (name) => {
    tracedBundle ??= bundleWorkflowCode({
      workflowsPath: require.resolve('../../../workflows'),
      workflowInterceptorModules: [TRACING_WORKFLOW_INTERCEPTORS],
      logger: new DefaultLogger('WARN'),
    });
    await expect(
      Worker.runReplayHistory({ workflowBundle: await tracedBundle }, load(name), `replay-traced-${name}`),
    ).resolves.toBeUndefined();
  });
});

let tracedBundle: ReturnType<typeof bundleWorkflowCode> | undefined;

function load(name: string): temporal.api.history.v1.History {
  // `historyFromJSON` of @temporalio/common 1.24 fails here (its protobufjs 8 differs from the proto
  // package's 7), so the JSON form `fetchHistory` serialises to is loaded with the proto type itself.
  const json = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;
  return temporal.api.history.v1.History.fromObject(json);
}
