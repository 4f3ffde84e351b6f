/**
 * The rate-limit budget is per account: OnCall counts its limit per user, so two integrations acting as
 * the same OnCall user wait together once one of them is refused, and another user's calls do not wait.
 * Against the OnCall emulator's per-user throttle, with the real clients the worker builds.
 */
import { createClientDirectory } from '../../../src/directory/client-directory';
import type { IntegrationDirectory } from '../../../src/directory/integration-directory';
import { startOnCallEmulator, type OnCallEmulator } from '../../../src/emulators/oncall';
import { createOnCallClient } from '../../../src/integrations/oncall';
import { createServiceNowClient } from '../../../src/integrations/servicenow';
import { generateEncryptionKey, parseKeyring } from '../../../src/security/keyring';
import { sealSecret } from '../../../src/security/sealed';
import type { IntegrationSettings } from '../../../workflows/settings';
import { integrationSettings } from '../sync/builders';

describe('the rate-limit budget of an OnCall user', () => {
  let emulator: OnCallEmulator;
  let clients: ReturnType<typeof createClientDirectory>;

  beforeAll(async () => {
    emulator = await startOnCallEmulator({ rateLimitPerMinute: 1 });
    const keyring = parseKeyring(generateEncryptionKey());
    const settingsAs = (id: string, user: { id: string; apiKey: string }): IntegrationSettings => {
      const base = integrationSettings({ id });
      return {
        ...base,
        oncall: {
          ...base.oncall,
          apiUrl: emulator.url,
          apiTokenSealed: sealSecret(user.apiKey, keyring),
          bridgeUserId: user.id,
        },
      };
    };
    const bot = emulator.addUser({ username: 'bridge-bot', email: 'bot@example.com' });
    const other = emulator.addUser({ username: 'other-bot', email: 'other@example.com' });
    const settings = new Map([
      ['first', settingsAs('first', bot)],
      ['second', settingsAs('second', bot)],
      ['third', settingsAs('third', other)],
    ]);
    const directory: IntegrationDirectory = {
      get: (id) => Promise.resolve(settings.get(id)),
      invalidate: () => undefined,
    };
    clients = createClientDirectory({
      directory,
      keyring,
      serviceNowClient: createServiceNowClient,
      onCallClient: createOnCallClient,
    });
  });

  afterAll(() => emulator.close());

  const callsOf = async (username: string) => {
    const log = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as { user: string | null }[];
    return log.filter((r) => r.user === username).length;
  };

  it('when one integration is refused with 429, then another acting as the same user makes no call until the Retry-After, and another user calls', async () => {
    const first = await clients.onCall('first');
    await first.listAlertGroups();
    await expect(first.listAlertGroups()).rejects.toMatchObject({ status: 429 });
    const before = await callsOf('bridge-bot');

    const second = await clients.onCall('second');
    // The emulator's Retry-After (about 60 s) is beyond a call's 40 s wait: refused without a call.
    await expect(second.listAlertGroups()).rejects.toThrow(/no call was made/);
    expect(await callsOf('bridge-bot')).toBe(before);

    const third = await clients.onCall('third');
    await expect(third.listAlertGroups()).resolves.toMatchObject({ results: [] });
    expect(await callsOf('other-bot')).toBe(1);
  });
});
