/** Raw HTTP for hostile-input tests: the test controls every byte and header (fetch would normalise some). */
import { request as httpRequest } from 'node:http';

export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export function sendRaw(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Reply> {
  const url = new URL(baseUrl);
  // Node sends GET and DELETE bodies without framing unless told their length.
  const framed = body === undefined ? headers : { 'content-length': String(Buffer.byteLength(body)), ...headers };
  return new Promise((resolve, reject) => {
    // A fresh connection each time: a server may close one whose request body it did not read.
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: framed, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
