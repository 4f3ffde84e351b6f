import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { createIntegrationDirectory } from '../../../src/directory/integration-directory';

/** A Temporal client whose every integration query finds no workflow, counting the queries per id. */
function clientWithNoIntegrations(queries: Map<string, number>): Client {
  const client = {
    connection: { withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn() },
    workflow: {
      getHandle: (workflowId: string) => ({
        query: () => {
          queries.set(workflowId, (queries.get(workflowId) ?? 0) + 1);
          return Promise.reject(new WorkflowNotFoundError('not found', workflowId, undefined));
        },
      }),
    },
  };
  return client as unknown as Client;
}

describe('the integration directory, when callers invent integration ids', () => {
  it('keeps at most maxUnknown of them cached, forgetting the oldest first', async () => {
    const queries = new Map<string, number>();
    const directory = createIntegrationDirectory(clientWithNoIntegrations(queries), { ttlMs: 60_000, maxUnknown: 100 });

    expect(await directory.get('made-up-first')).toBeUndefined();
    expect(await directory.get('made-up-first')).toBeUndefined();
    const first = [...queries.keys()][0]!;
    expect(queries.get(first)).toBe(1);

    for (let i = 0; i < 100; i++) expect(await directory.get(`made-up-${i}`)).toBeUndefined();
    // The first id was pushed out by the hundred after it: asking again queries again.
    expect(await directory.get('made-up-first')).toBeUndefined();
    expect(queries.get(first)).toBe(2);
    // The newest ones are still cached.
    const queriesBefore = [...queries.values()].reduce((a, b) => a + b, 0);
    for (let i = 50; i < 100; i++) await directory.get(`made-up-${i}`);
    expect([...queries.values()].reduce((a, b) => a + b, 0)).toBe(queriesBefore);
  });
});
