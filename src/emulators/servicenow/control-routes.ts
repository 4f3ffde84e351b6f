import { Router, type Request } from 'express';
import { z } from 'zod';
import { jsonBody } from './body';
import { SnApiError, sendJson } from './envelope';
import { renderRow } from './render';
import { BusinessRuleInputSchema, Es5Error } from './rules/registry';
import type { RuleEngine } from './rules/engine';
import { SettingsPatchSchema, type Settings } from './settings';
import type { Store, UserAccount } from './store';
import type { IncidentWriter } from './writes';
import { requestedEntries } from '../shared/request-log';

export interface ControlDeps {
  store: Store;
  writer: IncidentWriter;
  rules: RuleEngine;
  requests: () => unknown[];
  setFaults: (input: unknown) => unknown;
  settings: () => Settings;
  updateSettings: (patch: Partial<Settings>) => Settings;
  reset: () => void;
  addUser: (account: UserAccount) => string;
}

const UserSchema = z.object({
  user_name: z.string().min(1),
  password: z.string(),
  roles: z.array(z.string()).default([]),
  name: z.string().optional(),
  email: z.string().optional(),
  api_key: z.string().optional(),
});
const AsPersonSchema = z.object({ as: z.string().min(1), fields: z.record(z.string(), z.unknown()).default({}) });

/** The `/__emulator/*` control endpoints (bridge.md §7): JSON in and out, no auth. */
export function controlRoutes(deps: ControlDeps): Router {
  const router = Router();
  const render = (row: Record<string, string>) =>
    renderRow(deps.store, 'incident', row, { baseUrl: '', display: 'false', excludeLinks: true });

  function person(req: Request) {
    const input = AsPersonSchema.parse(jsonBody(req));
    const account = deps.store.account(input.as);
    if (!account) throw new SnApiError(400, 'Unknown user', `No user named ${input.as}`);
    return {
      fields: input.fields,
      opts: { actor: { userName: account.user_name, sysId: account.sys_id }, interactive: true },
    };
  }

  router.post('/reset', (_req, res) => {
    deps.reset();
    sendJson(res, 200, { status: 'ok' });
  });
  router.get('/requests', (req, res) => {
    const entries = requestedEntries(req, res, deps.requests());
    if (entries) sendJson(res, 200, entries);
  });
  router.post('/faults', (req, res) => sendJson(res, 200, { fault: deps.setFaults(jsonBody(req)) ?? null }));
  router.get('/settings', (_req, res) => sendJson(res, 200, deps.settings()));
  router.post('/settings', (req, res) =>
    sendJson(res, 200, deps.updateSettings(SettingsPatchSchema.parse(jsonBody(req)))),
  );
  router.post('/users', (req, res) => sendJson(res, 201, { sys_id: deps.addUser(UserSchema.parse(jsonBody(req))) }));

  router.post('/incidents', async (req, res) => {
    const { fields, opts } = person(req);
    sendJson(res, 201, { result: render(await deps.writer.insert(fields, opts)) });
  });
  router.patch('/incidents/:sysId', async (req, res) => {
    const { fields, opts } = person(req);
    sendJson(res, 200, { result: render(await deps.writer.update(req.params.sysId, fields, opts)) });
  });

  router.post('/business-rules', (req, res) => {
    const input = BusinessRuleInputSchema.parse(jsonBody(req));
    try {
      sendJson(res, 201, deps.rules.registry.add(input));
    } catch (error) {
      if (error instanceof Es5Error) throw new SnApiError(400, 'Script is not ECMAScript 5', error.message);
      throw error;
    }
  });
  router.get('/business-rules', (_req, res) => sendJson(res, 200, deps.rules.registry.list()));
  router.get('/business-rules/log', (_req, res) => sendJson(res, 200, deps.rules.log.entries()));
  return router;
}
