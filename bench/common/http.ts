/** The bench's HTTP calls: JSON in and out, failing loudly on an unexpected status. */
import { requestJson } from '../../src/http/json-request';

export { requestJson };

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
