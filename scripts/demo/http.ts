/** Helpers for the demo's HTTP calls (it drives everything through public surfaces only). */
import type { z } from 'zod';

/** Awaits the call, checks its status and parses its body with `schema`. */
export async function expectStatus<S extends z.ZodType>(
  what: string,
  promise: Promise<{ status: number; body: unknown }>,
  status: number,
  schema: S,
): Promise<z.output<S>> {
  const res = await promise;
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return schema.parse(res.body);
}

/** Polls until `probe` returns a value, printing nothing; fails after `timeoutMs` naming `what`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
