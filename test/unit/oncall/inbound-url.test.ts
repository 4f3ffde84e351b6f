import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { createSetupActivities } from '../../../activities/setup';
import { UrlRefusedError } from '../../../src/http/url-guard';
import { classifyOnCallError, createOnCallClient } from '../../../src/integrations/oncall';
import type { OnCallClient, OnCallIntegration } from '../../../src/integrations/oncall/types';
import { classifyServiceNowError } from '../../../src/integrations/servicenow';
import { createEncryptionKey, type Keyring } from '../../../src/security/keyring';
import { openSecret, sealSecret } from '../../../src/security/sealed';

const keyring: Keyring = { current: createEncryptionKey(randomBytes(32)) };

async function countingServer(): Promise<{ url: string; requests: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    res.end('Ok.');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests, server };
}

/** An OnCall API that answers with an inbound URL pointing into the bridge's own network. */
function onCallHandingOut(link: string, posted: string[]): OnCallClient {
  const integration: OnCallIntegration = { id: 'CEVIL1', name: 'bridge', type: 'formatted_webhook', link };
  const client: Partial<OnCallClient> = {
    createIntegration: () => Promise.resolve(integration),
    getIntegration: () => Promise.resolve(integration),
    sendAlert: (url) => {
      posted.push(url);
      return Promise.resolve();
    },
  };
  return client as OnCallClient;
}

function setupActivities(link: string, posted: string[], allowInsecureUrls = false) {
  return createSetupActivities({
    keyring,
    allowInsecureUrls,
    serviceNowClient: () => {
      throw new Error('not used');
    },
    onCallClient: () => onCallHandingOut(link, posted),
    classifyServiceNow: classifyServiceNowError,
    classifyOnCall: classifyOnCallError,
  });
}

const access = { apiUrl: 'https://oncall.example.com', apiTokenSealed: sealSecret('oncall-key-1', keyring) };

describe('the inbound alert URL that OnCall hands back', () => {
  it.each([
    'http://127.0.0.1:8080/integrations/v1/formatted_webhook/abc/',
    'https://127.0.0.1/integrations/v1/formatted_webhook/abc/',
    'https://169.254.169.254/latest/meta-data/',
    'https://[::1]/integrations/v1/formatted_webhook/abc/',
    'https://localhost/integrations/v1/formatted_webhook/abc/',
  ])('is refused at setup when it is %s, and no alert is posted there', async (link) => {
    const posted: string[] = [];
    const activities = setupActivities(link, posted);
    for (const attempt of [
      () => activities.ensureOnCallIntegration({ ...access, name: 'bridge' }),
      () => activities.ensureOnCallIntegration({ ...access, name: 'bridge', integrationId: 'CEVIL1' }),
      () => activities.sendDemoAlert({ ...access, integrationId: 'CEVIL1' }),
    ]) {
      const failure = await attempt().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect((failure as ApplicationFailure).type).toBe('url_refused');
      expect((failure as ApplicationFailure).nonRetryable).toBe(true);
      expect((failure as ApplicationFailure).message).not.toContain('abc');
    }
    expect(posted).toEqual([]);
  });

  it('is taken when insecure URLs are allowed (development, the emulators), and leaves the worker sealed', async () => {
    const link = 'http://127.0.0.1:8080/integrations/v1/formatted_webhook/abc/';
    const result = await setupActivities(link, [], true).ensureOnCallIntegration({ ...access, name: 'bridge' });
    expect(result).toMatchObject({ id: 'CEVIL1', created: true });
    expect(result.inboundUrl).not.toContain('abc');
    expect(openSecret(result.inboundUrl!, keyring)).toBe(link);
  });

  it('is refused again when the guarded client posts, before anything reaches the address', async () => {
    const target = await countingServer();
    try {
      const client = createOnCallClient({ apiUrl: 'https://oncall.example.com', apiToken: 'k-123456', guarded: true });
      for (const url of [`${target.url}/integrations/v1/formatted_webhook/abc/`, `https://localhost:1/x/`]) {
        const error = await client.sendAlert(url, { title: 'x' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UrlRefusedError);
        expect(classifyOnCallError(error)).toMatchObject({ type: 'url_refused', retryable: false });
      }
      expect(target.requests()).toBe(0);
    } finally {
      target.server.close();
    }
  });
});
