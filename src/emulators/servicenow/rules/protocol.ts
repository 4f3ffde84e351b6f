/** Messages between the emulator's main thread and the worker that runs Business Rule scripts. */

export type Row = Record<string, string>;

/** Everything a rule run can see, computed by the main thread (the worker has no access to the store). */
export interface RuleContext {
  table: string;
  when: 'before' | 'after' | 'async';
  operation: 'insert' | 'update';
  fields: string[];
  current: Row;
  /** `null` on insert and in async rules. */
  previous: Row | null;
  display: Row;
  previousDisplay: Row | null;
  /** Formatted journal entries per element, newest first. */
  journal: Record<string, string[]>;
  /** Journal text this write adds (what `current.work_notes` holds). */
  pendingJournal: Row;
  userName: string;
  userSysId: string;
  interactive: boolean;
  properties: Row;
  /** Hand out Java-string-like objects instead of JS strings (the `javaStrings` setting). */
  javaStrings: boolean;
}

export interface RuleScript {
  name: string;
  script: string;
  condition?: string;
}

export interface OutboundRequest {
  method: string;
  url: string;
  headers: Row;
  body?: string;
  timeoutMs: number;
}

export type WorkerMessage =
  | { type: 'log'; rule: string; level: string; message: string }
  | { type: 'http'; id: number; rule: string; wait: boolean; request: OutboundRequest }
  | { type: 'ruleError'; rule: string; message: string }
  | { type: 'done'; current: Row; aborted: boolean };

export interface HttpReply {
  id: number;
  status: number;
  body: string;
  headers: Row;
  error?: string;
}

/** What a script sees of its world: the callbacks the sandbox builders use. */
export interface SandboxHost {
  context: RuleContext;
  rule: string;
  state: { current: Row; aborted: boolean };
  log(level: string, message: string): void;
  /** Starts an outbound request; returns its id. */
  send(request: OutboundRequest, wait: boolean): number;
  /** A string value as the script's getters hand it out: the text, or a Java-string-like object. */
  text(value: string): unknown;
  /** Blocks until the reply of `id` arrives or `timeoutMs` passes. */
  awaitReply(id: number, timeoutMs: number): HttpReply | undefined;
}
