import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configSecrets, ConfigError, loadConfig } from '../../../src/config';
import { connectionOptions } from '../../../src/temporal/connection-config';

const CLUSTER = {
  TEMPORAL_ADDRESS: 'my-ns.a1b2c.tmprl.cloud:7233',
  BRIDGE_ADMIN_TOKEN: 'a'.repeat(32),
  BRIDGE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

function dir(): string {
  return mkdtempSync(path.join(tmpdir(), 'bridge-tls-config-'));
}

function load(env: Record<string, string>) {
  return loadConfig({ BRIDGE_DATA_DIR: dir(), ...env });
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the Temporal connection settings', () => {
  it('when only an address is set, then the connection is plain gRPC with no credential', () => {
    const { temporal } = load(CLUSTER);
    expect(connectionOptions(temporal)).toEqual({ address: 'my-ns.a1b2c.tmprl.cloud:7233' });
  });

  it('when an API key is set, then TLS is on with the system CAs and the key is a secret the logger masks', () => {
    const config = load({ ...CLUSTER, TEMPORAL_API_KEY: 'cloud-key-123' });
    expect(connectionOptions(config.temporal)).toEqual({
      address: CLUSTER.TEMPORAL_ADDRESS,
      tls: true,
      apiKey: 'cloud-key-123',
    });
    expect(configSecrets(config)).toContain('cloud-key-123');
  });

  it('when TEMPORAL_TLS is true, then TLS is on without further settings; false turns it off', () => {
    expect(load({ ...CLUSTER, TEMPORAL_TLS: 'true' }).temporal.tls).toEqual({});
    expect(load({ ...CLUSTER, TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' }).temporal.tls).toBe(false);
  });

  it('reads the mTLS pair, the CA and the server name from files, as the Temporal CLI does', () => {
    const d = dir();
    const write = (name: string, text: string) => (writeFileSync(path.join(d, name), text), path.join(d, name));
    const { temporal } = load({
      ...CLUSTER,
      TEMPORAL_TLS_CLIENT_CERT_PATH: write('client.pem', 'CLIENT CERT'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: write('client.key', 'CLIENT KEY'),
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: write('ca.pem', 'CA CERT'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(temporal.tls).toEqual({
      serverNameOverride: 'temporal.internal',
      serverRootCACertificate: Uint8Array.from(Buffer.from('CA CERT')),
      clientCertPair: {
        crt: Uint8Array.from(Buffer.from('CLIENT CERT')),
        key: Uint8Array.from(Buffer.from('CLIENT KEY')),
      },
    });
  });

  it('takes the PEM text itself from the _DATA variables (for secrets passed as environment)', () => {
    const { temporal } = load({ ...CLUSTER, TEMPORAL_TLS_CLIENT_CERT_DATA: 'C', TEMPORAL_TLS_CLIENT_KEY_DATA: 'K' });
    expect(temporal.tls).toEqual(
      expect.objectContaining({ clientCertPair: { crt: Buffer.from('C'), key: Buffer.from('K') } }),
    );
  });

  it('treats blank values as unset (compose passes ${VAR:-})', () => {
    const { temporal } = load({ ...CLUSTER, TEMPORAL_API_KEY: '', TEMPORAL_TLS_SERVER_NAME: ' ' });
    expect(connectionOptions(temporal)).toEqual({ address: CLUSTER.TEMPORAL_ADDRESS });
  });

  it('reports a certificate without its key, an unreadable file, and TLS without an address', () => {
    expect(problemsOf({ ...CLUSTER, TEMPORAL_TLS_CLIENT_CERT_DATA: 'C' })).toEqual([
      expect.stringMatching(/set both or neither/),
    ]);
    expect(problemsOf({ ...CLUSTER, TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/nonexistent/ca.pem' })).toEqual([
      expect.stringMatching(/Temporal connection: .*\/nonexistent\/ca\.pem/),
    ]);
    expect(problemsOf({ TEMPORAL_API_KEY: 'k' })).toEqual([expect.stringMatching(/need TEMPORAL_ADDRESS/)]);
  });

  it('reads a TOML profile only when TEMPORAL_CONFIG_FILE names one, and the environment overrides it', () => {
    const d = dir();
    const file = path.join(d, 'temporal.toml');
    writeFileSync(
      file,
      [
        '[profile.default]',
        'address = "file-default:7233"',
        '[profile.cloud]',
        'address = "prod.a1b2c.tmprl.cloud:7233"',
        'namespace = "prod.a1b2c"',
        'api_key = "from-file"',
        '',
      ].join('\n'),
    );
    const base = {
      BRIDGE_ADMIN_TOKEN: CLUSTER.BRIDGE_ADMIN_TOKEN,
      BRIDGE_ENCRYPTION_KEY: CLUSTER.BRIDGE_ENCRYPTION_KEY,
    };
    const cloud = load({ ...base, TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'cloud' });
    expect(cloud.embedded).toBe(false);
    expect(cloud.temporal).toEqual(
      expect.objectContaining({ address: 'prod.a1b2c.tmprl.cloud:7233', namespace: 'prod.a1b2c', apiKey: 'from-file' }),
    );
    const overridden = load({
      ...base,
      TEMPORAL_CONFIG_FILE: file,
      TEMPORAL_PROFILE: 'cloud',
      TEMPORAL_NAMESPACE: 'other',
    });
    expect(overridden.temporal.namespace).toBe('other');
  });
});
