import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { exchange } from '../../../src/http/outbound';
import { guardedLookup, guardedLookupWith, UrlRefusedError } from '../../../src/http/url-guard';

/** A TCP listener on loopback that counts the connections it gets. */
async function countingListener(): Promise<{ port: number; connections: () => number; server: Server }> {
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => count, server };
}

function lookupOnce(
  lookup: ReturnType<typeof guardedLookupWith>,
  hostname: string,
  all = false,
): Promise<{ error: Error | null; address: string | LookupAddress[] }> {
  return new Promise((resolve) =>
    lookup(hostname, { all }, (error: Error | null, address: string | LookupAddress[]) => resolve({ error, address })),
  );
}

describe('the SSRF guard when the bridge connects', () => {
  it('refuses a host name that resolves to loopback, and the socket never connects', async () => {
    const listener = await countingListener();
    try {
      const error = await new Promise<Error>((resolve) => {
        const socket = connect({ host: 'localhost', port: listener.port, lookup: guardedLookup });
        socket.on('error', resolve);
        socket.on('connect', () => resolve(new Error('connected')));
      });
      expect(error).toBeInstanceOf(UrlRefusedError);
      expect(error.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a non-public address/);
      expect(listener.connections()).toBe(0);
    } finally {
      listener.server.close();
    }
  });

  it('refuses a name with any non-public address among its answers, and hands on exactly the checked ones', async () => {
    const answers: LookupAddress[][] = [
      [{ address: '93.184.215.14', family: 4 }],
      [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
      [{ address: '::ffff:169.254.169.254', family: 6 }],
      [{ address: '2001:db8::1', family: 6 }],
    ];
    // A name that answers differently each time, as a rebinding attacker's DNS does.
    let call = 0;
    const lookup = guardedLookupWith((_host, _options, callback) => callback(null, answers[call++]!));
    expect(await lookupOnce(lookup, 'rebinding.example', true)).toEqual({ error: null, address: answers[0] });
    for (let i = 1; i < answers.length; i++) {
      const result = await lookupOnce(lookup, 'rebinding.example');
      expect(result.error).toBeInstanceOf(UrlRefusedError);
    }
  });

  it('a guarded exchange refuses http, loopback and private URLs before anything is sent', async () => {
    const listener = await countingListener();
    try {
      for (const url of [
        `http://127.0.0.1:${listener.port}/`,
        `https://127.0.0.1:${listener.port}/`,
        `https://localhost:${listener.port}/`,
        `https://[::ffff:127.0.0.1]:${listener.port}/`,
      ]) {
        const error = await exchange({ method: 'POST', url, headers: {}, timeoutMs: 2000, guarded: true }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(UrlRefusedError);
      }
      expect(listener.connections()).toBe(0);
    } finally {
      listener.server.close();
    }
  });
});
