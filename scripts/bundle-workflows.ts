/** `npm run build:workflows`: bundles the workflow code into lib/workflow-bundle.js for the worker role. */
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_PATH } from '../src/temporal/workflow-bundle';

async function main(): Promise<void> {
  const started = Date.now();
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: new DefaultLogger('WARN'),
  });
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
  process.stdout.write(`workflow bundle written to ${WORKFLOW_BUNDLE_PATH} in ${Date.now() - started} ms\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bundling the workflows failed: ${String(error)}\n`);
  process.exit(1);
});
