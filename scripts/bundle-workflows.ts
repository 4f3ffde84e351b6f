/**
 * `npm run build:workflows`: bundles the workflow code for the worker role into lib/workflow-bundle.js, and
 * again with the OpenTelemetry workflow interceptors into lib/workflow-bundle-traced.js (used when traces
 * are on; the interceptors cost CPU in every workflow task, so the untraced bundle has none).
 */
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { TRACING_WORKFLOW_INTERCEPTORS } from '../src/observability/temporal-tracing';
import { TRACED_WORKFLOW_BUNDLE_PATH, WORKFLOW_BUNDLE_PATH } from '../src/temporal/workflow-bundle';

async function bundle(path: string, workflowInterceptorModules: string[]): Promise<void> {
  const started = Date.now();
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    workflowInterceptorModules,
    logger: new DefaultLogger('WARN'),
  });
  writeFileSync(path, code);
  process.stdout.write(`workflow bundle written to ${path} in ${Date.now() - started} ms\n`);
}

async function main(): Promise<void> {
  await bundle(WORKFLOW_BUNDLE_PATH, []);
  await bundle(TRACED_WORKFLOW_BUNDLE_PATH, [TRACING_WORKFLOW_INTERCEPTORS]);
}

main().catch((error: unknown) => {
  process.stderr.write(`bundling the workflows failed: ${String(error)}\n`);
  process.exit(1);
});
