import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, configSecrets, loadConfig } from '../../../src/config';

const key = Buffer.alloc(32, 7).toString('base64');

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'bridge-config-'));
}

describe('loadConfig', () => {
  it('when nothing is set, runs embedded with the documented defaults and generates dev secrets', () => {
    const dataDir = tempDir();
    const config = loadConfig({ BRIDGE_DATA_DIR: dataDir });
    expect(config.embedded).toBe(true);
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'oncall-servicenow',
      uiUrl: 'http://localhost:8233',
    });
    expect(config.http).toEqual({ port: 8080, publicUrl: 'http://localhost:8080' });
    expect(config.logLevel).toBe('info');
    expect(config.reconcileIntervalMs).toBe(5 * 60 * 1000);
    expect(config.webhookRateLimit).toBe(200);
    expect(config.workflowCacheSize).toBe(200);
    expect(readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim()).toBe(config.adminToken);
    expect(statSync(path.join(dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dataDir, 'codec-token'), 'utf8').trim()).toBe(config.codecToken);
    expect(statSync(path.join(dataDir, 'codec-token')).mode & 0o777).toBe(0o600);
    expect(config.codecToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(configSecrets(config)).toEqual([config.adminToken, config.codecToken, ...config.encryptionKeys]);
    expect(Buffer.from(config.encryptionKeys[0]!, 'base64')).toHaveLength(32);
  });

  it('makes the data dir owner-only, whether it is new or existed with wider modes', () => {
    const fresh = path.join(tempDir(), 'data');
    loadConfig({ BRIDGE_DATA_DIR: fresh });
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const existing = tempDir();
    chmodSync(existing, 0o755);
    loadConfig({ BRIDGE_DATA_DIR: existing });
    expect(statSync(existing).mode & 0o777).toBe(0o700);
  });

  it('when started again on the same data dir, reuses the generated secrets', () => {
    const dataDir = tempDir();
    const first = loadConfig({ BRIDGE_DATA_DIR: dataDir });
    const second = loadConfig({ BRIDGE_DATA_DIR: dataDir });
    expect(second.adminToken).toBe(first.adminToken);
    expect(second.codecToken).toBe(first.codecToken);
    expect(second.encryptionKeys).toEqual(first.encryptionKeys);
  });

  it('when TEMPORAL_ADDRESS is set, requires the admin token and the encryption key, naming both at once', () => {
    const error = captureError(() => loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', BRIDGE_DATA_DIR: tempDir() }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual([
      'BRIDGE_ADMIN_TOKEN: required when TEMPORAL_ADDRESS is set',
      'BRIDGE_ENCRYPTION_KEY: required when TEMPORAL_ADDRESS is set',
    ]);
  });

  it('reports every invalid value in one message', () => {
    const error = captureError(() =>
      loadConfig({
        BRIDGE_HTTP_PORT: 'eighty',
        BRIDGE_TEMPORAL_PORT: '70000',
        BRIDGE_LOG_LEVEL: 'loud',
        BRIDGE_PUBLIC_URL: 'not a url',
        BRIDGE_ENCRYPTION_KEY: 'c2hvcnQ=',
        BRIDGE_ADMIN_TOKEN: 'short',
        BRIDGE_WORKFLOW_CACHE_SIZE: '-5',
      }),
    );
    const fields = error.problems.map((problem) => problem.split(':')[0]);
    expect(fields.sort()).toEqual([
      'BRIDGE_ADMIN_TOKEN',
      'BRIDGE_ENCRYPTION_KEY',
      'BRIDGE_HTTP_PORT',
      'BRIDGE_LOG_LEVEL',
      'BRIDGE_PUBLIC_URL',
      'BRIDGE_TEMPORAL_PORT',
      'BRIDGE_WORKFLOW_CACHE_SIZE',
    ]);
    expect(error.message).toContain('Invalid configuration:');
  });

  it('takes a cluster configuration as given and never writes secrets to disk', () => {
    const dataDir = tempDir();
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'bridge',
      TEMPORAL_UI_URL: 'https://temporal.example.com/',
      BRIDGE_PUBLIC_URL: 'https://bridge.example.com/',
      BRIDGE_ADMIN_TOKEN: 'a-long-admin-token-value',
      BRIDGE_ENCRYPTION_KEY: `${key},${Buffer.alloc(32, 1).toString('base64')}`,
      BRIDGE_DATA_DIR: dataDir,
    });
    expect(config.embedded).toBe(false);
    expect(config.temporal.uiUrl).toBe('https://temporal.example.com');
    expect(config.http.publicUrl).toBe('https://bridge.example.com');
    expect(config.encryptionKeys).toHaveLength(2);
    expect(config.adminTokenSource).toBe('BRIDGE_ADMIN_TOKEN');
    expect(() => statSync(path.join(dataDir, 'admin-token'))).toThrow();
    expect(config.codecToken).toBeUndefined();
    expect(loadConfig({ ...clusterEnv(dataDir), BRIDGE_CODEC_TOKEN: 'c'.repeat(24) }).codecToken).toBe('c'.repeat(24));
    expect(captureError(() => loadConfig({ ...clusterEnv(dataDir), BRIDGE_CODEC_TOKEN: 'short' })).message).toContain(
      'BRIDGE_CODEC_TOKEN',
    );
  });

  it('metrics listen on 9464 by default, on any port with 0, and are off with BRIDGE_METRICS_PORT=off', () => {
    const env = clusterEnv(tempDir());
    expect(loadConfig(env).metricsPort).toBe(9464);
    expect(loadConfig({ ...env, BRIDGE_METRICS_PORT: '0' }).metricsPort).toBe(0);
    expect(loadConfig({ ...env, BRIDGE_METRICS_PORT: 'off' }).metricsPort).toBeUndefined();
    expect(captureError(() => loadConfig({ ...env, BRIDGE_METRICS_PORT: 'none' })).message).toContain(
      'BRIDGE_METRICS_PORT',
    );
  });

  it('traces are off by default and go to the OTLP endpoint when one is set, unless switched off', () => {
    const env = clusterEnv(tempDir());
    expect(loadConfig(env).tracing).toBeUndefined();
    const base = { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' };
    expect(loadConfig(base).tracing).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      serviceName: undefined,
    });
    expect(
      loadConfig({
        ...env,
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:1/x',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      }).tracing,
    ).toEqual({ tracesUrl: 'http://t:1/x', protocol: 'http/json', serviceName: undefined });
    expect(loadConfig({ ...base, OTEL_SDK_DISABLED: 'true' }).tracing).toBeUndefined();
    expect(loadConfig({ ...base, OTEL_TRACES_EXPORTER: 'none' }).tracing).toBeUndefined();
    expect(captureError(() => loadConfig({ ...base, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).message).toContain(
      'OTEL_EXPORTER_OTLP_PROTOCOL',
    );
  });
});

function clusterEnv(dataDir: string) {
  return {
    TEMPORAL_ADDRESS: 'temporal:7233',
    BRIDGE_ADMIN_TOKEN: 'a-long-admin-token-value',
    BRIDGE_ENCRYPTION_KEY: key,
    BRIDGE_DATA_DIR: dataDir,
  };
}

function captureError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected an error');
}
