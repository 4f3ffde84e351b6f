/**
 * The bridge's configuration (bridge.md §3): the only module that reads `process.env`. Parsed once at
 * start-up; every problem is reported in one message. In embedded mode (no `TEMPORAL_ADDRESS`) the admin
 * token and the encryption key are generated into the data dir on first start and reused afterwards.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ownerOnlyDir } from './data-dir';
import { TASK_QUEUE } from '../workflows/ids';
import {
  loadTemporalConnection,
  TemporalConnectionEnvSchema,
  type TemporalConnectionConfig,
} from './temporal/connection-config';
import { tracingConfig, TracingEnvSchema, type TracingConfig } from './observability/tracing-config';

const port = z.coerce.number().int().min(1).max(65535);
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

export const EnvSchema = z.object({
  /** Temporal frontend address. @default unset: the embedded dev server on 127.0.0.1:BRIDGE_TEMPORAL_PORT */
  TEMPORAL_ADDRESS: optionalText,
  /** @default default */
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** @default oncall-servicenow */
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  /** Base of links to pairs. @default http://localhost:<BRIDGE_TEMPORAL_UI_PORT> when embedded */
  TEMPORAL_UI_URL: optionalText.pipe(z.url().optional()),
  /** TLS, mTLS and API key (Temporal Cloud): see src/temporal/connection-config.ts. */
  ...TemporalConnectionEnvSchema.shape,
  /** OpenTelemetry traces (off unless an OTLP endpoint is set): see src/observability/tracing-config.ts. */
  ...TracingEnvSchema.shape,
  /** @default 7233 */
  BRIDGE_TEMPORAL_PORT: port.default(7233),
  /** @default 8233 */
  BRIDGE_TEMPORAL_UI_PORT: port.default(8233),
  /** @default 8080 */
  BRIDGE_HTTP_PORT: port.default(8080),
  /**
   * The metrics listener (`GET /metrics`, no token; keep it off the internet). `0`: any free port; `off`: no
   * listener and nothing counted (the bench's baseline). @default 9464
   */
  BRIDGE_METRICS_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(9464),
  /** The URL OnCall and ServiceNow use to reach the bridge. @default http://localhost:<BRIDGE_HTTP_PORT> */
  BRIDGE_PUBLIC_URL: optionalText.pipe(z.url().optional()),
  /** @default ./data */
  BRIDGE_DATA_DIR: z.string().min(1).default('./data'),
  /** Bearer token of the admin API. @default generated into the data dir when embedded */
  BRIDGE_ADMIN_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /**
   * Credential of the codec endpoint for the Temporal Web UI, which cannot send a header: the UI's codec
   * endpoint is `<public URL>/codec/<token>`. @default generated into the data dir when embedded; unset
   * otherwise, and then the codec accepts only `Authorization: Bearer` (admin or codec token).
   */
  BRIDGE_CODEC_TOKEN: optionalText.pipe(
    z
      .string()
      .min(24, 'must be at least 24 characters')
      .regex(/^[A-Za-z0-9_-]+$/, 'must be URL-safe: letters, digits, _ and -')
      .optional(),
  ),
  /** 32-byte base64 key(s) of the payload codec, newest first, comma-separated for rotation. */
  BRIDGE_ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .refine((value) => value.split(',').every(isKey), 'must be 32 bytes in base64 (comma-separate old keys)')
      .optional(),
  ),
  /** @default info */
  BRIDGE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** `json` lines for machines, `pretty` for people. @default pretty for `npm start` on a terminal, else json */
  BRIDGE_LOG_FORMAT: optionalText.pipe(z.enum(['json', 'pretty']).optional()),
  /** Development switch: allow http:// and loopback URLs for ServiceNow and OnCall. @default false */
  BRIDGE_ALLOW_INSECURE_URLS: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  /**
   * Webhook calls per second each integration may make (per source), with bursts of ten times that.
   * Generous on purpose: OnCall never re-sends a refused webhook. @default 200
   */
  BRIDGE_WEBHOOK_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(200),
  /**
   * Pair workflows the worker keeps in memory between events; an evicted pair replays its short history on
   * its next event. The bench measured about 0.3 MB per cached pair. @default 200
   */
  BRIDGE_WORKFLOW_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(200),
  /** Interval of each integration's reconciliation Schedule: `90s`, `5m`, `1h` or plain seconds. @default 5m */
  BRIDGE_RECONCILE_INTERVAL: z
    .string()
    .default('5m')
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'must be a duration such as 30s, 5m or 1h' });
      return ms ?? 0;
    }),
});

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** `90s`, `5m`, `1h` or a number of seconds; at least one second. */
function parseDuration(value: string): number | undefined {
  const match = /^\s*(\d+)\s*([smh]?)\s*$/.exec(value);
  if (!match) return undefined;
  const ms = Number(match[1]) * (UNIT_MS[match[2] || 's'] ?? 1000);
  return ms >= 1000 ? ms : undefined;
}

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  embedded: boolean;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    uiUrl: string | undefined;
  } & Pick<TemporalConnectionConfig, 'tls' | 'apiKey' | 'metadata'>;
  devServer: { port: number; uiPort: number; dbFile: string };
  http: { port: number; publicUrl: string };
  /** Undefined: metrics off (`BRIDGE_METRICS_PORT=off`). */
  metricsPort: number | undefined;
  dataDir: string;
  adminToken: string;
  /** Where the admin token can be read, for the banner (never the token itself). */
  adminTokenSource: string;
  /** The codec endpoint's own token (see `BRIDGE_CODEC_TOKEN`); undefined when none is configured. */
  codecToken: string | undefined;
  encryptionKeys: string[];
  logLevel: Env['BRIDGE_LOG_LEVEL'];
  /** Unset: the entry file decides (pretty for `npm start` on a terminal). */
  logFormat: Env['BRIDGE_LOG_FORMAT'];
  allowInsecureUrls: boolean;
  /** Interval of the reconciliation Schedules, in milliseconds. */
  reconcileIntervalMs: number;
  webhookRateLimit: number;
  workflowCacheSize: number;
  /** Where traces go; undefined when they are off (the default). */
  tracing: TracingConfig | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function isKey(value: string): boolean {
  return /^[A-Za-z0-9+/=_-]+$/.test(value.trim()) && Buffer.from(value.trim(), 'base64').length === 32;
}

/** Parses the environment; throws `ConfigError` listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const loaded = loadTemporalConnection(env);
  if ('problems' in loaded) throw new ConfigError(loaded.problems);
  const connection = loaded.connection;
  const embedded = connection.address === undefined;
  const dataDir = path.resolve(e.BRIDGE_DATA_DIR);
  const problems: string[] = [];
  if (!embedded && !e.BRIDGE_ADMIN_TOKEN) problems.push('BRIDGE_ADMIN_TOKEN: required when TEMPORAL_ADDRESS is set');
  if (!embedded && !e.BRIDGE_ENCRYPTION_KEY)
    problems.push('BRIDGE_ENCRYPTION_KEY: required when TEMPORAL_ADDRESS is set');
  if (problems.length > 0) throw new ConfigError(problems);

  const adminToken = e.BRIDGE_ADMIN_TOKEN ?? devSecret(dataDir, 'admin-token', () => randomBytes(24).toString('hex'));
  const codecToken =
    e.BRIDGE_CODEC_TOKEN ??
    (embedded ? devSecret(dataDir, 'codec-token', () => randomBytes(24).toString('base64url')) : undefined);
  const encryptionKey =
    e.BRIDGE_ENCRYPTION_KEY ?? devSecret(dataDir, 'encryption-key', () => randomBytes(32).toString('base64'));
  return {
    embedded,
    temporal: {
      address: connection.address ?? `127.0.0.1:${e.BRIDGE_TEMPORAL_PORT}`,
      namespace: connection.namespace ?? e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiUrl: stripSlash(e.TEMPORAL_UI_URL ?? (embedded ? `http://localhost:${e.BRIDGE_TEMPORAL_UI_PORT}` : undefined)),
      tls: connection.tls,
      apiKey: connection.apiKey,
      metadata: connection.metadata,
    },
    devServer: {
      port: e.BRIDGE_TEMPORAL_PORT,
      uiPort: e.BRIDGE_TEMPORAL_UI_PORT,
      dbFile: path.join(dataDir, 'temporal.db'),
    },
    metricsPort: e.BRIDGE_METRICS_PORT === 'off' ? undefined : e.BRIDGE_METRICS_PORT,
    http: {
      port: e.BRIDGE_HTTP_PORT,
      publicUrl: stripSlash(e.BRIDGE_PUBLIC_URL ?? `http://localhost:${e.BRIDGE_HTTP_PORT}`),
    },
    dataDir,
    adminToken,
    adminTokenSource: e.BRIDGE_ADMIN_TOKEN ? 'BRIDGE_ADMIN_TOKEN' : path.join(dataDir, 'admin-token'),
    codecToken,
    encryptionKeys: encryptionKey.split(',').map((key) => key.trim()),
    logLevel: e.BRIDGE_LOG_LEVEL,
    logFormat: e.BRIDGE_LOG_FORMAT,
    allowInsecureUrls: e.BRIDGE_ALLOW_INSECURE_URLS,
    reconcileIntervalMs: e.BRIDGE_RECONCILE_INTERVAL,
    webhookRateLimit: e.BRIDGE_WEBHOOK_RATE_LIMIT,
    workflowCacheSize: e.BRIDGE_WORKFLOW_CACHE_SIZE,
    tracing: tracingConfig(e),
  };
}

/** Every secret the configuration holds, for the logger to mask as a last line of defence. */
export function configSecrets(config: Config): string[] {
  return [
    config.adminToken,
    ...(config.codecToken ? [config.codecToken] : []),
    ...(config.temporal.apiKey ? [config.temporal.apiKey] : []),
    ...config.encryptionKeys,
  ];
}

/** A development secret kept in the data dir (mode 0600): created once, then read back on every start. */
function devSecret(dataDir: string, name: string, generate: () => string): string {
  const file = path.join(dataDir, name);
  ownerOnlyDir(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = generate();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

function stripSlash<T extends string | undefined>(url: T): T {
  return (url === undefined ? url : url.replace(/\/+$/, '')) as T;
}
