/** Inbound integration URLs (oncall.md §3): answer `"Ok."`, then create or group the alert asynchronously. */
import { createHash, randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { EmulatorContext } from './context';
import { publicId } from './ids';
import { INTEGRATION_TYPE_RULES } from './integration-types';
import type { EmAlertGroup, EmIntegration } from './model';
import { jsonBody } from './http-helpers';
import { renderTemplate } from './webhooks/template';

/** The grouping template's rendering: one set through the API (§3.3), else the type's default. */
function groupingKey(integration: EmIntegration, payload: unknown): string {
  if (integration.groupingKey) {
    try {
      return renderTemplate(integration.groupingKey, { payload });
    } catch {
      return '';
    }
  }
  return INTEGRATION_TYPE_RULES[integration.type].groupingKey(payload);
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
  const rules = INTEGRATION_TYPE_RULES[integration.type];
  const resolveSignal = rules.isResolveSignal(payload);
  let group = groups.find((g) => g.openForGrouping);
  const latestResolved = groups.filter((g) => g.resolved).sort((a, b) => +b.startedAt - +a.startedAt)[0];
  if (!group && resolveSignal && latestResolved) {
    addAlert(latestResolved, payload);
    return latestResolved;
  }
  if (!group) {
    group = newGroup(integration, distinction, rules.title(payload));
    group.labels = dynamicLabels(payload);
    ctx.store.alertGroups.set(group.id, group);
    addAlert(group, payload);
    ctx.dispatcher.onEvent({ type: 'alert group created', group, user: null, at: group.startedAt });
  } else {
    addAlert(group, payload);
  }
  if (resolveSignal && !group.resolved) ctx.act(group, 'resolve', null);
  return group;
}

/**
 * The group's labels, fixed at creation as OnCall's dynamic labels are: the first alert's `labels` object
 * (as Alertmanager and Grafana Alerting send it, or a formatted webhook that passes one), string values only.
 */
function dynamicLabels(payload: unknown): Record<string, string> {
  const labels = (payload as { labels?: unknown } | null)?.labels;
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) return {};
  return Object.fromEntries(
    Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
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
    // Integrations without an inbound URL (e-mail, manual, maintenance) take no alerts over HTTP.
    if (!integration || !INTEGRATION_TYPE_RULES[integration.type].inboundUrl) {
      return void res.status(403).type('text/plain').send(denied);
    }
    if (req.params.type !== integration.type) {
      const name = INTEGRATION_TYPE_RULES[integration.type].displayName;
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
