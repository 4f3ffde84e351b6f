/**
 * The bridge's worker as a process of its own, from the current sources (compiled on load with swc, so the
 * test never runs a stale `lib/`), to be killed with SIGKILL in the middle of a pair's work.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setUpIntegration, startRig, type Rig, type SetUpIntegration } from '../../helpers/e2e';
import { waitFor } from '../../helpers/wait';

export interface WorkerProcess {
  pid: number;
  output(): string;
  /** Sends `signal` (unless it already exited) and resolves with its exit code (`null`: killed by a signal). */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

const ROOT = path.resolve(__dirname, '../../..');

/** Registers a `.ts` loader (swc, CommonJS) and runs `src/worker.ts`, as `npm run start:worker` would. */
const BOOT = `
const fs = require('node:fs');
const swc = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  });
  module._compile(code, filename);
};
require('./src/worker.ts');
`;

export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-e', BOOT], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor(
    () => {
      if (gone) throw new Error(`worker exited: ${out}`);
      return out.includes('worker polling');
    },
    { timeoutMs: 45_000, what: 'the worker process polling' },
  );
  return {
    pid: child.pid!,
    output: () => out,
    kill: async (signal) => {
      if (!gone) child.kill(signal);
      return exited;
    },
  };
}

/**
 * An e2e rig whose worker runs as a process of its own, so a test can kill it mid-pair, with one
 * integration set up; `restart()` kills the worker with SIGKILL and starts another.
 */
export function useWorkerProcessRig(onStarted: (started: { rig: Rig; integration: SetUpIntegration }) => void): {
  restart(): Promise<void>;
} {
  let rig: Rig | undefined;
  let worker: WorkerProcess | undefined;
  const start = () => startWorkerProcess({ ...rig!.env, BRIDGE_LOG_LEVEL: 'info' });
  beforeAll(async () => {
    rig = await startRig({ worker: false });
    worker = await start();
    onStarted({ rig, integration: await setUpIntegration(rig) });
  });
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await rig?.close();
  });
  return {
    async restart() {
      await worker?.kill('SIGKILL');
      worker = await start();
    },
  };
}
