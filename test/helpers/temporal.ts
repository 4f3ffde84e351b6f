/**
 * Access to the run's shared dev server (started by global setup) and a workflow bundle built once per
 * test file, because bundling with webpack takes seconds.
 */
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

export function testServerAddress(): string {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: the jest global setup did not start a server');
  return address;
}

export async function connectTestEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({ address: testServerAddress() });
}

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** The product's workflows, or another workflows module (a test's own) when `workflowsPath` is given. */
export function workflowBundle(
  workflowsPath = path.resolve(__dirname, '../../workflows/index.ts'),
): Promise<WorkflowBundleWithSourceMap> {
  let bundle = bundles.get(workflowsPath);
  if (!bundle) {
    bundle = bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
    bundles.set(workflowsPath, bundle);
  }
  return bundle;
}
