/**
 * The logger and the request logger, through the real app (supertest): JSON lines, secrets masked, the
 * credential headers never logged, and a request id on the request's own line and on every line a handler
 * writes about it.
 */
import express, { Router } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/http/app';
import { createLogger, type Logger } from '../../../src/logger';

function collector() {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { lines, destination };
}

function appWith(logger: Logger) {
  const router = Router();
  router.post('/echo', express.json(), (req, res) => {
    req.log.info({ integrationId: 'acme' }, 'handled');
    res.json({ ok: true });
  });
  router.get('/boom', () => {
    throw new Error('kaput');
  });
  return createApp({ logger, readiness: { temporal: () => Promise.resolve(true) }, routers: [router] });
}

describe('logging', () => {
  it('when a line holds a registered secret, then it is masked, in plain and in base64 form', () => {
    const { lines, destination } = collector();
    const logger = createLogger({ level: 'info', secrets: ['s3cret-admin-token'], destination });
    logger.info(
      { note: 'token s3cret-admin-token', encoded: Buffer.from('s3cret-admin-token').toString('base64') },
      'x',
    );
    expect(lines).toEqual([
      { level: 'info', time: expect.any(String), note: 'token [redacted]', encoded: '[redacted]', msg: 'x' },
    ]);
  });

  it('when a request is answered, then one line has its id, method, path without query, status and duration', async () => {
    const { lines, destination } = collector();
    const app = appWith(createLogger({ level: 'info', destination }));
    const res = await request(app)
      .post('/echo?token=abc')
      .set('authorization', 'Bearer very-secret')
      .send({ a: 1 })
      .expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'handled', reqId: id, integrationId: 'acme' }),
      expect.objectContaining({ level: 'info', msg: 'request', reqId: id, method: 'POST', path: '/echo', status: 200 }),
    ]);
    expect(typeof lines[1]?.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/very-secret|token=abc|authorization/);
  });

  it('when the caller sends a plain X-Request-Id, then it is kept; a hostile one is replaced', async () => {
    const { lines, destination } = collector();
    const app = appWith(createLogger({ level: 'info', destination }));
    const kept = await request(app).post('/echo').set('x-request-id', 'lb-1234.abc').send({}).expect(200);
    expect(kept.headers['x-request-id']).toBe('lb-1234.abc');
    const replaced = await request(app).post('/echo').set('x-request-id', 'a"b\\c{}').send({}).expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((line) => line.reqId)).toEqual([
      'lb-1234.abc',
      'lb-1234.abc',
      replaced.headers['x-request-id'],
      replaced.headers['x-request-id'],
    ]);
  });

  it('when a handler fails, then the error line and the request line share the request id, at error level', async () => {
    const { lines, destination } = collector();
    const res = await request(appWith(createLogger({ level: 'info', destination })))
      .get('/boom')
      .expect(500);
    const id = res.headers['x-request-id'];
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', msg: 'request failed', reqId: id, error: 'Error: kaput' }),
      expect.objectContaining({ level: 'error', msg: 'request', reqId: id, status: 500 }),
    ]);
  });

  it('when a health probe is answered, then its line is at debug, below the default level', async () => {
    const { lines, destination } = collector();
    await request(appWith(createLogger({ level: 'info', destination })))
      .get('/healthz')
      .expect(200);
    expect(lines).toEqual([]);
  });
});
