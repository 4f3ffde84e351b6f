import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { HttpReply, OutboundRequest, Row, RuleContext, RuleScript, WorkerMessage } from './protocol';
import { exchange, OutboundTimeout } from '../../../http/outbound';
import { maskHeaders, type RuleLog } from './rule-log';
import { WORKER_SOURCE, type WorkerInput, type WorkerJob } from './worker-source';

export interface RunResult {
  current: Row;
  aborted: boolean;
}

/** A rule worker and the channel its blocking `execute()` calls are answered on. */
interface RuleWorker {
  worker: Worker;
  replies: MessagePort;
  signal: SharedArrayBuffer;
}

/**
 * Rule runs at once. An instance node runs a bounded number of transactions and queues the rest; here a
 * burst of writes would otherwise start a worker each, and starting one costs tens of milliseconds of CPU.
 */
const MAX_WORKERS = 8;

/**
 * Runs rule scripts in up to `MAX_WORKERS` worker threads and serves their outbound HTTP from this thread.
 * A worker runs one write's rules at a time, every script in a fresh vm context (nothing leaks between
 * writes), then waits for the next; one whose run timed out or crashed is replaced. Further runs queue.
 * Requests started with `executeAsync` go on after the run, as on a real instance.
 */
export function createRuleRunner() {
  const idle: RuleWorker[] = [];
  const all = new Set<RuleWorker>();
  const waiting: (() => void)[] = [];

  function spawn(): RuleWorker {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const input: WorkerInput = { signal, port: port2 };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input, transferList: [port2] });
    const entry = { worker, replies: port1, signal };
    all.add(entry);
    void new Promise((resolve) => worker.once('exit', resolve)).then(() => discard(entry));
    return entry;
  }

  function discard(entry: RuleWorker): void {
    if (!all.delete(entry)) return;
    const at = idle.indexOf(entry);
    if (at >= 0) idle.splice(at, 1);
    entry.replies.close();
    void entry.worker.terminate();
    waiting.shift()?.();
  }

  function release(entry: RuleWorker): void {
    if (!all.has(entry)) return;
    // An idle worker must not keep the emulator's process alive.
    entry.worker.unref();
    entry.replies.unref();
    idle.push(entry);
    waiting.shift()?.();
  }

  async function acquire(): Promise<RuleWorker> {
    for (;;) {
      const entry = idle.pop() ?? (all.size < MAX_WORKERS ? spawn() : undefined);
      if (entry) return entry;
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  }

  async function run(scripts: RuleScript[], context: RuleContext, log: RuleLog, timeoutMs: number) {
    const entry = await acquire();
    entry.worker.ref();
    entry.replies.ref();
    const unchanged: RunResult = { current: context.current, aborted: false };
    const names = scripts.map((s) => s.name).join(',');
    return await new Promise<RunResult>((resolve) => {
      let settled = false;
      const finish = (result: RunResult, reusable: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        entry.worker.off('message', onMessage);
        entry.worker.off('error', onError);
        entry.worker.off('exit', onExit);
        if (reusable) release(entry);
        else discard(entry);
        resolve(result);
      };
      const onMessage = (message: WorkerMessage): void => {
        if (message.type === 'done') return finish({ current: message.current, aborted: message.aborted }, true);
        if (message.type === 'log')
          return log.add({ rule: message.rule, level: message.level, message: message.message });
        if (message.type === 'ruleError')
          return log.add({ rule: message.rule, level: 'exception', message: message.message });
        void serveRequest(message.id, message.rule, message.request, entry, log);
      };
      const onError = (error: Error): void => {
        log.add({ rule: names, level: 'exception', message: error.message });
        finish(unchanged, false);
      };
      const onExit = (): void => finish(unchanged, false);
      const timer = setTimeout(() => {
        log.add({ rule: names, level: 'exception', message: `timed out after ${timeoutMs} ms` });
        finish(unchanged, false);
      }, timeoutMs + 2000);
      entry.worker.on('message', onMessage);
      entry.worker.on('error', onError);
      entry.worker.on('exit', onExit);
      const job: WorkerJob = { scripts, context, timeoutMs };
      entry.worker.postMessage(job);
    });
  }

  return {
    run,
    /** Stops every worker, idle or busy. */
    async close(): Promise<void> {
      const workers = [...all];
      all.clear();
      idle.length = 0;
      waiting.length = 0;
      await Promise.all(workers.map((entry) => entry.worker.terminate()));
    },
  };
}
export type RuleRunner = ReturnType<typeof createRuleRunner>;

async function serveRequest(
  id: number,
  rule: string,
  request: OutboundRequest,
  entry: RuleWorker,
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
  // A closed port (the run timed out and its worker is gone) drops the reply.
  entry.replies.postMessage(reply);
  const flag = new Int32Array(entry.signal);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
}

async function perform(id: number, request: OutboundRequest): Promise<HttpReply> {
  try {
    const response = await exchange({
      method: request.method,
      url: request.url,
      headers: { 'User-Agent': 'ServiceNow/1.0', ...request.headers },
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
      timeoutMs: request.timeoutMs,
    });
    return { id, status: response.status, body: response.text, headers: response.headers };
  } catch (error) {
    if (error instanceof OutboundTimeout) return { id, status: 0, body: '', headers: {}, error: 'timeout' };
    const message = error instanceof Error ? error.message : String(error);
    return { id, status: 0, body: '', headers: {}, error: message };
  }
}
