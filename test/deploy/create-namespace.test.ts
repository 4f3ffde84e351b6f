/**
 * Runs deploy/temporal/create-namespace.sh itself (the script the compose file runs) against the test
 * run's real Temporal server, each case in a namespace of its own, and reads the result back from the
 * server rather than from the script's output.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { freePort } from '../../bench/common/ports';
import { PROJECT_ROOT } from '../helpers/processes';
import { testServerAddress } from '../helpers/temporal';

const SCRIPT = path.join(PROJECT_ROOT, 'deploy/temporal/create-namespace.sh');
const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runScript(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'sh',
      [SCRIPT],
      {
        env: {
          PATH: process.env.PATH,
          TEMPORAL_CLI: process.env.TEMPORAL_CLI_PATH,
          RETRY_DELAY_SECONDS: '0.5',
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let connection: Connection;
beforeAll(async () => {
  connection = await Connection.connect({ address: testServerAddress() });
});
afterAll(async () => {
  await connection.close();
});

async function customAttributes(namespace: string): Promise<Record<string, number>> {
  const listed = await connection.operatorService.listSearchAttributes({ namespace });
  return Object.fromEntries(Object.entries(listed.customAttributes ?? {}).map(([name, type]) => [name, Number(type)]));
}

const namespaceName = () => `deploy-${randomUUID().slice(0, 8)}`;

describe('create-namespace.sh', () => {
  it('creates a new namespace with every search attribute the workflows use, and a second run changes nothing', async () => {
    const namespace = namespaceName();
    const first = await runScript({ TEMPORAL_ADDRESS: testServerAddress(), NAMESPACE: namespace });
    expect([first.code, first.stderr]).toEqual([0, '']);

    const described = await connection.workflowService.describeNamespace({ namespace });
    expect(described.namespaceInfo?.name).toBe(namespace);
    const registered = await customAttributes(namespace);
    for (const key of SEARCH_ATTRIBUTES) expect([key.name, registered[key.name]]).toEqual([key.name, KEYWORD]);
    // Exactly the workflows' list: an attribute only the script knew would be a second place for the fact.
    expect(Object.keys(registered).sort()).toEqual(SEARCH_ATTRIBUTES.map((key) => key.name).sort());

    const second = await runScript({ TEMPORAL_ADDRESS: testServerAddress(), NAMESPACE: namespace });
    expect(second.code).toBe(0);
    expect(await customAttributes(namespace)).toEqual(registered);
  });

  it('exits non-zero and names the attribute when one cannot be registered as a Keyword', async () => {
    const namespace = namespaceName();
    // A name already taken with another type: the server refuses the Keyword, so no pair could ever start.
    await cli('operator', 'namespace', 'create', '--namespace', namespace);
    await waitFor(() =>
      cli('operator', 'search-attribute', 'create', '--namespace', namespace, '--name', 'PairError', '--type', 'Int'),
    );
    const run = await runScript({ TEMPORAL_ADDRESS: testServerAddress(), NAMESPACE: namespace, ATTEMPTS: '2' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('search attribute PairError (Keyword) could not be registered');
    expect(run.stdout).not.toContain('ready');
  });

  it('exits non-zero when no server answers, saying so', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const run = await runScript({ TEMPORAL_ADDRESS: address, ATTEMPTS: '2' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`Temporal at ${address} did not answer its health check`);
  });
});

async function cli(...args: string[]): Promise<void> {
  await promisify(execFile)(process.env.TEMPORAL_CLI_PATH!, [...args, '--address', testServerAddress()]);
}

/** Retries `action` while the new namespace is not yet known to every service of the server. */
async function waitFor(action: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await action();
      return;
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
