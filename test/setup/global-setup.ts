/**
 * Starts ONE Temporal dev server for the whole test run (in memory, random free port). A missing binary
 * fails the run: tests against the real server are never skipped.
 */
import path from 'node:path';
import { locateBinary, TEMPORAL_CLI } from '../../src/temporal/binaries';
import { startDevServer, type DevServer } from '../../src/temporal/dev-server';
import { freePort } from '../../bench/common/ports';

declare global {
  var __TEMPORAL_DEV_SERVER__: DevServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const cli = locateBinary(TEMPORAL_CLI, { root, install: false });
  const port = await freePort();
  const server = await startDevServer({
    cliPath: cli.path,
    port,
    extraArgs: ['--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true'],
  });
  globalThis.__TEMPORAL_DEV_SERVER__ = server;
  process.env.TEMPORAL_TEST_ADDRESS = server.address;
  process.env.TEMPORAL_CLI_PATH = cli.path;
}
