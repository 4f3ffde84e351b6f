import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { HttpError } from '../../../src/integrations/http';
import { classifyServiceNowError, createServiceNowClient } from '../../../src/integrations/servicenow';
import { classifyOnCallError, createOnCallClient } from '../../../src/integrations/oncall';
import { redact } from '../../../src/security/redaction';

/** Every form in which an upstream system could hand a credential back. */
function formsOf(secret: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    Buffer.from(secret).toString('base64'),
  ];
}

/** A server that answers every call 401 and echoes what it received, in every encoding, in its message. */
async function echoingServer(password: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const echoed = [
      `Authorization: ${req.headers.authorization ?? ''}`,
      `password=${password}`,
      `url=${encodeURIComponent(password)}`,
      `form=${new URLSearchParams({ p: password }).toString()}`,
      `b64=${Buffer.from(password).toString('base64')}`,
    ].join('; ');
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'User Not Authenticated', detail: echoed }, detail: echoed }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

// Characters JSON, URLs, forms and HTML each escape, and some that need more than one byte.
const password = fc.string({
  unit: fc.constantFrom(...'ab9"\\/%+&=:<> \'é€\u0001'.split('')),
  minLength: 6,
  maxLength: 24,
});

describe('credentials an upstream system echoes back in an error', () => {
  it('when ServiceNow echoes the Basic header and the password in any encoding, no form reaches the error', async () => {
    await fc.assert(
      fc.asyncProperty(password, async (secret) => {
        const { url, server } = await echoingServer(secret);
        try {
          const client = createServiceNowClient({
            instanceUrl: url,
            auth: { kind: 'basic', username: 'bridge.user', password: secret },
          });
          const error = await client.verifyConnection().catch((e: unknown) => e);
          expect(error).toBeInstanceOf(HttpError);
          const seen = `${JSON.stringify((error as HttpError).body)}\n${classifyServiceNowError(error).message}`;
          for (const form of [...formsOf(secret), ...formsOf(`bridge.user:${secret}`)]) {
            expect(seen).not.toContain(form);
          }
        } finally {
          server.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('when OnCall echoes the API key in any encoding, no form reaches the error', async () => {
    await fc.assert(
      fc.asyncProperty(password, async (secret) => {
        const { url, server } = await echoingServer(secret);
        try {
          const client = createOnCallClient({ apiUrl: url, apiToken: secret });
          const error = await client.getCurrentUser().catch((e: unknown) => e);
          const seen = `${JSON.stringify((error as HttpError).body)}\n${classifyOnCallError(error).message}`;
          for (const form of formsOf(secret)) expect(seen).not.toContain(form);
        } finally {
          server.close();
        }
      }),
      { numRuns: 20 },
    );
  });

  it('masks a secret in base64 wherever it starts inside a longer encoded value', () => {
    const secret = 'pa"ss\\word/1';
    for (const prefix of ['', 'a', 'ab', 'abc', 'user:']) {
      const encoded = Buffer.from(`${prefix}${secret}tail`).toString('base64');
      const masked = redact(`Basic ${encoded}`, [secret]);
      expect(masked).toContain('[redacted]');
      // What is left can no longer be decoded back to the secret.
      expect(Buffer.from(masked.replace('Basic ', '').replace('[redacted]', ''), 'base64').toString()).not.toContain(
        secret,
      );
    }
  });

  it('quotes at most a bounded excerpt of an upstream error text', () => {
    const long = 'x'.repeat(50_000);
    const error = new HttpError(400, 'POST /x answered 400', { error: { message: long, detail: long } }, undefined);
    expect(classifyServiceNowError(error).message.length).toBeLessThan(1000);
    expect(classifyOnCallError(new HttpError(400, 'x', long, undefined)).message.length).toBeLessThan(1000);
  });
});
