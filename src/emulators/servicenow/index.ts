import express, { type NextFunction, type Request, type Response } from 'express';
import { ZodError } from 'zod';
import { createFaults } from '../shared/faults';
import { listenOnLoopback, type RunningServer } from '../shared/listen';
import { createRequestLog } from '../shared/request-log';
import { createAuth, userOf, type OAuthClient } from './auth';
import { controlRoutes } from './control-routes';
import { SnApiError, faultBody, sendError, setStandardHeaders } from './envelope';
import { createRateLimit } from './rate-limit';
import { createRuleEngine, type RuleEngine } from './rules/engine';
import { defaultSettings, type Settings } from './settings';
import { Store, type UserAccount } from './store';
import { tableRoutes } from './table-routes';
import { createIncidentWriter } from './writes';

export type { UserAccount } from './store';
export type { Settings } from './settings';
export type { RuleLogEntry } from './rules/rule-log';
export { es5Problem } from './rules/registry';

export interface ServiceNowEmulatorOptions {
  /** 0 (default) picks a free port; the emulator listens on 127.0.0.1 only. */
  port?: number;
  /** Accounts at start; default one `admin`/`admin` with role `admin`. */
  users?: UserAccount[];
  rateLimitPerHour?: number;
  dataPolicy?: boolean;
  closedImmutable?: boolean;
  closeCodes?: Settings['closeCodes'];
  oauthClients?: OAuthClient[];
  /** Any other switch (see Settings). */
  settings?: Partial<Settings>;
}

/** A running emulator, plus in-process handles for tests. */
export interface ServiceNowEmulator extends RunningServer {
  store: Store;
  rules: RuleEngine;
  settings(): Settings;
  updateSettings(patch: Partial<Settings>): Settings;
  reset(): void;
  addUser(account: UserAccount): string;
}

export const HIBERNATING_PAGE =
  '<html><head><title>Instance Hibernating page</title></head><body><h1>Your instance is hibernating</h1>' +
  '<p>Sign in to the developer portal to wake it up.</p></body></html>';

/** Starts the ServiceNow emulator (bridge.md §7, servicenow.md §7). */
export async function startServiceNowEmulator(options: ServiceNowEmulatorOptions = {}): Promise<ServiceNowEmulator> {
  const app = express();
  const holder: { settings?: Settings; start?: Settings } = {};
  const settings = (): Settings => holder.settings!;
  const users = options.users ?? [
    { user_name: 'admin', password: 'admin', roles: ['admin'], name: 'System Administrator' },
  ];
  const store = new Store(options.closeCodes ?? 'current');
  for (const user of users) store.addUser(user);
  const rules = createRuleEngine({
    timeoutMs: () => settings().ruleTimeoutMs,
    asyncDelayMs: () => settings().asyncDelayMs,
  });
  const writer = createIncidentWriter({ store, rules, settings });
  const log = createRequestLog(userOf);
  const faults = createFaults(faultBody);
  const auth = createAuth(
    store,
    settings,
    () => options.oauthClients ?? [{ client_id: 'emulator', client_secret: 'emulator-secret' }],
  );
  const rateLimit = createRateLimit(settings);

  const reset = (): void => {
    store.reset(holder.start!.closeCodes);
    holder.settings = structuredClone(holder.start!);
    rules.reset();
    log.clear();
    faults.clear();
    auth.clear();
    rateLimit.clear();
  };
  const updateSettings = (patch: Partial<Settings>): Settings => {
    const previous = settings();
    holder.settings = { ...previous, ...patch };
    if (patch.closeCodes !== undefined && patch.closeCodes !== previous.closeCodes)
      store.setCloseCodes(patch.closeCodes);
    return settings();
  };

  app.use(express.raw({ type: () => true, limit: '5mb' }));
  app.use(methodOverride);
  app.use(
    '/__emulator',
    controlRoutes({
      store,
      writer,
      rules,
      settings,
      updateSettings,
      reset,
      requests: () => log.entries(),
      setFaults: (input) => faults.set(input),
      addUser: (account) => store.addUser(account),
    }),
  );
  // Token requests carry passwords and client secrets in the form body, so they stay out of the request log.
  app.post('/oauth_token.do', auth.tokenEndpoint);
  app.use(log.middleware);
  app.use(faults.middleware);
  app.use((req, res, next) => (settings().hibernating ? hibernate(res) : next()));
  // Not mounted on '/api': a mount point would strip the prefix from the path the request log records.
  const apiOnly =
    (handler: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      req.path.startsWith('/api/') ? handler(req, res, next) : next();
  app.use(apiOnly(auth.middleware), apiOnly(rateLimit.middleware));
  app.use(tableRoutes({ store, writer, settings }));
  app.use((_req, _res, next) => next(new SnApiError(400, 'Requested URI does not represent any resource', null)));
  app.use(errorHandler);

  const running = await listenOnLoopback(app, options.port ?? 0);
  holder.start = {
    ...defaultSettings(running.url),
    ...(options.dataPolicy !== undefined && { dataPolicy: options.dataPolicy }),
    ...(options.closedImmutable !== undefined && { closedImmutable: options.closedImmutable }),
    ...(options.closeCodes !== undefined && { closeCodes: options.closeCodes }),
    rateLimitPerHour: options.rateLimitPerHour ?? null,
    ...options.settings,
  };
  holder.settings = structuredClone(holder.start);
  return {
    ...running,
    store,
    rules,
    settings,
    updateSettings,
    reset,
    addUser: (account) => store.addUser(account),
    close: async () => {
      await rules.close();
      await running.close();
    },
  };
}

function methodOverride(req: Request, _res: Response, next: NextFunction): void {
  const override = req.get('X-HTTP-Method-Override');
  if (override && req.method === 'POST') req.method = override.toUpperCase();
  next();
}

function hibernate(res: Response): void {
  setStandardHeaders(res);
  res.status(200).setHeader('Content-Type', 'text/html;charset=UTF-8');
  res.send(HIBERNATING_PAGE);
}

function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof SnApiError) return sendError(res, error);
  if (error instanceof ZodError) {
    return sendError(
      res,
      new SnApiError(400, 'Invalid request', error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')),
    );
  }
  const status = (error as { status?: number }).status;
  if (status === 413 || status === 400)
    return sendError(res, new SnApiError(status, 'Exception while reading request', String((error as Error).message)));
  sendError(res, new SnApiError(500, 'Internal Server Error', error instanceof Error ? error.message : String(error)));
}
