import type { Dispatcher } from './webhooks/dispatcher';
import type { EmAlertGroup, EmStore, EmUser, StatusTrigger } from './model';
import { performAction } from './state-machine';

/** What every route of the emulator shares. */
export interface EmulatorContext {
  store: EmStore;
  dispatcher: Dispatcher;
  /** The emulator's own URL (for permalinks, inbound links and pagination), known once it listens. */
  baseUrl: () => string;
  /** The base of alert-group permalinks: the org's Grafana URL, '' for none (relative permalinks). */
  grafanaUrl: () => string;
  /** Runs an action and queues its webhooks; `user` null = a source or automatic action. */
  act(group: EmAlertGroup, action: StatusTrigger, user: EmUser | null, delaySeconds?: number | null): void;
}

export function createContext(store: EmStore, dispatcher: Dispatcher, baseUrl: () => string): EmulatorContext {
  const act: EmulatorContext['act'] = (group, action, user, delaySeconds) =>
    performAction(group, action, {
      user,
      delaySeconds,
      emit: dispatcher.onEvent,
      // `unsilence_task`: the expiry is an automatic action, so its webhook has `user: null` (§1.2).
      onSilenceExpired: (expired) => {
        if (store.alertGroups.get(expired.id) === expired && expired.silenced) act(expired, 'unsilence', null);
      },
    });
  const grafanaUrl = () => (store.grafanaUrl === undefined ? baseUrl() : (store.grafanaUrl ?? ''));
  return { store, dispatcher, baseUrl, grafanaUrl, act };
}
