/**
 * `npm run cluster:up`: the cluster test tier's Temporal cluster on its own (PostgreSQL, the 1.30.1 server,
 * the project's deploy scripts), for `npm run bench -- --temporal-address HOST:PORT` or a look with the
 * CLI. Prints the bench's arguments for it (`--temporal-address HOST:PORT --temporal-pid PID`); Ctrl-C stops
 * both processes and removes the data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { locateBinary, TEMPORAL_CLI } from '../../src/temporal/binaries';
import { ROOT, startTemporalCluster } from './temporal-cluster';

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bridge-cluster-'));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cli = locateBinary(TEMPORAL_CLI, { root: ROOT, log });
  const cluster = await startTemporalCluster({ dir, cliPath: cli.path, log });
  process.stdout.write(`--temporal-address ${cluster.address} --temporal-pid ${cluster.pids().server}\n`);
  const stop = () =>
    void cluster.close().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`cluster failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
