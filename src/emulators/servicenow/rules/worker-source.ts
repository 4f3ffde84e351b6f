import type * as vmModule from 'node:vm';
import type * as workerThreads from 'node:worker_threads';
import { makeGlobals } from './globals';
import { makeGlideRecord } from './glide-record';
import { makeJavaString } from './java-string';
import { makeRestMessage } from './rest-message';
import type { HttpReply, RuleContext, RuleScript, SandboxHost, WorkerMessage } from './protocol';

/** Data the worker starts with. `signal` wakes it when a reply is posted on `port`. */
export interface WorkerInput {
  signal: SharedArrayBuffer;
  port: workerThreads.MessagePort;
}

/** One write's rules: the worker runs one job at a time and answers it with a `done` message. */
export interface WorkerJob {
  scripts: RuleScript[];
  context: RuleContext;
  timeoutMs: number;
}

interface SandboxLib {
  makeJavaString: typeof makeJavaString;
  makeGlideRecord: typeof makeGlideRecord;
  makeGlobals: typeof makeGlobals;
  makeRestMessage: typeof makeRestMessage;
}

/**
 * The rule worker's entry point. `execute()` must block the script like on a real instance while the main
 * thread stays free (the listener it calls may live in the same process), so the worker posts the request
 * to the main thread and sleeps in `Atomics.wait` until the reply is on its port.
 */
function workerMain(wt: typeof workerThreads, vm: typeof vmModule, lib: SandboxLib): void {
  const input = wt.workerData as WorkerInput;
  const signal = new Int32Array(input.signal);
  const replies = new Map<number, HttpReply>();
  const post = (message: WorkerMessage): void => wt.parentPort!.postMessage(message);
  let nextId = 0;

  function drainReplies(): void {
    for (let m = wt.receiveMessageOnPort(input.port); m; m = wt.receiveMessageOnPort(input.port)) {
      const reply = m.message as HttpReply;
      replies.set(reply.id, reply);
    }
  }

  function awaitReply(id: number, timeoutMs: number): HttpReply | undefined {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(signal, 0);
      drainReplies();
      const reply = replies.get(id);
      if (reply) {
        replies.delete(id);
        return reply;
      }
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      Atomics.wait(signal, 0, seen, left);
    }
  }

  function runJob(job: WorkerJob): void {
    // Replies nobody waits for any more (executeAsync calls, timed-out waits) are dropped between jobs.
    drainReplies();
    replies.clear();
    const state = { current: { ...job.context.current }, aborted: false };
    for (const script of job.scripts) {
      const host: SandboxHost = {
        context: job.context,
        rule: script.name,
        state,
        log: (level, message) => post({ type: 'log', rule: script.name, level, message }),
        send: (request, wait) => {
          nextId += 1;
          post({ type: 'http', id: nextId, rule: script.name, wait, request });
          return nextId;
        },
        awaitReply,
        text: (value) => (job.context.javaStrings ? lib.makeJavaString(value) : value),
      };
      const isPrevious = job.context.previous !== null && job.context.when !== 'async';
      const sandbox = vm.createContext({
        current: lib.makeGlideRecord(host, true),
        previous: isPrevious ? lib.makeGlideRecord(host, false) : null,
        ...lib.makeGlobals(host),
        sn_ws: { RESTMessageV2: lib.makeRestMessage(host) },
      });
      try {
        const options = { timeout: job.timeoutMs, filename: `business-rule:${script.name}` };
        if (script.condition === undefined || vm.runInContext(script.condition, sandbox, options)) {
          vm.runInContext(script.script, sandbox, options);
        }
      } catch (error) {
        post({ type: 'ruleError', rule: script.name, message: error instanceof Error ? error.message : String(error) });
      }
      if (state.aborted) break;
    }
    post({ type: 'done', current: state.current, aborted: state.aborted });
  }

  wt.parentPort!.on('message', runJob);
}

/**
 * The worker's source text. The functions are self-contained, so their compiled text (from tsc or from the
 * jest transform alike) runs as is; this avoids needing a compiled worker file while tests run from source.
 */
export const WORKER_SOURCE = `(${workerMain.toString()})(require('node:worker_threads'), require('node:vm'), {
  makeJavaString: ${makeJavaString.toString()},
  makeGlideRecord: ${makeGlideRecord.toString()},
  makeGlobals: ${makeGlobals.toString()},
  makeRestMessage: ${makeRestMessage.toString()},
});`;
