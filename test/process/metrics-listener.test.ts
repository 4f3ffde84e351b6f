/**
 * The worker role (no HTTP API of its own) still answers `GET /metrics` on its metrics listener, with the
 * bridge's metrics and the Temporal SDK runtime's own worker metrics side by side, as a real process.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../bench/common/ports';
import { spawnNode } from '../helpers/processes';
import { testServerAddress } from '../helpers/temporal';
import { uniqueId, waitFor } from '../helpers/wait';

describe('the metrics listener of the worker role', () => {
  it('when the worker polls, then /metrics serves bridge_ and temporal_ metrics, and nothing else is served', async () => {
    const port = await freePort();
    const worker = spawnNode('lib/src/worker.js', {
      TEMPORAL_ADDRESS: testServerAddress(),
      TEMPORAL_TASK_QUEUE: uniqueId('metrics'),
      BRIDGE_METRICS_PORT: String(port),
      BRIDGE_ADMIN_TOKEN: randomBytes(16).toString('hex'),
      BRIDGE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      BRIDGE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bridge-metrics-')),
    });
    try {
      const text = await waitFor(
        async () => {
          if (worker.child.exitCode !== null) throw new Error(`exited early:\n${worker.output()}`);
          const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
          return body.includes('temporal_worker_task_slots_available') ? body : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500, what: 'SDK worker metrics on /metrics' },
      );
      expect(text).toContain('# TYPE bridge_writes_total counter');
      expect(text).toContain('# TYPE bridge_sync_lag_seconds histogram');
      expect(text).toMatch(/^bridge_process_cpu_seconds_total \d/m);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    }
  });
});
