/**
 * Runs `temporal server start-dev` as a child process and waits until the frontend answers. The SDK's own
 * ephemeral server gives up after 5 s, too little on a busy 2-core machine, so the bridge starts it itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { searchAttributeFlags } from '../../workflows/search-attributes';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  /** Web UI port; `undefined` runs headless. */
  uiPort?: number;
  /** SQLite file; `undefined` keeps everything in memory. */
  dbFilename?: string;
  namespace?: string;
  codecEndpoint?: string;
  extraArgs?: string[];
  /** How long to wait for the frontend, in ms. */
  startTimeoutMs?: number;
  /** Where the server's own output goes; by default it is discarded unless it fails to start. */
  output?: 'inherit' | 'ignore';
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function devServerArgs(options: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  args.push('--log-level', 'warn', '--log-format', 'json');
  if (options.namespace && options.namespace !== 'default') args.push('--namespace', options.namespace);
  if (options.dbFilename) args.push('--db-filename', options.dbFilename);
  if (options.uiPort === undefined) {
    args.push('--headless');
  } else {
    args.push('--ui-port', String(options.uiPort), '--ui-disable-news-fetch');
    if (options.codecEndpoint) args.push('--ui-codec-endpoint', options.codecEndpoint);
  }
  args.push(...searchAttributeFlags(), ...(options.extraArgs ?? []));
  return args;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const child = spawn(options.cliPath, devServerArgs(options), {
    stdio: ['ignore', options.output === 'inherit' ? 'inherit' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    if (options.output === 'inherit') process.stderr.write(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitForFrontend(address, options.startTimeoutMs ?? 60_000, exited);
  } catch (error) {
    child.kill('SIGKILL');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Temporal dev server did not start: ${reason}\n${stderr.trim()}`);
  }
  return {
    address,
    uiUrl: options.uiPort === undefined ? undefined : `http://localhost:${options.uiPort}`,
    process: child,
    stop: () => stopProcess(child, exited),
  };
}

/** Polls the health check until the frontend serves, the child exits, or the deadline passes. */
async function waitForFrontend(address: string, timeoutMs: number, exited: Promise<number | null>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the process exited with code ${String(exitCode)}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.healthService.check({});
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      if (Date.now() > deadline) throw new Error(`no answer on ${address} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** SIGTERM, then SIGKILL if the server has not exited within 10 s. */
async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
