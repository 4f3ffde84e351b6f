/** Building and sending one outgoing-webhook HTTP request (oncall.md §1.5), with OnCall's timeout rules. */
import type { EmWebhook } from '../model';
import { renderTemplate } from './template';
import { exchange, networkErrorCode, OutboundTimeout } from '../../../http/outbound';

export interface WebhookRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The JSON value or raw text sent, or null when the method or settings send no body. */
  body: unknown;
}

export type AttemptOutcome =
  | { kind: 'response'; status: number; content: unknown }
  | { kind: 'timeout' }
  | { kind: 'connection'; error: string };

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Renders url, headers and body from the event data; throws on a template error (the webhook is skipped). */
export function buildWebhookRequest(webhook: EmWebhook, data: Record<string, unknown>): WebhookRequest {
  const url = renderTemplate(webhook.url, data).trim();
  const parsedUrl = new URL(url);
  if (parsedUrl.protocol !== 'http:' && parsedUrl.protocol !== 'https:') throw new Error('URL - invalid scheme');
  const headers: Record<string, string> = {};
  if (webhook.headers) {
    const rendered: unknown = JSON.parse(renderTemplate(webhook.headers, data));
    if (!rendered || typeof rendered !== 'object' || Array.isArray(rendered)) {
      throw new Error('Headers - Template did not result in json/dict');
    }
    for (const [key, value] of Object.entries(rendered)) headers[key] = String(value);
  }
  if (webhook.username) {
    headers.Authorization = `Basic ${Buffer.from(`${webhook.username}:${webhook.password ?? ''}`).toString('base64')}`;
  }
  // The static authorization header wins over anything from `headers` (§1.5).
  if (webhook.authorizationHeader) headers.Authorization = webhook.authorizationHeader;
  const method = webhook.httpMethod.toUpperCase();
  let body: unknown = null;
  if (BODY_METHODS.has(method)) {
    if (webhook.forwardAll) body = data;
    else if (webhook.data) body = parseOrText(renderTemplate(webhook.data, escapeStrings(data)));
  }
  return { method, url, headers, body };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `escape_payload`: string values JSON-escaped so `"{{ alert_payload.title }}"` stays valid JSON. */
function escapeStrings(value: unknown): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return JSON.stringify(v).slice(1, -1);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as Record<string, unknown>;
}

/** One attempt: any HTTP status is a response (never retried); no response is a timeout or connection error. */
export async function sendAttempt(request: WebhookRequest, timeoutMs: number): Promise<AttemptOutcome> {
  const headers: Record<string, string> = { ...request.headers };
  let payload: string | undefined;
  if (request.body !== null) {
    payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    if (typeof request.body !== 'string') headers['Content-Type'] ??= 'application/json';
  }
  try {
    const response = await exchange({ method: request.method, url: request.url, headers, body: payload, timeoutMs });
    return { kind: 'response', status: response.status, content: parseOrText(response.text) };
  } catch (error) {
    if (error instanceof OutboundTimeout) return { kind: 'timeout' };
    return { kind: 'connection', error: describe(error) };
  }
}

/** The socket error code (e.g. `ECONNREFUSED`), else the message. */
function describe(error: unknown): string {
  const code = networkErrorCode(error);
  if (code) return code;
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : 'request failed';
}
