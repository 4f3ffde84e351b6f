/**
 * A keep-alive socket the server drops as the next request is written: the bench and the demo send that
 * request again on a new socket; the bridge's own calls see the reset, for their retries to judge.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { exchange, networkErrorCode } from '../../../src/http/outbound';
import { requestJson } from '../../../src/http/json-request';

describe('a request on a pooled socket the server has just dropped', () => {
  let server: Server;
  let url: string;
  const served = new WeakMap<Socket, number>();

  beforeAll(async () => {
    // Answers the first request of each connection and drops the connection on its second, unanswered.
    server = createServer((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (count > 1) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  // Each test starts without pooled sockets: the client hears the server close them.
  beforeEach(async () => {
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
  });

  afterAll(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));

  it('when a driving program sends it, then it goes once more on a new socket and is answered', async () => {
    expect((await requestJson('GET', url)).status).toBe(200);
    await expect(requestJson('GET', url)).resolves.toMatchObject({ status: 200, body: { ok: true } });
  });

  it('when the second attempt takes another dropped socket too, then it fails with the reset', async () => {
    const request = { method: 'GET', url, headers: {}, timeoutMs: 5000, retryStaleSocket: true };
    // Two answered requests at once leave two pooled sockets, each of which the server drops on its next request.
    await Promise.all([exchange(request), exchange(request)]);
    const failed = await exchange(request).catch((error: unknown) => error);
    expect(networkErrorCode(failed)).toBe('ECONNRESET');
  });

  it("when the bridge's own call sends it, then it fails with the reset", async () => {
    const request = { method: 'GET', url, headers: {}, timeoutMs: 5000 };
    expect((await exchange(request)).status).toBe(200);
    const failed = await exchange(request).catch((error: unknown) => error);
    expect(networkErrorCode(failed)).toBe('ECONNRESET');
  });
});
