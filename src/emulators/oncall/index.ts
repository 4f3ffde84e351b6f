/** The OnCall emulator (bridge.md §7): `startOnCallEmulator` for tests, `cli.ts` for a process of its own. */
import { listenOnLoopback } from '../shared/listen';
import { createOnCallApp } from './app';
import { createIntegration } from './api-integrations';
import type { EmAlertGroup, EmUser, IntegrationType } from './model';
import { serializeAlertGroup, serializeIntegration } from './serializers';
import { addUser, type UserInput } from './users';
import type { DeliveryAttempt } from './webhooks/dispatcher';

export interface OnCallEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  users?: UserInput[];
  /** Public-API throttle per user; false turns it off. @default 300 */
  rateLimitPerMinute?: number | false;
  /** Outgoing webhook timeout. @default 4000 */
  timeoutMs?: number;
  /** Delay between re-sends after a timeout. @default 10000 */
  retryIntervalMs?: number;
  /** The org's labels feature: flat labels in webhook payloads plus `webhook`. @default false */
  labelsEnabled?: boolean;
}

export interface OnCallEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Adds a user and returns it with its API key. */
  addUser(input: UserInput): EmUser;
  /** Creates an integration; the result has `link`, the inbound URL. */
  createIntegration(input: { type: IntegrationType; name?: string }): ReturnType<typeof serializeIntegration>;
  /** The public-API object of a group, or undefined. */
  alertGroup(id: string): ReturnType<typeof serializeAlertGroup> | undefined;
  alertGroups(): ReturnType<typeof serializeAlertGroup>[];
  /** Every outgoing webhook attempt, oldest first. */
  deliveries(): DeliveryAttempt[];
  /** Resolves once inbound alerts are processed and all deliveries (retries included) are done. */
  idle(): Promise<void>;
  reset(): void;
}

export async function startOnCallEmulator(options: OnCallEmulatorOptions = {}): Promise<OnCallEmulator> {
  const emulator = createOnCallApp({
    rateLimitPerMinute: options.rateLimitPerMinute ?? 300,
    labelsEnabled: options.labelsEnabled ?? false,
    settings: { timeoutMs: options.timeoutMs ?? 4000, retryIntervalMs: options.retryIntervalMs ?? 10_000 },
  });
  const { store } = emulator.ctx;
  for (const user of options.users ?? []) addUser(store, user);
  const running = await listenOnLoopback(emulator.app, options.port ?? 0);
  emulator.setBaseUrl(running.url);
  const show = (group: EmAlertGroup) => serializeAlertGroup(group, running.url);
  return {
    url: running.url,
    port: running.port,
    close: async () => {
      emulator.reset();
      await running.close();
    },
    addUser: (input) => addUser(store, input),
    createIntegration: (input) => {
      const created = createIntegration(store, input);
      if ('error' in created) throw new Error(created.error);
      return serializeIntegration(created, running.url);
    },
    alertGroup: (id) => {
      const group = store.alertGroups.get(id);
      return group ? show(group) : undefined;
    },
    alertGroups: () => [...store.alertGroups.values()].map(show),
    deliveries: () => [...emulator.ctx.dispatcher.log()],
    idle: emulator.idle,
    reset: emulator.reset,
  };
}

export type { DeliveryAttempt } from './webhooks/dispatcher';
export type { UserInput } from './users';
