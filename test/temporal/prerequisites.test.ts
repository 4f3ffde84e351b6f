/**
 * The bridge's own check of its Temporal prerequisites, against the test run's real server, in namespaces
 * made for each case: what is missing, the operator commands that fix it (run as printed), /readyz, and a
 * webhook refused because the server rejects the pair's search attributes.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import type { IntegrationDirectory } from '../../src/directory/integration-directory';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { createReceiverRouter } from '../../src/receiver/router';
import { generateToken, hashToken } from '../../src/security/tokens';
import { temporalReachable } from '../../src/temporal/client';
import { createPairStarter } from '../../src/temporal/pair-starter';
import {
  createPrerequisiteMonitor,
  findMissing,
  operatorCommands,
  registerMissing,
} from '../../src/temporal/prerequisites';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { PROJECT_ROOT } from '../helpers/processes';
import { testServerAddress } from '../helpers/temporal';
import { integrationSettings } from '../unit/sync/builders';

const ALL = SEARCH_ATTRIBUTES.map((key) => key.name);
const run = promisify(execFile);

let connection: Connection;
beforeAll(async () => {
  connection = await Connection.connect({ address: testServerAddress() });
});
afterAll(async () => {
  await connection.close();
});

const namespaceName = () => `prereq-${randomUUID().slice(0, 8)}`;

/** Runs one printed command line, with the test run's CLI in place of `temporal`, until it succeeds. */
async function runPrinted(command: string): Promise<void> {
  const [program, ...args] = command.split(' ');
  expect(program).toBe('temporal');
  for (let attempt = 1; ; attempt++) {
    try {
      await run(process.env.TEMPORAL_CLI_PATH!, args);
      return;
    } catch (error) {
      // Right after `namespace create` the next call can still find no namespace.
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

describe('Temporal prerequisites', () => {
  it('finds an unknown namespace, prints the commands that fix it, and finds nothing missing once they ran', async () => {
    const target = { address: testServerAddress(), namespace: namespaceName() };
    const missing = await findMissing(connection, target.namespace);
    expect(missing).toEqual({ namespace: true, searchAttributes: ALL });

    const commands = operatorCommands(missing, target);
    expect(commands[0]).toBe(
      `temporal operator namespace create --namespace ${target.namespace} --address ${target.address}`,
    );
    expect(commands).toHaveLength(1 + ALL.length);
    for (const command of commands) await runPrinted(command);

    expect(await findMissing(connection, target.namespace)).toEqual({ namespace: false, searchAttributes: [] });
  });

  describe('a server role on a namespace without the search attributes', () => {
    const target = { address: testServerAddress(), namespace: namespaceName() };
    const logged: string[] = [];
    const token = generateToken();
    const body = readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/webhooks/oncall-acknowledge.json'), 'utf8');
    let client: Client;
    let url: string;
    let close: () => void;

    beforeAll(async () => {
      await runPrinted(
        `temporal operator namespace create --namespace ${target.namespace} --address ${target.address}`,
      );
      client = new Client({ connection, namespace: target.namespace });
      const logger = createLogger({ level: 'info', destination: { write: (line) => void logged.push(line) } });
      const settings = integrationSettings({
        id: 'int-prereq',
        webhookSecretHash: hashToken(token),
        connections: [],
      });
      settings.oncall.integrationId = (
        JSON.parse(body) as { alert_group: { integration_id: string } }
      ).alert_group.integration_id;
      // The directory is not under test: it holds the one integration whose webhook is sent.
      const directory: IntegrationDirectory = {
        get: (id) => Promise.resolve(id === settings.id ? settings : undefined),
        invalidate: () => undefined,
      };
      const monitor = createPrerequisiteMonitor(connection, { ...target, logger, maxAgeMs: 0 });
      await monitor.met();
      const app = createApp({
        logger,
        readiness: { temporal: () => temporalReachable(client), prerequisites: () => monitor.met() },
        routers: [
          createReceiverRouter({
            directory,
            starter: createPairStarter(client, { taskQueue: `prereq-${target.namespace}` }),
            logger,
            taskQueue: `prereq-${target.namespace}`,
          }),
        ],
      });
      const server = app.listen(0);
      await new Promise((resolve) => server.once('listening', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => server.close();
    });
    afterAll(() => close?.());

    const sendWebhook = () =>
      fetch(`${url}/webhooks/oncall/int-prereq`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body,
      });

    it('logs at start which search attributes are missing and the exact commands to add them', () => {
      const line = logged.find((l) => l.includes('Temporal prerequisites missing'));
      expect(line).toBeDefined();
      const message = (JSON.parse(line!) as { msg: string }).msg;
      for (const name of ALL) {
        expect(message).toContain(
          `temporal operator search-attribute create --namespace ${target.namespace} --address ${target.address} --name ${name} --type Keyword`,
        );
      }
      expect(message).not.toContain('namespace create');
    });

    it('answers /readyz 503 with the prerequisites check failing while Temporal itself is fine', async () => {
      const res = await fetch(`${url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'not_ready',
        checks: { temporal: 'ok', prerequisites: 'missing' },
      });
    });

    it('refuses a webhook with a 500 that names the cause, and logs the server’s reason, never “unavailable”', async () => {
      logged.length = 0;
      const res = await sendWebhook();
      expect(res.status).toBe(500);
      const answer = (await res.json()) as { error: { code: string } };
      expect(answer.error.code).toBe('temporal_prerequisites_missing');
      const line = logged.find((l) => l.includes('request failed: Temporal prerequisites missing'));
      expect(line).toBeDefined();
      expect(line).toMatch(/no mapping defined for search attribute/i);
      expect(line).not.toMatch(/unavailable/i);
    });

    it('is ready and accepts the webhook once the attributes are registered (what the all-in-one does)', async () => {
      await registerMissing(connection, target);
      const ready = await fetch(`${url}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([
        200,
        { status: 'ready', checks: { temporal: 'ok', prerequisites: 'ok' } },
      ]);
      const res = await sendWebhook();
      expect(res.status).toBe(202);
    });
  });
});
