/**
 * The relay: a non-durable webhook-to-HTTP forwarder, bench-only. It answers OnCall at once and then
 * creates the incident in ServiceNow; a crash in between loses the event, which is what the bridge's
 * durability costs are measured against. `node lib/bench/relay/main.js <port> <snUrl> <user> <password>`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { basicAuth } from '../../src/integrations/http';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface Hook {
  event?: { type?: string };
  alert_group_id?: string;
  alert_group?: { title?: string };
}

async function forward(snUrl: string, auth: string, hook: Hook): Promise<void> {
  if (hook.event?.type !== 'alert group created' || !hook.alert_group_id) return;
  const res = await fetch(`${snUrl}/api/now/table/incident`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      short_description: hook.alert_group?.title ?? 'alert',
      correlation_id: `relay:${hook.alert_group_id}`,
    }),
  });
  await res.arrayBuffer();
}

function main(): void {
  const [port, snUrl, user, password] = process.argv.slice(2);
  if (!port || !snUrl || !user || password === undefined) throw new Error('usage: main <port> <snUrl> <user> <pw>');
  const auth = basicAuth(user, password);
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
      let hook: Hook = {};
      try {
        hook = JSON.parse(text) as Hook;
      } catch {
        return;
      }
      forward(snUrl, auth, hook).catch((error: unknown) => process.stderr.write(`relay: ${String(error)}\n`));
    });
  });
  server.listen(Number(port), '127.0.0.1', () => process.stdout.write(`relay listening on ${port}\n`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main();
