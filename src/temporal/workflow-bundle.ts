/**
 * The workflow code bundled once at build time (`npm run build:workflows`, run by `start:worker` and the
 * Dockerfile), so a worker does not spend 7-21 s of CPU on webpack at every start, which on two cores also
 * slowed the HTTP role next to it past OnCall's 4 s webhook timeout. The all-in-one and the tests bundle
 * at start, from the sources as they are.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** lib/workflow-bundle.js, beside lib/src and lib/workflows. */
export const WORKFLOW_BUNDLE_PATH = path.resolve(__dirname, '../../workflow-bundle.js');
/** The same code with the OpenTelemetry workflow interceptors inside, for a worker with traces on. */
export const TRACED_WORKFLOW_BUNDLE_PATH = path.resolve(__dirname, '../../workflow-bundle-traced.js');
const COMPILED_WORKFLOWS = path.resolve(__dirname, '../../workflows');

/**
 * The bundle, unless it is missing or older than a compiled workflow file (a `npm run build` after
 * changing the workflows without `build:workflows`): running stale workflow code would break replay.
 */
export function prebuiltWorkflowBundle(traced = false): { codePath: string } | undefined {
  const bundle = traced ? TRACED_WORKFLOW_BUNDLE_PATH : WORKFLOW_BUNDLE_PATH;
  if (!existsSync(bundle)) return undefined;
  const bundledAt = statSync(bundle).mtimeMs;
  const stale = readdirSync(COMPILED_WORKFLOWS)
    .filter((name) => name.endsWith('.js'))
    .some((name) => statSync(path.join(COMPILED_WORKFLOWS, name)).mtimeMs > bundledAt);
  return stale ? undefined : { codePath: bundle };
}
