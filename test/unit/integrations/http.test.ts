import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, NetworkError, retryAfterMs, sendRequest } from '../../../src/integrations/http';
import { redact } from '../../../src/security/redaction';

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

describe('the HTTP layer under both clients', () => {
  it('reports a timeout as a NetworkError with timedOut set', async () => {
    const { url, server } = await listen(() => {
      /* never answers */
    });
    const error = await sendRequest({ method: 'GET', url, timeoutMs: 100 }).catch((e: unknown) => e);
    server.closeAllConnections();
    server.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).timedOut).toBe(true);
    expect((error as NetworkError).message).toContain('timed out after 100 ms');
  });

  it('times out a response whose body stalls after the headers', async () => {
    const { url, server } = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"result":');
    });
    const error = await sendRequest({ method: 'GET', url, timeoutMs: 150 }).catch((e: unknown) => e);
    server.closeAllConnections();
    server.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).timedOut).toBe(true);
  });

  it('keeps the connection open between calls to the same server', async () => {
    const ports: number[] = [];
    const { url, server } = await listen((req, res) => {
      ports.push(req.socket.remotePort!);
      res.writeHead(200, { 'content-type': 'application/json', 'x-total-count': '3' });
      res.end('{"ok":true}');
    });
    const first = await sendRequest({ method: 'GET', url: `${url}/a`, timeoutMs: 2000 });
    const second = await sendRequest({ method: 'POST', url: `${url}/b`, body: { n: 1 }, timeoutMs: 2000 });
    server.closeAllConnections();
    server.close();
    expect(first.body).toEqual({ ok: true });
    expect(second.headers.get('X-Total-Count')).toBe('3');
    expect(ports).toHaveLength(2);
    expect(ports[1]).toBe(ports[0]);
  });

  it('reports a refused connection as a NetworkError that did not time out', async () => {
    const { url, server } = await listen(() => undefined);
    server.close();
    const error = await sendRequest({ method: 'GET', url: `${url}/x`, timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).timedOut).toBe(false);
    expect((error as NetworkError).message).toContain('ECONNREFUSED');
  });

  it('throws HttpError with the parsed body, the secrets removed and the Retry-After delay', async () => {
    const { url, server } = await listen((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end(JSON.stringify({ detail: 'token s3cr3t-token was throttled' }));
    });
    const error = (await sendRequest({
      method: 'GET',
      url: `${url}/a?q=1`,
      timeoutMs: 2000,
      secrets: ['s3cr3t-token'],
    }).catch((e: unknown) => e)) as HttpError;
    server.close();
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.body).toEqual({ detail: 'token [redacted] was throttled' });
    expect(error.message).toBe(`GET ${url}/a answered 429`);
  });

  it('returns a successful body as sent, even where it contains a secret', async () => {
    const { url, server } = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: [{ sys_created_by: 'admin' }] }));
    });
    const res = await sendRequest({ method: 'GET', url, timeoutMs: 2000, secrets: ['admin'] });
    server.close();
    expect(res.body).toEqual({ result: [{ sys_created_by: 'admin' }] });
  });

  it('reads ServiceNow epoch resets and OnCall relative resets', () => {
    const now = 1_700_000_000_000;
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 30) }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ 'ratelimit-reset': '12' }), now)).toBe(12_000);
    expect(retryAfterMs(new Headers({}), now)).toBeUndefined();
  });

  it('redacts a secret in its base64 form too, as basic auth carries it', () => {
    const secret = 'user:password123';
    expect(redact(`Basic ${Buffer.from(secret).toString('base64')} and ${secret}`, [secret])).toBe(
      'Basic [redacted] and [redacted]',
    );
  });
});
