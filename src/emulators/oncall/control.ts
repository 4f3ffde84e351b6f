/** The `/__emulator/` control endpoints (bridge.md §7), JSON in and out, no auth. */
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { createIntegration } from './api-integrations';
import { createAlert } from './inbound';
import { serializeAlertGroup, serializeIntegration, storedWebhook } from './serializers';
import { addUser, UserInputSchema } from './users';
import type { DeliverySettings } from './webhooks/dispatcher';
import { objectBody } from './http-helpers';
import { requestedEntries } from '../shared/request-log';

export interface ControlHooks {
  reset(): void;
  requests(): unknown[];
  setFaults(input: unknown): unknown;
  idle(): Promise<void>;
  settings: DeliverySettings;
  rateLimit: { perMinute: number | false };
}

const SettingsSchema = z.object({
  timeoutMs: z.number().int().min(1).optional(),
  retryIntervalMs: z.number().int().min(0).optional(),
});
const RateLimitSchema = z.object({ perMinute: z.union([z.number().int().min(1), z.literal(false)]) });
const LabelsSchema = z.object({ labels: z.record(z.string(), z.string()) });
const AlertSchema = z.object({ payload: z.unknown().refine((value) => value !== undefined && value !== null) });
const OrganizationSchema = z.object({ grafanaUrl: z.string().url().nullable() });

export function controlRoutes(ctx: EmulatorContext, hooks: ControlHooks): Router {
  const router = Router();
  const parse = <T>(schema: z.ZodType<T>, body: unknown, res: Response): T | undefined => {
    const result = schema.safeParse(body);
    if (result.success) return result.data;
    res.status(400).json({ error: z.prettifyError(result.error) });
    return undefined;
  };

  router.post('/reset', (_req, res) => void (hooks.reset(), res.json({ ok: true })));
  router.get('/requests', (req, res) => {
    const entries = requestedEntries(req, res, hooks.requests());
    if (entries) res.json(entries);
  });
  router.post('/faults', (req, res) => {
    const body = objectBody(req, res);
    if (!body) return;
    try {
      res.json({ fault: hooks.setFaults(body) ?? null });
    } catch (error) {
      res.status(400).json({ error: error instanceof Error ? error.message : 'invalid fault' });
    }
  });
  router.get('/users', (_req, res) => void res.json([...ctx.store.users.values()]));
  router.post('/users', (req, res) => {
    const input = parse(UserInputSchema, objectBody(req, res), res);
    if (!input) return;
    const user = addUser(ctx.store, input);
    res.status(201).json({ id: user.id, apiKey: user.apiKey });
  });
  router.post('/integrations', (req, res) => {
    const body = objectBody(req, res);
    if (!body) return;
    const created = createIntegration(ctx.store, body);
    if ('error' in created) return void res.status(400).json({ error: created.error });
    res.status(201).json(serializeIntegration(created, ctx.baseUrl()));
  });
  // An alert that reaches the integration another way than its inbound URL: an e-mail to an inbound_email
  // integration (`{"subject", "message", "sender"}`), a person's manual alert (`{"oncall": {"title", ...}}`).
  router.post('/integrations/:id/alerts', (req, res) => {
    const integration = ctx.store.integrations.get(req.params.id);
    if (!integration) return void res.status(404).json({ error: 'no such integration' });
    const input = parse(AlertSchema, objectBody(req, res), res);
    if (!input) return;
    res.status(201).json(serializeAlertGroup(createAlert(ctx, integration, input.payload), ctx.grafanaUrl()));
  });
  router.post('/organization', (req, res) => {
    const input = parse(OrganizationSchema, objectBody(req, res), res);
    if (!input) return;
    ctx.store.grafanaUrl = input.grafanaUrl;
    res.json({ grafanaUrl: input.grafanaUrl });
  });
  router.patch('/alert-groups/:id', (req, res) => {
    const group = ctx.store.alertGroups.get(req.params.id);
    if (!group) return void res.status(404).json({ error: 'no such alert group' });
    const input = parse(LabelsSchema, objectBody(req, res), res);
    if (!input) return;
    group.labels = { ...input.labels };
    res.json(serializeAlertGroup(group, ctx.grafanaUrl()));
  });
  // Every webhook the organization ever had, soft-deleted ones included (the API hides them).
  router.get('/webhooks', (_req, res) => void res.json([...ctx.store.webhooks.values()].map(storedWebhook)));
  router.get('/webhook-deliveries', (_req, res) => void res.json(ctx.dispatcher.log()));
  router.get('/webhook-deliveries/pending', (_req, res) => void res.json({ pending: ctx.dispatcher.pending() }));
  // Waits until inbound alerts and every delivery (retries included) are done.
  router.post('/webhook-deliveries/wait', async (_req, res) => {
    await hooks.idle();
    res.json({ pending: ctx.dispatcher.pending() });
  });
  router.post('/webhook-deliveries/:index/resend', async (req, res) => {
    const entry = await ctx.dispatcher.resend(Number(req.params.index));
    if (!entry) return void res.status(404).json({ error: 'no such delivery' });
    res.json(entry);
  });
  router.post('/webhook-settings', (req, res) => {
    const input = parse(SettingsSchema, objectBody(req, res), res);
    if (!input) return;
    Object.assign(hooks.settings, input);
    res.json(hooks.settings);
  });
  router.post('/rate-limit', (req, res) => {
    const input = parse(RateLimitSchema, objectBody(req, res), res);
    if (!input) return;
    hooks.rateLimit.perMinute = input.perMinute;
    res.json(hooks.rateLimit);
  });
  return router;
}
