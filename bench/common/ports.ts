import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768-60999): the kernel never hands these out for `listen(0)` or an
// outgoing connection, so a port checked here cannot be taken by another server of a test or the bench
// before its own listen, which a port from `listen(0)` could (EADDRINUSE between the check and the
// bridge's listen). Shared by the tests and the bench.
const FIRST = 20_000;
const COUNT = 12_000;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // No host: the same wildcard address (`::`, or 0.0.0.0 without IPv6) the bridge and emulators bind.
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A TCP port that was free a moment ago, outside the range the kernel allocates from. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = FIRST + Math.floor(Math.random() * COUNT);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port found below the ephemeral range');
}
