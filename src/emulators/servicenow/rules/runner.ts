import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { HttpReply, OutboundRequest, Row, RuleContext, RuleScript, WorkerMessage } from './protocol';
import { maskHeaders, type RuleLog } from './rule-log';
import { WORKER_SOURCE, type WorkerInput } from './worker-source';

export interface RunResult {
  current: Row;
  aborted: boolean;
}

/**
 * Runs rule scripts in a fresh worker and serves their outbound HTTP from this thread. Resolves when the
 * scripts are done; requests started with `executeAsync` go on after that, as on a real instance.
 */
export function runScripts(
  scripts: RuleScript[],
  context: RuleContext,
  log: RuleLog,
  timeoutMs: number,
): Promise<RunResult> {
  const { port1, port2 } = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  const input: WorkerInput = { scripts, context, signal, port: port2, timeoutMs };
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input, transferList: [port2] });
  const unchanged: RunResult = { current: context.current, aborted: false };
  return new Promise<RunResult>((resolve) => {
    let settled = false;
    const finish = (result: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      port1.unref();
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => {
      log.add({
        rule: scripts.map((s) => s.name).join(','),
        level: 'exception',
        message: `timed out after ${timeoutMs} ms`,
      });
      finish(unchanged);
    }, timeoutMs + 2000);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'done') return finish({ current: message.current, aborted: message.aborted });
      if (message.type === 'log')
        return log.add({ rule: message.rule, level: message.level, message: message.message });
      if (message.type === 'ruleError')
        return log.add({ rule: message.rule, level: 'exception', message: message.message });
      void serveRequest(message.id, message.rule, message.request, port1, signal, log);
    });
    worker.on('error', (error) => {
      log.add({ rule: scripts.map((s) => s.name).join(','), level: 'exception', message: error.message });
      finish(unchanged);
    });
    worker.on('exit', () => finish(unchanged));
  });
}

async function serveRequest(
  id: number,
  rule: string,
  request: OutboundRequest,
  port: MessagePort,
  signal: SharedArrayBuffer,
  log: RuleLog,
): Promise<void> {
  const reply = await perform(id, request);
  log.add({
    rule,
    level: 'request',
    message: `${request.method} ${request.url} -> ${reply.error ?? reply.status}`,
    request: { method: request.method, url: request.url, headers: maskHeaders(request.headers), body: request.body },
    ...(reply.error === undefined ? { response: { status: reply.status, body: reply.body } } : { error: reply.error }),
  });
  port.postMessage(reply);
  const flag = new Int32Array(signal);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

async function perform(id: number, request: OutboundRequest): Promise<HttpReply> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { 'User-Agent': 'ServiceNow/1.0', ...request.headers },
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const headers: Row = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { id, status: response.status, body: await response.text(), headers };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return { id, status: 0, body: '', headers: {}, error: timedOut ? 'timeout' : cause };
  }
}
