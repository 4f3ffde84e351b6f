import { Router } from 'express';

export interface Readiness {
  /** Temporal answers. */
  temporal(): Promise<boolean>;
  /** The worker of this process polls, or `undefined` when this process runs no worker. */
  worker?(): boolean;
}

/** `GET /healthz` while the process runs; `GET /readyz` when Temporal answers and our worker polls (§4.1). */
export function createHealthRouter(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const temporal = await readiness.temporal();
    const worker = readiness.worker ? readiness.worker() : undefined;
    const ready = temporal && worker !== false;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      checks: {
        temporal: temporal ? 'ok' : 'unreachable',
        ...(worker === undefined ? {} : { worker: worker ? 'polling' : 'not_polling' }),
      },
    });
  });
  return router;
}
