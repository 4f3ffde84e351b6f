/** Both emulators as processes, with the users the bench needs and their rate limits off by default. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expectJson } from './http';
import { freePort } from './ports';
import { spawnNode, type Child } from './proc';

export const INTEGRATION_USER = { user_name: 'grafana-oncall', password: 'sn-integration-pw-1' };
export const SN_HUMAN = { user_name: 'alice.sn', password: 'alice-pw' };

export interface Emulators {
  sn: Child;
  oc: Child;
  snUrl: string;
  ocUrl: string;
  /** The OnCall key the bridge uses. */
  botKey: string;
  /** Keys of people acting in OnCall; the bench spreads its actions over them. */
  humanKeys: string[];
  stop(): Promise<void>;
}

export async function startEmulators(workDir: string, humans = 8): Promise<Emulators> {
  const usersFile = path.join(workDir, 'sn-users.json');
  writeFileSync(
    usersFile,
    JSON.stringify([
      { user_name: 'admin', password: 'admin', roles: ['admin'] },
      { ...INTEGRATION_USER, roles: ['itil', 'personalize_choices'] },
      { ...SN_HUMAN, roles: ['itil'] },
    ]),
  );
  const [snPort, ocPort] = [await freePort(), await freePort()];
  const sn = spawnNode('servicenow-emulator', 'src/emulators/servicenow/cli.js', [
    '--port',
    String(snPort),
    '--users',
    usersFile,
  ]);
  const oc = spawnNode('oncall-emulator', 'src/emulators/oncall/cli.js', ['--port', String(ocPort)]);
  await Promise.all([sn.waitForLine(/listening on/), oc.waitForLine(/listening on/)]);
  const snUrl = `http://127.0.0.1:${snPort}`;
  const ocUrl = `http://127.0.0.1:${ocPort}`;
  const addUser = (username: string) =>
    expectJson<{ apiKey: string }>('POST', `${ocUrl}/__emulator/users`, { username, email: `${username}@example.com` });
  const botKey = (await addUser('bridge-bot')).apiKey;
  const humanKeys: string[] = [];
  for (let i = 0; i < humans; i += 1) humanKeys.push((await addUser(`person-${i}`)).apiKey);
  await setRateLimits({ snUrl, ocUrl }, { oncallPerMinute: false, servicenowPerHour: null });
  return {
    sn,
    oc,
    snUrl,
    ocUrl,
    botKey,
    humanKeys,
    stop: async () => void (await Promise.all([sn.stop(), oc.stop()])),
  };
}

export interface RateLimits {
  oncallPerMinute: number | false;
  servicenowPerHour: number | null;
}

/** Rate limits are off except in the storm scenario. */
export async function setRateLimits(urls: { snUrl: string; ocUrl: string }, limits: RateLimits): Promise<void> {
  await expectJson('POST', `${urls.ocUrl}/__emulator/rate-limit`, { perMinute: limits.oncallPerMinute });
  await expectJson('POST', `${urls.snUrl}/__emulator/settings`, { rateLimitPerHour: limits.servicenowPerHour });
}
