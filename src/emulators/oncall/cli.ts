/** `npm run emulator:oncall -- --port P [--users FILE]` (bridge.md §2, §7). */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startOnCallEmulator } from './index';
import { UserInputSchema } from './users';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      users: { type: 'string' },
      'labels-enabled': { type: 'boolean' },
    },
  });
  const users = values.users ? z.array(UserInputSchema).parse(JSON.parse(readFileSync(values.users, 'utf8'))) : [];
  const emulator = await startOnCallEmulator({
    port: Number(values.port),
    users,
    labelsEnabled: values['labels-enabled'] ?? false,
  });
  // Only names are printed: API keys are secrets, readable through GET /__emulator/users.
  process.stdout.write(`OnCall emulator listening on ${emulator.url} (${users.length} users)\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
