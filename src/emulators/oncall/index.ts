/** The OnCall emulator (bridge.md §7): `startOnCallEmulator` for tests, `cli.ts` for a process of its own. */
import { listenOnLoopback } from '../shared/listen';
import { createOnCallApp } from './app';
import { createIntegration } from './api-integrations';
import { serializeResolutionNote } from './api-resolution-notes';
import { createAlert } from './inbound';
import type { EmAlertGroup, EmUser, IntegrationType } from './model';
import { serializeAlertGroup, serializeIntegration, storedWebhook } from './serializers';
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

type EmulatedIntegration = ReturnType<typeof serializeIntegration>;
/** The types that take alerts at an inbound URL (their `link` is never null). */
type HttpIntegrationType = Exclude<IntegrationType, 'inbound_email' | 'manual' | 'maintenance'>;

export interface OnCallEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Adds a user and returns it with its API key. */
  addUser(input: UserInput): EmUser;
  /** Creates an integration; the result has `link`, the inbound URL (null for types without one). */
  createIntegration(input: { type: HttpIntegrationType; name?: string }): EmulatedIntegration & { link: string };
  createIntegration(input: { type: IntegrationType; name?: string }): EmulatedIntegration;
  /** An alert arriving other than by the inbound URL (an e-mail, a manual alert); returns its group. */
  receiveAlert(integrationId: string, payload: unknown): ReturnType<typeof serializeAlertGroup>;
  /** The org's Grafana URL, the base of permalinks; null = none (relative permalinks). */
  setGrafanaUrl(url: string | null): void;
  /** The public-API object of a group, or undefined. */
  alertGroup(id: string): ReturnType<typeof serializeAlertGroup> | undefined;
  alertGroups(): ReturnType<typeof serializeAlertGroup>[];
  /** Every resolution note, as the public API shows it, oldest first. */
  resolutionNotes(): ReturnType<typeof serializeResolutionNote>[];
  /** Every webhook ever created, soft-deleted ones (renamed `<name>_deleted_<id>`, `deleted_at` set) included. */
  storedWebhooks(): ReturnType<typeof storedWebhook>[];
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
  const show = (group: EmAlertGroup) => serializeAlertGroup(group, emulator.ctx.grafanaUrl());
  return {
    url: running.url,
    port: running.port,
    close: async () => {
      emulator.reset();
      await running.close();
    },
    addUser: (input) => addUser(store, input),
    createIntegration: ((input: { type: IntegrationType; name?: string }) => {
      const created = createIntegration(store, input);
      if ('error' in created) throw new Error(created.error);
      return serializeIntegration(created, running.url);
    }) as OnCallEmulator['createIntegration'],
    receiveAlert: (integrationId, payload) => {
      const integration = store.integrations.get(integrationId);
      if (!integration) throw new Error(`no integration ${integrationId}`);
      return show(createAlert(emulator.ctx, integration, payload));
    },
    setGrafanaUrl: (url) => void (store.grafanaUrl = url),
    alertGroup: (id) => {
      const group = store.alertGroups.get(id);
      return group ? show(group) : undefined;
    },
    alertGroups: () => [...store.alertGroups.values()].map(show),
    resolutionNotes: () => [...store.resolutionNotes.values()].map(serializeResolutionNote),
    storedWebhooks: () => [...store.webhooks.values()].map(storedWebhook),
    deliveries: () => [...emulator.ctx.dispatcher.log()],
    idle: emulator.idle,
    reset: emulator.reset,
  };
}

export type { DeliveryAttempt } from './webhooks/dispatcher';
export type { UserInput } from './users';
