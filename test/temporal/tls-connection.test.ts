/**
 * The bridge against a TLS-only Temporal endpoint that also wants a client certificate and an API key
 * (Temporal Cloud's shape), configured only through the SDK's `TEMPORAL_*` variables.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../src/config';
import { createTemporalClient } from '../../src/temporal/client';
import { connectionOptions } from '../../src/temporal/connection-config';
import { setUpIntegration, startRig } from '../helpers/e2e';
import { testServerAddress } from '../helpers/temporal';
import { createTestPki, startTlsFront, type TlsFront } from '../helpers/tls-front';

const API_KEY = randomBytes(16).toString('hex');

describe('a Temporal endpoint that requires TLS, a client certificate and an API key', () => {
  let front: TlsFront;
  let tlsEnv: Record<string, string>;

  beforeAll(async () => {
    const pki = await createTestPki();
    front = await startTlsFront({ upstream: testServerAddress(), pki, apiKey: API_KEY });
    const dir = mkdtempSync(path.join(tmpdir(), 'bridge-tls-'));
    const file = (name: string, pem: string) => {
      writeFileSync(path.join(dir, name), pem, { mode: 0o600 });
      return path.join(dir, name);
    };
    tlsEnv = {
      TEMPORAL_ADDRESS: front.address,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem', pki.ca),
      TEMPORAL_TLS_SERVER_NAME: pki.serverName,
      TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem', pki.client.cert),
      TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key', pki.client.key),
      TEMPORAL_API_KEY: API_KEY,
    };
  });

  afterAll(async () => {
    await front?.close();
  });

  /** The bridge's config from `tlsEnv` without the named variables. */
  function configWithout(...names: string[]) {
    const env: Record<string, string> = {
      ...tlsEnv,
      BRIDGE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'bridge-tls-')),
      BRIDGE_ADMIN_TOKEN: randomBytes(16).toString('hex'),
      BRIDGE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    for (const name of names) delete env[name];
    return loadConfig(env);
  }

  it('when the bridge has the CA, the server name, its certificate and the key, then its client and worker work through it', async () => {
    const rig = await startRig({ env: tlsEnv });
    try {
      const integration = await setUpIntegration(rig);
      expect(integration.oncallIntegrationId).toBeTruthy();
    } finally {
      await rig.close();
    }
    // The admin API's client started the setup; the worker polled for its tasks and completed them.
    const methods = new Set(front.relayed.map((method) => method.split('/').at(-1)));
    for (const method of [
      'StartWorkflowExecution',
      'PollWorkflowTaskQueue',
      'RespondWorkflowTaskCompleted',
      'PollActivityTaskQueue',
      'RespondActivityTaskCompleted',
    ]) {
      expect([method, methods.has(method)]).toEqual([method, true]);
    }
    expect(front.refused).toEqual([]);
  });

  it('when the API key is missing, then the client is refused as unauthenticated', async () => {
    const error = await createTemporalClient(configWithout('TEMPORAL_API_KEY')).catch((e: unknown) => e as Error);
    expect(String((error as Error).cause)).toMatch(/UNAUTHENTICATED: bad API key/);
    expect(front.refused.length).toBeGreaterThan(0);
  });

  it('when the client certificate is missing, then the endpoint ends the handshake', async () => {
    const config = configWithout('TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH');
    await expect(NativeConnection.connect(connectionOptions(config.temporal))).rejects.toThrow();
    expect(front.handshakeErrors).toEqual(expect.arrayContaining([expect.stringMatching(/certificate/i)]));
  });

  // The worker's connection (rustls) names the reason; the client's (grpc-js) only times out.
  it.each([
    ['the API key', ['TEMPORAL_API_KEY'], /valid authentication credentials/],
    ['the server name', ['TEMPORAL_TLS_SERVER_NAME'], /NotValidForName/],
    ['the CA', ['TEMPORAL_TLS_SERVER_CA_CERT_PATH'], /UnknownIssuer/],
  ])('when %s is missing, then the worker connection is refused', async (_what, names, reason) => {
    const config = configWithout(...names);
    await expect(NativeConnection.connect(connectionOptions(config.temporal))).rejects.toThrow(reason);
  });
});
