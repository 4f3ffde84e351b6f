/**
 * The embedded data dir holds the generated admin token, codec token and encryption key and the dev
 * server's SQLite file (every pair's history): only the bridge's own user may read any of it.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/** Creates the dir if needed and makes it owner-only (0700), also when it existed with wider modes. */
export function ownerOnlyDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Makes the SQLite file and its -wal and -shm companions owner-only (0600) where they exist already, and
 * sets this process's umask to 077 so the dev server it spawns creates them so (a child inherits the
 * umask; an empty placeholder file would not do, the server takes an existing file for an initialised one).
 */
export function ownerOnlyDatabase(file: string): void {
  process.umask(0o077);
  for (const name of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(name)) chmodSync(name, 0o600);
}
