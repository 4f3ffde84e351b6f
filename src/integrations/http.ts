/**
 * The one HTTP layer under the ServiceNow and OnCall clients: JSON in and out, a timeout on every call,
 * and errors that carry the status and a redacted body but never a credential.
 */
import { exchange, networkErrorCode, OutboundTimeout, type OutboundResponse } from '../http/outbound';
import { UrlRefusedError } from '../http/url-guard';
import { redact } from '../security/redaction';
import type { CallBudget } from './budget';
import { reportCall, type OutboundSystem } from './calls';
import { startCallSpan } from './call-span';

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
  /** Values that must never appear in an error's message or body (passwords, tokens). */
  secrets?: readonly string[];
  /** Which system the call goes to; set, the call is reported on the calls channel (logs, metrics). */
  system?: OutboundSystem;
  /** Refuse URLs and resolved addresses that are not public https (`UrlRefusedError`). */
  guarded?: boolean;
  /** The integration's shared rate-limit budget for this system: the call waits its turn, a 429 blocks it. */
  budget?: CallBudget;
}

/** Response headers, read by name (case-insensitive), like the `Headers` of fetch. */
export type HeaderReader = Pick<Headers, 'get'>;

export interface HttpResponse {
  status: number;
  headers: HeaderReader;
  body: unknown;
}

/** Sends one request; resolves for 2xx, throws `HttpError` otherwise and `NetworkError` without a response. */
export async function sendRequest(request: HttpRequest): Promise<HttpResponse> {
  const sent: Record<string, string> = { accept: 'application/json', ...request.headers };
  let payload: string | undefined;
  if (request.body !== undefined) {
    payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    sent['content-type'] ??= 'application/json';
  }
  let raw: OutboundResponse;
  const release = request.budget ? await request.budget.admit() : undefined;
  const span = request.system ? startCallSpan(request.system, request.method, safeUrl(request.url), sent) : undefined;
  const started = performance.now();
  try {
    raw = await exchange({
      method: request.method,
      url: request.url,
      headers: sent,
      body: payload,
      timeoutMs: request.timeoutMs,
      guarded: request.guarded,
    });
  } catch (error) {
    // Not a network failure: retrying would be refused the same way.
    if (error instanceof UrlRefusedError) throw error;
    const timedOut = error instanceof OutboundTimeout;
    release?.(undefined, undefined);
    span?.end(timedOut ? 'timeout' : 'network');
    report(request, started, timedOut ? 'timeout' : 'network');
    const reason = timedOut ? `timed out after ${request.timeoutMs} ms` : describeCause(error);
    throw new NetworkError(`${request.method} ${safeUrl(request.url)}: ${reason}`, timedOut);
  }
  span?.end(raw.status);
  report(request, started, raw.status);
  const received = raw.headers;
  const headers: HeaderReader = { get: (name) => received[name.toLowerCase()] ?? null };
  release?.(raw.status, raw.status === 429 ? retryAfterMs(headers) : undefined);
  if (raw.status < 200 || raw.status >= 300) {
    throw new HttpError(
      raw.status,
      `${request.method} ${safeUrl(request.url)} answered ${raw.status}`,
      parseBody(redact(raw.text, request.secrets ?? [])),
      retryAfterMs(headers),
    );
  }
  // A successful body is data, not a message: redacting it would change records whose fields happen to
  // contain a secret's text (a user named like its password) and the tokens an OAuth grant returns.
  return { status: raw.status, headers, body: parseBody(raw.text) };
}

function report(request: HttpRequest, started: number, status: number | 'timeout' | 'network'): void {
  if (request.system === undefined) return;
  const ms = Math.round(performance.now() - started);
  reportCall({ system: request.system, method: request.method, url: safeUrl(request.url), status, ms });
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

/** The URL without credentials or query string, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '<invalid url>';
  }
}

/** The error's code and message (ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:1)). */
function describeCause(error: unknown): string {
  const code = networkErrorCode(error);
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  if (typeof message !== 'string') return code ?? 'request failed';
  return code && !message.includes(code) ? `${code} (${message})` : message;
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
