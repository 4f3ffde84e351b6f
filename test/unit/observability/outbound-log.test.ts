/**
 * Outbound calls are logged at debug with the pair that made them: a real HTTP call from inside an
 * activity context (MockActivityEnvironment) to a local server that answers 429.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import { sendRequest } from '../../../src/integrations/http';
import { createLogger } from '../../../src/logger';
import { logOutboundCalls } from '../../../src/observability/outbound-log';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(429, { 'retry-after': '1' }).end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('outbound call lines', () => {
  it('when an activity of a pair calls OnCall, then a debug line names the pair, system, path and status', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: 'debug',
      destination: { write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    const stop = logOutboundCalls(logger);
    const env = new MockActivityEnvironment({
      activityType: 'moveAlertGroup',
      workflowExecution: { workflowId: 'pair/acme/oncall/AG1', runId: 'r' },
    });
    const call = () =>
      sendRequest({ method: 'GET', url: `${base}/api/v1/alert_groups/AG1?token=x`, timeoutMs: 2000, system: 'oncall' });
    await expect(env.run(call)).rejects.toMatchObject({ status: 429 });
    stop();
    await expect(call()).rejects.toMatchObject({ status: 429 });

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'debug',
        msg: 'outbound call',
        activityType: 'moveAlertGroup',
        integrationId: 'acme',
        pairId: 'pair/acme/oncall/AG1',
        system: 'oncall',
        method: 'GET',
        url: `${base}/api/v1/alert_groups/AG1`,
        status: 429,
      }),
    ]);
  });
});
