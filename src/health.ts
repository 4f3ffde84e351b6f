import { Router } from 'express';

export interface Readiness {
  /** Temporal answers. */
  temporal(): Promise<boolean>;
  /** The worker of this process polls, or `undefined` when this process runs no worker. */
  worker?(): boolean;
  /** The namespace and the search attributes pairs need exist (src/temporal/prerequisites.ts). */
  prerequisites?(): Promise<boolean>;
}

/**
 * `GET /healthz` while the process runs; `GET /readyz` when Temporal answers, has the namespace and search
 * attributes the pairs need, and our worker polls (§4.1).
 */
export function createHealthRouter(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const temporal = await readiness.temporal();
    const worker = readiness.worker ? readiness.worker() : undefined;
    const prerequisites = temporal && readiness.prerequisites ? await readiness.prerequisites() : undefined;
    const ready = temporal && worker !== false && prerequisites !== false;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      checks: {
        temporal: temporal ? 'ok' : 'unreachable',
        ...(prerequisites === undefined ? {} : { prerequisites: prerequisites ? 'ok' : 'missing' }),
        ...(worker === undefined ? {} : { worker: worker ? 'polling' : 'not_polling' }),
      },
    });
  });
  return router;
}
