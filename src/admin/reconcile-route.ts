/**
 * `POST /api/v1/integrations/:id/reconcile`: runs the integration's reconciliation now (from its
 * Schedule's watermark) and answers with the run's result, the counts of what it found and repaired.
 */
import { Router } from 'express';
import type { ReconcileResult } from '../../workflows/reconcile-types';
import { isValidId } from '../../workflows/ids';
import { ApiError } from '../http/errors';
import { requireAdminToken } from './auth';

export interface ReconcileRouteDeps {
  adminToken: string;
  /** Whether an active integration with this id exists. */
  exists(integrationId: string): Promise<boolean>;
  runNow(integrationId: string): Promise<ReconcileResult>;
}

export function createReconcileRouter(deps: ReconcileRouteDeps): Router {
  const router = Router();
  router.post('/api/v1/integrations/:id/reconcile', requireAdminToken(deps.adminToken), async (req, res) => {
    const id = typeof req.params.id === 'string' ? req.params.id : '';
    if (!isValidId(id) || !(await deps.exists(id))) {
      throw new ApiError(404, 'not_found', `No integration ${id}`);
    }
    res.json(await deps.runNow(id));
  });
  return router;
}
