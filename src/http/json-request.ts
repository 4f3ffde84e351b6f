/**
 * JSON over HTTP for the programs that drive the bridge from outside (the demo, the bench): any status is
 * an answer for the caller to judge, and a body that is not JSON is kept as text.
 */
import { exchange } from './outbound';

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  /** By lower-case name. */
  headers: Record<string, string>;
}

export async function requestJson<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<JsonResponse<T>> {
  const res = await exchange({
    method,
    url,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs,
    // A bench or demo run must not end on a keep-alive socket the server had just closed.
    retryStaleSocket: true,
  });
  let parsed: unknown = res.text;
  try {
    parsed = res.text ? JSON.parse(res.text) : undefined;
  } catch {
    // Not JSON: the text is kept, for the caller's error message.
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
