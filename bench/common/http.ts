/** The bench's HTTP calls: JSON in and out, failing loudly on an unexpected status. */

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function requestJson<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // A non-JSON answer is kept as text for the error message.
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** Like `requestJson`, but throws unless the status is one of `expected`. */
export async function expectJson<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  options: { headers?: Record<string, string>; expected?: number[] } = {},
): Promise<T> {
  const res = await requestJson<T>(method, url, body, options.headers);
  const expected = options.expected ?? [200, 201, 202];
  if (!expected.includes(res.status)) {
    const detail = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    throw new Error(`${method} ${new URL(url).pathname} answered ${res.status}: ${detail.slice(0, 300)}`);
  }
  return res.body;
}
