import { createFaults } from '../shared/faults';
import { createRequestLog } from '../shared/request-log';
import { createAuth, userOf, type OAuthClient } from './auth';
import { faultBody } from './envelope';
import { createRateLimit } from './rate-limit';
import { createRuleEngine } from './rules/engine';
import { defaultSettings, type Settings } from './settings';
import { Store, type UserAccount } from './store';
import { createIncidentWriter } from './writes';

export interface InstanceOptions {
  users?: UserAccount[];
  rateLimitPerHour?: number;
  dataPolicy?: boolean;
  closedImmutable?: boolean;
  closeCodes?: Settings['closeCodes'];
  oauthClients?: OAuthClient[];
  settings?: Partial<Settings>;
}

const DEFAULT_USERS: UserAccount[] = [
  { user_name: 'admin', password: 'admin', roles: ['admin'], name: 'System Administrator' },
];
const DEFAULT_CLIENTS: OAuthClient[] = [{ client_id: 'emulator', client_secret: 'emulator-secret' }];

/** The emulated instance's state and services, before it has an HTTP surface. */
export function createInstance(options: InstanceOptions) {
  let start: Settings = startSettings(options, 'http://127.0.0.1');
  let current: Settings = structuredClone(start);
  const settings = (): Settings => current;
  const store = new Store(options.closeCodes ?? 'current');
  for (const user of options.users ?? DEFAULT_USERS) store.addUser(user);
  const rules = createRuleEngine({ timeoutMs: () => current.ruleTimeoutMs, asyncDelayMs: () => current.asyncDelayMs });
  const writer = createIncidentWriter({ store, rules, settings });
  const requestLog = createRequestLog(userOf);
  const faults = createFaults(faultBody);
  const auth = createAuth(store, settings, () => options.oauthClients ?? DEFAULT_CLIENTS);
  const rateLimit = createRateLimit(settings);

  return {
    store,
    rules,
    writer,
    requestLog,
    faults,
    auth,
    rateLimit,
    settings,
    /** Called once the URL is known: `glide.servlet.uri` points at the emulator. */
    setBaseUrl: (baseUrl: string): void => {
      start = startSettings(options, baseUrl);
      current = structuredClone(start);
    },
    updateSettings: (patch: Partial<Settings>): Settings => {
      const previous = current;
      // Properties merge, so setting one keeps the others (glide.servlet.uri above all).
      current = { ...previous, ...patch, properties: { ...previous.properties, ...patch.properties } };
      if (patch.closeCodes !== undefined && patch.closeCodes !== previous.closeCodes)
        store.setCloseCodes(patch.closeCodes);
      return current;
    },
    reset: (): void => {
      store.reset(start.closeCodes);
      current = structuredClone(start);
      rules.reset();
      requestLog.clear();
      faults.clear();
      auth.clear();
      rateLimit.clear();
    },
  };
}
export type Instance = ReturnType<typeof createInstance>;

function startSettings(options: InstanceOptions, baseUrl: string): Settings {
  return {
    ...defaultSettings(baseUrl),
    ...(options.dataPolicy !== undefined && { dataPolicy: options.dataPolicy }),
    ...(options.closedImmutable !== undefined && { closedImmutable: options.closedImmutable }),
    ...(options.closeCodes !== undefined && { closeCodes: options.closeCodes }),
    rateLimitPerHour: options.rateLimitPerHour ?? null,
    ...options.settings,
  };
}
