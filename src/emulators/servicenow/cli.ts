/**
 * `node lib/src/emulators/servicenow/cli.js --port P [--users FILE]`: the emulator as its own process.
 * The users file is `[{"user_name", "password", "roles": [...]}]`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startServiceNowEmulator } from './index';

const UsersFileSchema = z.array(
  z.object({
    user_name: z.string().min(1),
    password: z.string(),
    roles: z.array(z.string()).default([]),
    name: z.string().optional(),
  }),
);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, users: { type: 'string' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const users = values.users ? UsersFileSchema.parse(JSON.parse(readFileSync(values.users, 'utf8'))) : undefined;
  const emulator = await startServiceNowEmulator({ port, users });
  console.log(`ServiceNow emulator listening on ${emulator.url}`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
