/**
 * The one HTTP layer under the ServiceNow and OnCall clients: JSON in and out, a timeout on every call,
 * and errors that carry the status and a redacted body but never a credential. Built on `node:http(s)`
 * with keep-alive agents rather than `fetch`: the bench measured fetch at several times the CPU per call,
 * and every synced event makes one or more of these calls.
 */
import http from 'node:http';
import https from 'node:https';

/** A response with a non-2xx status. `body` is the parsed JSON (or text) with known secrets removed. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
    /** Delay the server asked for (`Retry-After`, or a reset header), in milliseconds. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/** No response at all: connection refused or reset, DNS failure, or the call's timeout. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

/** A 2xx response whose body does not have the shape the client expects. */
export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON when not a string. */
  body?: unknown;
  timeoutMs: number;
  /** Values that must never appear in an error message or body (passwords, tokens). */
  secrets?: readonly string[];
}

/** Response headers, read by name (case-insensitive), like the `Headers` of fetch. */
export type HeaderReader = Pick<Headers, 'get'>;

export interface HttpResponse {
  status: number;
  headers: HeaderReader;
  body: unknown;
}

/** Connections are kept open between calls; each instance's calls share them. */
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** Sends one request; resolves for 2xx, throws `HttpError` otherwise and `NetworkError` without a response. */
export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let payload: string | undefined;
  if (request.body !== undefined) {
    payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  let raw: RawResponse;
  try {
    raw = await exchange(request, headers, payload);
  } catch (error) {
    const timedOut = error instanceof RequestTimeout;
    const reason = timedOut ? `timed out after ${request.timeoutMs} ms` : describeCause(error);
    throw new NetworkError(`${request.method} ${safeUrl(request.url)}: ${reason}`, timedOut);
  }
  const body = parseBody(redact(raw.text, request.secrets ?? []));
  if (raw.status < 200 || raw.status >= 300) {
    throw new HttpError(
      raw.status,
      `${request.method} ${safeUrl(request.url)} answered ${raw.status}`,
      body,
      retryAfterMs(raw.headers),
    );
  }
  return { status: raw.status, headers: raw.headers, body };
}

interface RawResponse {
  status: number;
  headers: HeaderReader;
  text: string;
}

class RequestTimeout extends Error {}

/** One request and its whole response body, within `timeoutMs` from start to end. Redirects are not followed. */
function exchange(request: HttpRequest, headers: Record<string, string>, payload?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const protocol = url.protocol === 'https:' ? 'https:' : url.protocol === 'http:' ? 'http:' : undefined;
    if (!protocol) return reject(new Error(`unsupported protocol ${url.protocol}`));
    const send = protocol === 'https:' ? https.request : http.request;
    const outgoing = send(url, { method: request.method, headers, agent: agents[protocol] }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        const received = response.headers;
        resolve({
          status: response.statusCode ?? 0,
          headers: { get: (name) => headerValue(received[name.toLowerCase()]) },
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    const timer = setTimeout(() => outgoing.destroy(new RequestTimeout()), request.timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    outgoing.on('error', fail);
    outgoing.end(payload);
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Milliseconds to wait from `Retry-After` (seconds or an HTTP date), else from `RateLimit-Reset` /
 * `X-RateLimit-Reset` (seconds from now, or an epoch time in seconds as ServiceNow sends it).
 */
export function retryAfterMs(headers: HeaderReader, now = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset !== null) {
    const value = Number(reset);
    if (!Number.isFinite(value)) return undefined;
    // A value this large is an epoch timestamp, not a number of seconds to wait.
    return value > 1e9 ? Math.max(0, value * 1000 - now) : Math.max(0, value * 1000);
  }
  return undefined;
}

/** Replaces every occurrence of each secret (and its base64 form, as in basic auth) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of [secret, Buffer.from(secret).toString('base64')]) out = out.split(form).join('[redacted]');
  }
  return out;
}

/** The URL without credentials or query string, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '<invalid url>';
  }
}

/** Duck-typed: under jest, errors from Node's own modules come from another realm and fail `instanceof Error`. */
function errorField(error: unknown, field: 'message' | 'code'): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[field] : undefined;
}

/** Node's network errors carry a code (ECONNREFUSED, ECONNRESET, ENOTFOUND...) beside their message. */
function describeCause(error: unknown): string {
  const code = errorField(error, 'code');
  const message = errorField(error, 'message');
  if (typeof message !== 'string') return 'request failed';
  return typeof code === 'string' && !message.includes(code) ? `${code} (${message})` : message;
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
