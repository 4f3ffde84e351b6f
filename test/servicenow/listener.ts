import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP listener standing in for the bridge's webhook. With `hold`, it keeps each request unanswered
 * until `release()`, so a test can tell whether the caller waited for the answer.
 */
export async function startListener(options: { hold?: boolean; status?: number } = {}) {
  const received: Received[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (options.hold) held.push(res);
      else res.writeHead(options.status ?? 202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    bodies: (): Record<string, unknown>[] => received.map((r) => JSON.parse(r.body) as Record<string, unknown>),
    release(): void {
      for (const res of held.splice(0)) res.writeHead(202).end('{"accepted":true}');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
