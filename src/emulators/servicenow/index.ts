import { listenOnLoopback, type RunningServer } from '../shared/listen';
import { buildApp } from './app';
import { createInstance, type InstanceOptions } from './instance';
import type { RuleEngine } from './rules/engine';
import type { Settings } from './settings';
import type { Store, UserAccount } from './store';

export { HIBERNATING_PAGE } from './app';
export type { OAuthClient } from './auth';
export type { UserAccount } from './store';
export type { Settings } from './settings';
export type { RuleLogEntry } from './rules/rule-log';
export { es5Problem } from './rules/registry';

export interface ServiceNowEmulatorOptions extends InstanceOptions {
  /** 0 (default) picks a free port; the emulator listens on 127.0.0.1 only. */
  port?: number;
}

/** A running emulator, plus in-process handles for tests. */
export interface ServiceNowEmulator extends RunningServer {
  store: Store;
  /** Business Rules: `registry`, `log`, and `pending()` (scheduled or running rule jobs). */
  rules: RuleEngine;
  settings(): Settings;
  updateSettings(patch: Partial<Settings>): Settings;
  /** Same as `POST /__emulator/reset`. */
  reset(): void;
  addUser(account: UserAccount): string;
}

/**
 * Starts the ServiceNow emulator (bridge.md §7, servicenow.md §7). Users default to `admin`/`admin` with
 * role `admin`; `users` replaces them. Every switch of `Settings` can also be changed at run time with
 * `POST /__emulator/settings`.
 */
export async function startServiceNowEmulator(options: ServiceNowEmulatorOptions = {}): Promise<ServiceNowEmulator> {
  const instance = createInstance(options);
  const running = await listenOnLoopback(buildApp(instance), options.port ?? 0);
  instance.setBaseUrl(running.url);
  return {
    ...running,
    store: instance.store,
    rules: instance.rules,
    settings: instance.settings,
    updateSettings: instance.updateSettings,
    reset: instance.reset,
    addUser: (account) => instance.store.addUser(account),
    close: async () => {
      await instance.rules.close();
      await running.close();
    },
  };
}
