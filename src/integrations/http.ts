/**
 * The one HTTP layer under the ServiceNow and OnCall clients: JSON in and out, a timeout on every call,
 * and errors that carry the status and a redacted body but never a credential.
 */

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

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends one request; resolves for 2xx, throws `HttpError` otherwise and `NetworkError` without a response. */
export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let payload: string | undefined;
  if (request.body !== undefined) {
    payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'manual',
    });
  } catch (error) {
    // Duck-typed: under jest, errors thrown by Node's fetch come from another realm and fail `instanceof Error`.
    const name = errorField(error, 'name');
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    const reason = timedOut ? `timed out after ${request.timeoutMs} ms` : describeCause(error);
    throw new NetworkError(`${request.method} ${safeUrl(request.url)}: ${reason}`, timedOut);
  }
  const body = await readBody(response, request.secrets ?? []);
  if (response.status < 200 || response.status >= 300) {
    throw new HttpError(
      response.status,
      `${request.method} ${safeUrl(request.url)} answered ${response.status}`,
      body,
      retryAfterMs(response.headers),
    );
  }
  return { status: response.status, headers: response.headers, body };
}

async function readBody(response: Response, secrets: readonly string[]): Promise<unknown> {
  const text = redact(await response.text(), secrets);
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
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
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

function errorField(error: unknown, field: 'name' | 'message' | 'code' | 'cause'): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[field] : undefined;
}

function describeCause(error: unknown): string {
  const cause = errorField(error, 'cause');
  const causeMessage = errorField(cause, 'message');
  if (typeof causeMessage === 'string') {
    const code = errorField(cause, 'code');
    return typeof code === 'string' ? `${code} (${causeMessage})` : causeMessage;
  }
  const message = errorField(error, 'message');
  return typeof message === 'string' ? message : 'request failed';
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
