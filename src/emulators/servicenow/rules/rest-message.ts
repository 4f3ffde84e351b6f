import type { HttpReply, SandboxHost } from './protocol';

/**
 * Builds `sn_ws.RESTMessageV2` for a rule script. Like makeGlideRecord, it runs inside the rule worker from
 * its source text, so it must not reference anything outside its own body.
 */
export function makeRestMessage(host: SandboxHost): unknown {
  function makeResponse(id: number, timeoutMs: number, async: boolean, first?: HttpReply): Record<string, unknown> {
    let reply: HttpReply | undefined = first;
    const get = (): HttpReply => {
      reply ??= host.awaitReply(id, timeoutMs) ?? { id, status: 0, body: '', headers: {}, error: 'No response' };
      return reply;
    };
    return {
      waitForResponse: (seconds: number) => {
        reply ??= host.awaitReply(id, Number(seconds) * 1000);
        if (!reply) throw new Error('Timed out waiting for the asynchronous response');
      },
      getStatusCode: () => get().status,
      getBody: () => get().body,
      getHeader: (name: string) => get().headers[String(name).toLowerCase()] ?? null,
      getHeaders: () => get().headers,
      haveError: () => get().error !== undefined || get().status >= 400,
      getErrorCode: () => (get().error !== undefined ? 1 : get().status >= 400 ? get().status : 0),
      getErrorMessage: () => get().error ?? (get().status >= 400 ? `Method failed: (${get().status})` : null),
      isAsync: () => async,
    };
  }

  function RESTMessageV2(this: Record<string, unknown>) {
    const request = {
      method: 'GET',
      url: '',
      headers: {} as Record<string, string>,
      body: undefined as string | undefined,
      timeoutMs: 60_000,
    };
    const query: string[] = [];
    const target = () =>
      query.length === 0 ? request.url : `${request.url}${request.url.includes('?') ? '&' : '?'}${query.join('&')}`;
    const start = (wait: boolean): number => {
      if (!/^https?:\/\//.test(request.url)) throw new Error(`Invalid endpoint: ${request.url}`);
      return host.send({ ...request, url: target(), headers: { ...request.headers } }, wait);
    };
    this.setEndpoint = (url: unknown) => void (request.url = String(url));
    this.getEndpoint = () => target();
    this.setHttpMethod = (method: unknown) => void (request.method = String(method).toUpperCase());
    this.setRequestHeader = (name: unknown, value: unknown) => void (request.headers[String(name)] = String(value));
    this.getRequestHeaders = () => ({ ...request.headers });
    this.setRequestBody = (body: unknown) => void (request.body = String(body));
    this.getRequestBody = () => request.body ?? '';
    this.setHttpTimeout = (ms: unknown) => void (request.timeoutMs = Math.max(1, Number(ms)));
    this.setQueryParameter = (name: unknown, value: unknown) =>
      void query.push(`${encodeURIComponent(String(name))}=${encodeURIComponent(String(value))}`);
    this.setBasicAuth = (user: unknown, password: unknown) =>
      void (request.headers.Authorization = `Basic ${btoa(`${String(user)}:${String(password)}`)}`);
    this.execute = () => {
      const id = start(true);
      const reply = host.awaitReply(id, request.timeoutMs + 1000);
      // Like the real execute(), a request that never answered throws instead of returning a response.
      if (!reply || reply.status === 0) throw new Error(reply?.error ?? `Request to ${request.url} timed out`);
      return makeResponse(id, 0, false, reply);
    };
    this.executeAsync = () => makeResponse(start(false), request.timeoutMs + 1000, true);
    return undefined;
  }

  return RESTMessageV2;
}
