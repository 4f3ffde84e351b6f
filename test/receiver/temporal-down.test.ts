/**
 * 503 is kept for what it means: Temporal cannot be reached. Against a Temporal address where nothing
 * listens, a webhook is answered 503 `temporal_unavailable`, not 500 and not 404.
 */
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createIntegrationDirectory } from '../../src/directory/integration-directory';
import { createApp } from '../../src/http/app';
import { createLogger } from '../../src/logger';
import { createReceiverRouter } from '../../src/receiver/router';
import { createPairStarter } from '../../src/temporal/pair-starter';
import { freePort } from '../../bench/common/ports';

describe('when Temporal cannot be reached', () => {
  it('a webhook is answered 503 temporal_unavailable', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const client = new Client({ connection });
    const logger = createLogger({ level: 'error', destination: { write: () => undefined } });
    const directory = createIntegrationDirectory(client, { queryTimeoutMs: 1000 });
    const app = createApp({
      logger,
      readiness: { temporal: () => Promise.resolve(false) },
      routers: [
        createReceiverRouter({
          directory,
          starter: createPairStarter(client, { taskQueue: 'none' }),
          logger,
          taskQueue: 'none',
        }),
      ],
    });
    try {
      const reply = await request(app).post('/webhooks/oncall/iabc123').set('authorization', 'Bearer x').send('{}');
      expect([reply.status, reply.body.error.code]).toEqual([503, 'temporal_unavailable']);
    } finally {
      await connection.close();
    }
  });
});
