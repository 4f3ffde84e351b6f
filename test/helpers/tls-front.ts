/**
 * A TLS-only Temporal endpoint for tests, shaped like Temporal Cloud's: it accepts only TLS (HTTP/2 with
 * ALPN h2), only clients that present a certificate signed by its CA (mTLS), and only gRPC calls that carry
 * `Authorization: Bearer <API key>`, and relays those calls to the run's dev server. The dev server itself
 * has no TLS option (`temporal server start-dev` takes none), so the TLS ends here, as it does at a proxy or
 * load balancer in front of a cluster.
 */
import http2, { type ClientHttp2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface TestPki {
  /** The CA that signed both certificates (PEM). */
  ca: string;
  server: { cert: string; key: string };
  client: { cert: string; key: string };
  /** The only name in the server's certificate: a client connecting by IP must override the server name. */
  serverName: string;
}

const HOURS = 3_600_000;

/** A throwaway CA, a server certificate for `serverName` and a client certificate, all signed by the CA. */
export async function createTestPki(serverName = 'temporal.bridge.test'): Promise<TestPki> {
  const validity = { notBeforeDate: new Date(Date.now() - HOURS), notAfterDate: new Date(Date.now() + 24 * HOURS) };
  // SHA-256 and EC keys: the worker's TLS stack (rustls) refuses SHA-1 signatures.
  const base = { keyType: 'ec', algorithm: 'sha256', ...validity } as const;
  const ca = await generate([{ name: 'commonName', value: 'bridge test CA' }], {
    ...base,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = (commonName: string, usage: 'serverAuth' | 'clientAuth', altNames: { type: 2; value: string }[]) =>
    generate([{ name: 'commonName', value: commonName }], {
      ...base,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', [usage]: true },
        ...(altNames.length > 0 ? [{ name: 'subjectAltName' as const, altNames }] : []),
      ],
    });
  const server = await leaf(serverName, 'serverAuth', [{ type: 2, value: serverName }]);
  const client = await leaf('oncall-servicenow-bridge', 'clientAuth', []);
  return {
    ca: ca.cert,
    server: { cert: server.cert, key: server.private },
    client: { cert: client.cert, key: client.private },
    serverName,
  };
}

export interface TlsFront {
  /** `127.0.0.1:<port>`: an IP, so the client has to name the server (TEMPORAL_TLS_SERVER_NAME). */
  address: string;
  /** gRPC methods relayed so far (`/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo`, ...). */
  relayed: string[];
  /** Calls refused for a missing or wrong API key. */
  refused: string[];
  /** Why TLS handshakes failed (no client certificate, ...), in the server's words. */
  handshakeErrors: string[];
  close(): Promise<void>;
}

/** Starts the front on a random free port, relaying to the plain-gRPC server at `upstream` (`host:port`). */
export async function startTlsFront(options: { upstream: string; pki: TestPki; apiKey: string }): Promise<TlsFront> {
  const upstream = http2.connect(`http://${options.upstream}`);
  upstream.on('error', () => undefined);
  const relayed: string[] = [];
  const refused: string[] = [];
  const handshakeErrors: string[] = [];
  const server = http2.createSecureServer({
    key: options.pki.server.key,
    cert: options.pki.server.cert,
    ca: options.pki.ca,
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on('tlsClientError', (error) => handshakeErrors.push(error.message));
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    const method = String(headers[':path']);
    if (headers.authorization !== `Bearer ${options.apiKey}`) {
      refused.push(method);
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '16', 'grpc-message': 'bad API key' },
        { endStream: true },
      );
      return;
    }
    relayed.push(method);
    relay(upstream, stream, headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    relayed,
    refused,
    handshakeErrors,
    close: async () => {
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      upstream.destroy();
    },
  };
}

/** One gRPC call through: request headers and body up, response headers, body and trailers down. */
function relay(upstream: ClientHttp2Session, stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
  const forwarded: http2.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(':') || name === ':method' || name === ':path') forwarded[name] = value;
  }
  const request = upstream.request(forwarded);
  let trailers: http2.OutgoingHttpHeaders = {};
  request.on('response', (response, flags) => {
    // A trailers-only answer (an error status) ends the stream with its headers.
    if (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) {
      stream.respond(response, { endStream: true });
      return;
    }
    stream.respond(response, { waitForTrailers: true });
    request.pipe(stream);
  });
  request.on('trailers', (received) => (trailers = received));
  stream.on('wantTrailers', () => stream.sendTrailers(trailers));
  stream.pipe(request);
  stream.on('close', () => request.close());
  request.on('error', () => stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
  stream.on('error', () => request.close(http2.constants.NGHTTP2_CANCEL));
}
