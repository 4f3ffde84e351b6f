/** The worker's `workflowsPath` target: every workflow the bridge registers, by name. */
export { pairWorkflow } from './pair';
export { integrationWorkflow } from './integration';
export { setupIntegrationWorkflow } from './setup';
export { adminTaskWorkflow } from './admin-task';
export { reconcileWorkflow } from './reconcile';
