/**
 * A pass-through proxy in front of the bridge's receiver (it is the bridge's public URL). On demand it
 * answers OnCall webhooks late: the request reaches the bridge at once, but the answer comes after OnCall
 * has given up (its 4 s timeout), so OnCall re-sends the same delivery.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface SlowProxy {
  url: string;
  /** Delay of the answer to `/webhooks/oncall/...`; 0 passes through. */
  setOnCallDelay(ms: number): void;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startSlowProxy(target: string, port: number): Promise<SlowProxy> {
  let delayMs = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      }
      const payload = await body(req);
      try {
        const answer = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method,
          headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : payload,
        });
        const text = await answer.text();
        if (delayMs > 0 && req.url?.startsWith('/webhooks/oncall/')) {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
        res.end(text);
      } catch {
        // The bridge is down: the caller sees what a dead receiver behind a proxy gives.
        res.writeHead(502).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    setOnCallDelay: (ms) => (delayMs = ms),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
