import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOnCallEmulator, type OnCallEmulator } from '../../src/emulators/oncall';
import { createOnCallClient } from '../../src/integrations/oncall';
import { waitFor } from '../helpers/wait';

export interface Received {
  headers: IncomingMessage['headers'];
  body: Record<string, any>;
}

/** A webhook receiver that records requests and answers `status`, or never answers when `hang` is set. */
export async function startReceiver() {
  const received: Received[] = [];
  const behaviour = { status: 200, hang: false };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body: text ? JSON.parse(text) : null });
      if (!behaviour.hang) res.writeHead(behaviour.status, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    behaviour,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** An emulator with a user, a service account and a formatted_webhook integration, plus a client. */
export async function setup(options: Parameters<typeof startOnCallEmulator>[0] = {}) {
  const emulator = await startOnCallEmulator({ retryIntervalMs: 50, timeoutMs: 300, ...options });
  const user = emulator.addUser({ username: 'sync-bot', email: 'bot@example.com' });
  const serviceAccount = emulator.addUser({ username: 'sa', email: 'sa@example.com', serviceAccount: true });
  const integration = emulator.createIntegration({ type: 'formatted_webhook', name: 'Snow' });
  const client = createOnCallClient({ apiUrl: emulator.url, apiToken: user.apiKey, timeoutMs: 2000 });
  return { emulator, user, serviceAccount, integration, client };
}

/** Posts an alert and waits for its group (inbound processing is asynchronous). */
export async function createGroup(emulator: OnCallEmulator, link: string, payload: Record<string, unknown>) {
  const client = createOnCallClient({ apiUrl: emulator.url, apiToken: 'unused' });
  await client.sendAlert(link, payload);
  await emulator.idle();
  return waitFor(
    () =>
      emulator
        .alertGroups()
        .find((g) => (g.last_alert?.payload as Record<string, unknown> | undefined)?.alert_uid === payload.alert_uid),
    { what: 'alert group' },
  );
}
