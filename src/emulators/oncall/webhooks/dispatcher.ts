/**
 * Outgoing-webhook delivery as OnCall's celery tasks do it (oncall.md §1.2, §1.6): asynchronous, first
 * attempts for one alert group in event order (groups concurrently), a timeout re-sent up to 3 times
 * `retryIntervalMs` apart, a connection error retried with exponential backoff up to 3 times, and an HTTP
 * error status never retried. Every attempt goes into the delivery log.
 */
import { randomUUID } from 'node:crypto';
import { liveWebhook, type AlertGroupEvent, type EmStore, type EmWebhook } from '../model';
import { buildEventData, finishEventData } from './payload';
import { buildWebhookRequest, sendAttempt, type AttemptOutcome, type WebhookRequest } from './request';
import { passesTriggerTemplate, renderTemplate } from './template';
import { selectWebhooks } from './selection';

/** One attempt as `GET /__emulator/webhook-deliveries` reports it. */
export interface DeliveryAttempt {
  at: string;
  deliveryId: string;
  webhookId: string;
  alertGroupId: string;
  eventType: string;
  attempt: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  status?: number;
  error?: string;
  /** The rendered trigger template ('' without one), as `request_trigger` shows it. */
  requestTrigger?: string;
  /** The receiver's answer (parsed JSON, else text). */
  response?: unknown;
}

export interface DeliverySettings {
  timeoutMs: number;
  retryIntervalMs: number;
}

/** OnCall's `EXECUTE_WEBHOOK_RETRIES` and celery's `max_retries`: at most 4 attempts each way. */
const MAX_RETRIES = 3;

export interface DispatcherOptions {
  store: EmStore;
  /** The base of permalinks in payloads ('' = relative). */
  grafanaUrl: () => string;
  labelsEnabled: boolean;
  settings: DeliverySettings;
}

export function createDispatcher({ store, grafanaUrl, labelsEnabled, settings }: DispatcherOptions) {
  const log: DeliveryAttempt[] = [];
  const chains = new Map<string, Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let pending = 0;
  let generation = 0;
  let waiters: (() => void)[] = [];

  const begin = () => void (pending += 1);
  const end = (gen: number) => {
    if (gen !== generation) return;
    pending -= 1;
    if (pending === 0) for (const wake of waiters.splice(0)) wake();
  };

  function later(gen: number, delayMs: number, run: () => Promise<void>): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (gen === generation) void run();
    }, delayMs);
    timers.add(timer);
  }

  /** One attempt, logged; schedules the next one for a timeout or a connection error. */
  async function attempt(
    gen: number,
    base: Omit<DeliveryAttempt, 'at' | 'attempt'>,
    request: WebhookRequest,
    n: number,
  ): Promise<void> {
    const outcome = await sendAttempt(request, settings.timeoutMs);
    if (gen !== generation) return;
    log.push({ ...base, at: new Date().toISOString(), attempt: n, ...outcomeFields(outcome) });
    if (outcome.kind === 'response') {
      const perGroup = store.responses.get(base.webhookId) ?? new Map<string, unknown>();
      perGroup.set(base.alertGroupId, outcome.content);
      store.responses.set(base.webhookId, perGroup);
    }
    // Only a missing answer is retried: the receiver may have processed it, so duplicates are expected.
    const retries = n - 1;
    if (outcome.kind === 'timeout' && retries < MAX_RETRIES) {
      return later(gen, settings.retryIntervalMs, () => attempt(gen, base, request, n + 1));
    }
    if (outcome.kind === 'connection' && retries < MAX_RETRIES) {
      const backoff = Math.min(1000, settings.retryIntervalMs) * 2 ** retries;
      return later(gen, backoff, () => attempt(gen, base, request, n + 1));
    }
    end(gen);
  }

  /**
   * The execute_webhook task: filter, trigger template, request build; a skip logs nothing. It loads the
   * webhook as it is when it runs, so one deleted (or changed) after the event was queued is skipped (or
   * sent as it is now).
   */
  async function execute(gen: number, queued: EmWebhook, event: AlertGroupEvent, data: Record<string, unknown>) {
    const webhook = liveWebhook(store, queued.id);
    if (!webhook) return end(gen);
    const { group } = event;
    const responses = responsesFor(webhook.id, group.id);
    const full = finishEventData(data, webhook, responses, labelsEnabled);
    let request: WebhookRequest;
    try {
      if (!passesTriggerTemplate(webhook.triggerTemplate, full)) return end(gen);
      request = buildWebhookRequest(webhook, full);
    } catch {
      return end(gen);
    }
    const requestTrigger = webhook.triggerTemplate ? renderTemplate(webhook.triggerTemplate, full) : '';
    const base = {
      deliveryId: randomUUID(),
      webhookId: webhook.id,
      alertGroupId: group.id,
      eventType: event.type,
      requestTrigger,
    };
    await attempt(
      gen,
      { ...base, method: request.method, url: request.url, headers: request.headers, body: request.body },
      request,
      1,
    );
  }

  function responsesFor(webhookId: string, groupId: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [id, perGroup] of store.responses) {
      if (id !== webhookId && perGroup.has(groupId)) out[id] = perGroup.get(groupId);
    }
    return out;
  }

  /** Queues the webhooks an event fires, each with the event data as the group was at that moment. */
  function onEvent(event: AlertGroupEvent): void {
    const integration = store.integrations.get(event.group.integrationId);
    if (!integration) return;
    const webhooks = selectWebhooks(store, event);
    if (webhooks.length === 0) return;
    const data = buildEventData(event, integration, { grafanaUrl: grafanaUrl(), labelsEnabled });
    const gen = generation;
    for (const webhook of webhooks) {
      begin();
      const previous = chains.get(event.group.id) ?? Promise.resolve();
      const next = previous.then(() => (gen === generation ? execute(gen, webhook, event, data) : undefined));
      chains.set(
        event.group.id,
        next.catch(() => undefined),
      );
    }
  }

  /** `POST /__emulator/webhook-deliveries/:index/resend`: the same request again, one attempt, no retries. */
  async function resend(index: number): Promise<DeliveryAttempt | undefined> {
    const original = log[index];
    if (!original) return undefined;
    const request = { method: original.method, url: original.url, headers: original.headers, body: original.body };
    const outcome = await sendAttempt(request, settings.timeoutMs);
    const attempts = log.filter((entry) => entry.deliveryId === original.deliveryId).map((entry) => entry.attempt);
    const { status: _status, error: _error, response: _response, ...request0 } = original;
    const logged = {
      ...request0,
      at: new Date().toISOString(),
      attempt: Math.max(...attempts) + 1,
      ...outcomeFields(outcome),
    };
    log.push(logged);
    return logged;
  }

  return {
    onEvent,
    resend,
    log: () => log,
    pending: () => pending,
    /** Resolves once every queued delivery, retries included, has finished. */
    idle: () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    reset(): void {
      generation += 1;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      chains.clear();
      log.splice(0);
      pending = 0;
      for (const wake of waiters.splice(0)) wake();
      waiters = [];
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

function outcomeFields(outcome: AttemptOutcome): Pick<DeliveryAttempt, 'status' | 'error' | 'response'> {
  if (outcome.kind === 'response') return { status: outcome.status, response: outcome.content };
  return { error: outcome.kind === 'timeout' ? 'timeout' : outcome.error };
}
