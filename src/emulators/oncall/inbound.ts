/** Inbound integration URLs (oncall.md §3): answer `"Ok."`, then create or group the alert asynchronously. */
import { createHash, randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { EmulatorContext } from './context';
import { publicId } from './ids';
import { INTEGRATION_DISPLAY_NAMES, type EmAlertGroup, type EmIntegration } from './model';
import { jsonBody } from './http-helpers';
import { renderTemplate } from './webhooks/template';

const field = (payload: unknown, name: string): unknown =>
  payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[name] : undefined;

/** Jinja-ish text of a scalar payload field; objects as JSON, missing as empty. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The grouping template's rendering per integration type (§3.2–§3.3); empty = never groups. */
function groupingKey(integration: EmIntegration, payload: unknown): string {
  if (integration.groupingKey) {
    try {
      return renderTemplate(integration.groupingKey, { payload });
    } catch {
      return '';
    }
  }
  if (integration.type === 'formatted_webhook') return text(field(payload, 'alert_uid'));
  if (integration.type === 'alertmanager') return text(field(payload, 'groupKey'));
  // Plain webhook: the whole payload rendered as a string.
  return JSON.stringify(payload);
}

function isResolveSignal(integration: EmIntegration, payload: unknown): boolean {
  if (integration.type === 'alertmanager') return field(payload, 'status') === 'resolved';
  return text(field(payload, 'state')).toUpperCase() === 'OK';
}

function titleOf(integration: EmIntegration, payload: unknown): string | null {
  const title = field(payload, 'title');
  if (typeof title === 'string') return title;
  const labels = field(payload, 'commonLabels') ?? field(payload, 'groupLabels');
  const alertname = field(labels, 'alertname');
  return integration.type === 'alertmanager' && typeof alertname === 'string' ? alertname : null;
}

/** `Alert.create`: join the open group, attach a resolve signal to the latest resolved one, or open a new one. */
export function createAlert(ctx: EmulatorContext, integration: EmIntegration, payload: unknown): EmAlertGroup {
  const key = groupingKey(integration, payload);
  // An empty grouping key gets a random suffix so the alert never groups (§3.4.1).
  const distinction = createHash('md5')
    .update(key === '' ? `${key}${randomUUID()}` : key)
    .digest('hex');
  const groups = [...ctx.store.alertGroups.values()].filter(
    (g) => g.integrationId === integration.id && g.routeId === integration.routeId && g.distinction === distinction,
  );
  const resolveSignal = isResolveSignal(integration, payload);
  let group = groups.find((g) => g.openForGrouping);
  const latestResolved = groups.filter((g) => g.resolved).sort((a, b) => +b.startedAt - +a.startedAt)[0];
  if (!group && resolveSignal && latestResolved) {
    addAlert(latestResolved, payload);
    return latestResolved;
  }
  if (!group) {
    group = newGroup(integration, distinction, titleOf(integration, payload));
    ctx.store.alertGroups.set(group.id, group);
    addAlert(group, payload);
    ctx.dispatcher.onEvent({ type: 'alert group created', group, user: null, at: group.startedAt });
  } else {
    addAlert(group, payload);
  }
  if (resolveSignal && !group.resolved) ctx.act(group, 'resolve', null);
  return group;
}

function addAlert(group: EmAlertGroup, payload: unknown): void {
  group.alerts.push({ id: publicId('A'), groupId: group.id, createdAt: new Date(), payload });
}

function newGroup(integration: EmIntegration, distinction: string, title: string | null): EmAlertGroup {
  return {
    id: publicId('I'),
    integrationId: integration.id,
    routeId: integration.routeId,
    distinction,
    startedAt: new Date(),
    title,
    alerts: [],
    labels: {},
    openForGrouping: true,
    resolved: false,
    resolvedAt: null,
    resolvedBy: null,
    acknowledged: false,
    acknowledgedAt: null,
    acknowledgedBy: null,
    silenced: false,
    silencedAt: null,
    silencedUntil: null,
  };
}

export function inboundRoutes(ctx: EmulatorContext, onCreated: (done: Promise<void>) => void): Router {
  const router = Router();
  const find = (token: string) => [...ctx.store.integrations.values()].find((i) => i.token === token);
  const denied = 'Integration key was not found. Permission denied.';

  router.get('/integrations/v1/:type/:token', (req, res) => {
    if (!find(req.params.token)) return void res.status(403).type('text/plain').send(denied);
    res.type('text/html').send('<html><body>This endpoint accepts alerts via POST.</body></html>');
  });

  router.post('/integrations/v1/:type/:token', (req, res) => {
    const integration = find(req.params.token);
    if (!integration) return void res.status(403).type('text/plain').send(denied);
    if (req.params.type !== integration.type) {
      const name = INTEGRATION_DISPLAY_NAMES[integration.type];
      return void res.status(400).json(`This url is for integration with ${name}. Key is for ${name}`);
    }
    const body = jsonBody(req);
    if ('error' in body) return void res.status(400).json({ detail: body.error });
    if (body.value === undefined || body.value === null) return void res.status(400).json('Payload is required');
    // Processing is asynchronous, as OnCall's celery `create_alert`: the group id is not in the answer.
    onCreated(
      new Promise<void>((resolve) =>
        setImmediate(() => {
          if (ctx.store.integrations.get(integration.id) === integration) createAlert(ctx, integration, body.value);
          resolve();
        }),
      ),
    );
    res.status(200).json('Ok.');
  });
  return router;
}
