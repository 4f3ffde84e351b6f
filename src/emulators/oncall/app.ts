/** Wires the OnCall emulator: raw bodies, request log, faults, public API, inbound URLs and control. */
import express, { type Express } from 'express';
import { createFaults } from '../shared/faults';
import { createRequestLog } from '../shared/request-log';
import { alertGroupRoutes } from './api-alert-groups';
import { integrationRoutes } from './api-integrations';
import { resolutionNoteRoutes } from './api-resolution-notes';
import { webhookRoutes } from './api-webhooks';
import { authenticate, throttle, userOf } from './auth';
import { createContext, type EmulatorContext } from './context';
import { controlRoutes } from './control';
import { inboundRoutes } from './inbound';
import { clearRecords, createStore } from './model';
import { createDispatcher, type DeliverySettings } from './webhooks/dispatcher';

export interface OnCallAppOptions {
  rateLimitPerMinute: number | false;
  settings: DeliverySettings;
  labelsEnabled: boolean;
}

const STATUS_TEXT: Record<number, string> = {
  429: 'Request was throttled.',
  500: 'A server error occurred.',
  502: 'Bad gateway.',
  503: 'Service temporarily unavailable, try again later.',
  504: 'Gateway timeout.',
};

export function createOnCallApp(options: OnCallAppOptions) {
  let baseUrl = '';
  const store = createStore();
  const settings = { ...options.settings };
  const rateLimit = { perMinute: options.rateLimitPerMinute };
  const dispatcher = createDispatcher({
    store,
    grafanaUrl: () => ctx.grafanaUrl(),
    labelsEnabled: options.labelsEnabled,
    settings,
  });
  const ctx: EmulatorContext = createContext(store, dispatcher, () => baseUrl);
  const inbound = new Set<Promise<void>>();
  const requestLog = createRequestLog((req) => userOf(req)?.username ?? null);
  // Faults answer in OnCall's own envelope `{"detail": ...}`.
  const faults = createFaults((status) => ({ detail: STATUS_TEXT[status] ?? `Error ${status}` }));
  const throttler = throttle(() => rateLimit.perMinute);

  async function idle(): Promise<void> {
    while (inbound.size > 0) await Promise.all([...inbound]);
    await dispatcher.idle();
  }
  function reset(): void {
    clearRecords(store);
    dispatcher.reset();
    requestLog.clear();
    faults.clear();
    throttler.clear();
  }

  const app: Express = express();
  app.use(express.raw({ type: () => true, limit: '5mb' }));
  app.use(
    '/__emulator',
    controlRoutes(ctx, { reset, requests: requestLog.entries, setFaults: faults.set, idle, settings, rateLimit }),
  );
  app.use(requestLog.middleware);
  app.use(faults.middleware);
  app.use(
    inboundRoutes(ctx, (done) => {
      inbound.add(done);
      void done.then(() => inbound.delete(done));
    }),
  );
  const api = express.Router();
  api.use(authenticate(store), throttler.middleware);
  api.use(alertGroupRoutes(ctx), integrationRoutes(ctx), webhookRoutes(ctx), resolutionNoteRoutes(ctx));
  app.use('/api/v1', api);
  app.use((_req, res) => void res.status(404).json({ detail: 'Not found.' }));

  return { app, ctx, idle, reset, setBaseUrl: (url: string) => void (baseUrl = url) };
}
