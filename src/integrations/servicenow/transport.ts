import type { z } from 'zod';
import { HttpError, ResponseShapeError, sendRequest, type HttpResponse } from '../http';
import { describeShapeProblems } from '../shape-problems';
import { createAuthProvider } from './auth';
import { hibernatingError } from './errors';
import type { ServiceNowClientConfig } from './types';

export interface Call {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
}

export type Transport = <T extends z.ZodType>(
  request: Call,
  schema: T,
) => Promise<{ data: z.output<T>; response: HttpResponse }>;

/**
 * One Table API call: raw values (`sysparm_display_value=false`), bare sys_ids for references, the auth
 * header, the per-call timeout, the hibernation check and zod on the body.
 */
export function createTransport(config: ServiceNowClientConfig): Transport {
  const base = config.instanceUrl.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 10_000;
  const auth = createAuthProvider(base, config.auth, timeoutMs, config.guarded);

  async function send(call: Call, retried = false): Promise<HttpResponse> {
    const url = new URL(`${base}${call.path}`);
    const query = { sysparm_display_value: 'false', sysparm_exclude_reference_link: 'true', ...call.query };
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    try {
      return await sendRequest({
        method: call.method,
        url: url.toString(),
        headers: { authorization: await auth.header() },
        body: call.body,
        timeoutMs,
        secrets: auth.secrets(),
        system: 'servicenow',
        guarded: config.guarded,
        budget: config.budget,
      });
    } catch (error) {
      // An OAuth token can be revoked before it expires: one retry with a fresh token, as servicenow.itsm does.
      if (error instanceof HttpError && error.status === 401 && auth.canRetry && !retried) {
        auth.invalidate();
        return send(call, true);
      }
      throw error;
    }
  }

  async function call<T extends z.ZodType>(
    request: Call,
    schema: T,
  ): Promise<{ data: z.output<T>; response: HttpResponse }> {
    const response = await send(request);
    const body = response.body;
    // A hibernating developer instance answers 200 with an HTML wake-up page instead of `{"result": ...}`.
    if (body === null || typeof body !== 'object' || !('result' in body)) throw hibernatingError();
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new ResponseShapeError(`${request.method} ${request.path}: ${describeShapeProblems(body, parsed.error)}`);
    }
    return { data: parsed.data, response };
  }

  return call;
}
