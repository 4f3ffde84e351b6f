/**
 * Reference names (bridge.md §8.2: a group, user or CI given by name) looked up once per integration and
 * worker process for a while, instead of one read per incident write (issue 20: one call per synced
 * change; the names a mapping uses are few and change rarely). A name found is kept 10 minutes; a name
 * not found 1 minute, so a record created or renamed meanwhile is found soon.
 */
import type { ServiceNowClient } from './types';

const FOUND_TTL_MS = 10 * 60_000;
const MISSING_TTL_MS = 60_000;
/** Names kept per integration; the oldest go first. */
const MAX_NAMES = 1000;

export function cachingReferences(client: ServiceNowClient, now: () => number = Date.now): ServiceNowClient {
  const cache = new Map<string, { sysId: Promise<string | undefined>; until: number }>();

  function findRecordSysId(table: string, columns: readonly string[], value: string) {
    const key = JSON.stringify([table, columns, value]);
    const cached = cache.get(key);
    if (cached && cached.until > now()) return cached.sysId;
    cache.delete(key);
    // The promise is kept, so lookups of one name at the same time make one read.
    const sysId = client.findRecordSysId(table, columns, value);
    const entry = { sysId, until: Number.POSITIVE_INFINITY };
    cache.set(key, entry);
    if (cache.size > MAX_NAMES) cache.delete(cache.keys().next().value as string);
    sysId.then(
      (found) => void (entry.until = now() + (found === undefined ? MISSING_TTL_MS : FOUND_TTL_MS)),
      // A failed read is not kept: the next write looks again.
      () => void (cache.get(key) === entry && cache.delete(key)),
    );
    return sysId;
  }

  return { ...client, findRecordSysId };
}
