/**
 * Each part of the bench runs as its own process so its CPU and memory can be read from `/proc`: the dev
 * server, the bridge, both emulators, the floor worker and the relay.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '../../..');

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** The process's output so far (last 20 kB), for error messages. */
  output(): string;
  /** Resolves with the first output line that matches. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  onLine(listener: (line: string) => void): void;
  stop(): Promise<void>;
}

/** Runs a built entry under `lib/` with node. */
export function spawnNode(name: string, entry: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(PROJECT_ROOT, 'lib', entry), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return wrap(name, child);
}

export function wrap(name: string, child: ChildProcess): Child {
  let out = '';
  let partial = '';
  const listeners: ((line: string) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    out = (out + text).slice(-20_000);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) for (const listener of listeners) listener(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  return {
    name,
    pid: child.pid,
    process: child,
    output: () => out,
    onLine: (listener) => void listeners.push(listener),
    waitForLine: (pattern, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const found = pattern.exec(out);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`${name}: no ${String(pattern)} in time\n${out}`)), timeoutMs);
        void exited.then(() => reject(new Error(`${name} exited early\n${out}`)));
        listeners.push((line) => {
          const match = pattern.exec(line);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          }
        });
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ProcSample {
  /** User plus system CPU time since the process started, in seconds. */
  cpuSeconds: number;
  rssMb: number;
}

const CLOCK_TICKS = 100;

/** Reads `/proc/<pid>/stat` (utime, stime) and `/proc/<pid>/status` (VmRSS). */
export function sample(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return { cpuSeconds: (utime + stime) / CLOCK_TICKS, rssMb: rssKb / 1024 };
}

/** CPU seconds a process used between two samples. */
export function cpuBetween(before: ProcSample, after: ProcSample): number {
  return after.cpuSeconds - before.cpuSeconds;
}

/** CPU ms per completed event of each named process between two samples of them all. */
export function cpuMsPerEventOf(
  before: Record<string, ProcSample>,
  after: Record<string, ProcSample>,
  events: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, first] of Object.entries(before)) {
    const last = after[name];
    if (last) out[name] = (cpuBetween(first, last) * 1000) / Math.max(1, events);
  }
  return out;
}

/** Samples every named process that is still running. */
export function sampleAll(pids: Record<string, number>): Record<string, ProcSample> {
  const out: Record<string, ProcSample> = {};
  for (const [name, pid] of Object.entries(pids)) {
    try {
      out[name] = sample(pid);
    } catch {
      // Gone (a scenario stopped it): nothing to report for it.
    }
  }
  return out;
}
