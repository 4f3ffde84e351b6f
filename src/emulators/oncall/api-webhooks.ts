/** `/api/v1/webhooks/` (oncall.md §2.5): CRUD with the serializer's validation and masking. */
import { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from './context';
import { publicId } from './ids';
import { liveWebhook, liveWebhooks, softDeleteWebhook, type EmStore, type EmWebhook } from './model';
import { FIELD_PLACEHOLDER, serializeWebhook } from './serializers';
import { detail, notFound, objectBody, paginate, queryString } from './http-helpers';

const TRIGGER_TYPES = [
  'escalation',
  'alert group created',
  'acknowledge',
  'resolve',
  'silence',
  'unsilence',
  'unresolve',
  'unacknowledge',
  'status change',
  'personal notification',
];
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];
/** The model's `max_length` for `name`. */
const NAME_MAX = 100;
const pyList = (items: string[]) => `[${items.map((item) => `'${item}'`).join(', ')}]`;

type Body = Record<string, unknown>;
type Validation = { errors: Record<string, unknown>; detail?: string };

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Applies `body` onto `target` (a new or existing webhook), collecting DRF-shaped errors. */
function applyFields(store: EmStore, target: EmWebhook, body: Body, creating: boolean): Validation {
  const result: Validation = { errors: {} };
  const required = (field: string) => {
    if (creating && (body[field] === undefined || body[field] === null || body[field] === '')) {
      result.errors[field] = ['This field is required.'];
    }
  };
  ['name', 'url', 'http_method', 'trigger_type'].forEach(required);
  if ('preset' in body) result.errors.preset = ['Preset webhooks must be modified through web UI'];
  if (typeof body.http_method === 'string') {
    if (!HTTP_METHODS.includes(body.http_method))
      result.errors.http_method = [`Must be one of ${pyList(HTTP_METHODS)}`];
    else target.httpMethod = body.http_method;
  }
  if (body.trigger_type !== undefined) {
    if (typeof body.trigger_type === 'string' && TRIGGER_TYPES.includes(body.trigger_type)) {
      target.triggerType = body.trigger_type;
    } else result.detail = `trigger_type must one of ${pyList(TRIGGER_TYPES)}`;
  }
  if (typeof body.name === 'string' && body.name.length > NAME_MAX) {
    result.errors.name = [`Ensure this field has no more than ${NAME_MAX} characters.`];
  } else if (typeof body.name === 'string' && body.name) {
    // unique_together (name, organization) covers deleted rows too; their renaming keeps the name free.
    const taken = [...store.webhooks.values()].some((w) => w.name === body.name && w.id !== target.id);
    if (taken) result.errors.non_field_errors = ['The fields name, organization must make a unique set.'];
    target.name = body.name;
  }
  if (typeof body.url === 'string' && body.url) target.url = body.url;
  if ('forward_all' in body) target.forwardAll = body.forward_all === null ? false : body.forward_all === true;
  if (typeof body.is_webhook_enabled === 'boolean') target.enabled = body.is_webhook_enabled;
  for (const [field, key] of [
    ['data', 'data'],
    ['headers', 'headers'],
    ['trigger_template', 'triggerTemplate'],
    ['username', 'username'],
  ] as const) {
    if (field in body) target[key] = str(body[field]);
  }
  // Sending the placeholder back keeps the stored secret.
  if ('authorization_header' in body && body.authorization_header !== FIELD_PLACEHOLDER) {
    target.authorizationHeader = str(body.authorization_header);
  }
  if ('password' in body && body.password !== FIELD_PLACEHOLDER) target.password = str(body.password);
  // The serializer sets a missing or empty filter to [] on every write, PATCH included: a PATCH without
  // `integration_filter` makes the webhook fire for every integration of the organization.
  applyFilter(store, target, body.integration_filter, result);
  return result;
}

function applyFilter(store: EmStore, target: EmWebhook, value: unknown, result: Validation): void {
  const ids = value === null || value === undefined ? [] : value;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !store.integrations.has(id))) {
    result.errors.integration_filter = ['integration_filter must be a list of valid integration ids'];
    return;
  }
  target.integrationFilter = ids as string[];
}

function blankWebhook(): EmWebhook {
  return {
    id: publicId('WH'),
    name: '',
    url: '',
    httpMethod: 'POST',
    triggerType: 'escalation',
    forwardAll: true,
    enabled: true,
    data: null,
    headers: null,
    authorizationHeader: null,
    username: null,
    password: null,
    triggerTemplate: null,
    integrationFilter: [],
    team: null,
    deletedAt: null,
  };
}

/** Sends the 400 for a failed validation; true when it did. */
function rejected(res: Response, validation: Validation): boolean {
  if (validation.detail) return (detail(res, 400, validation.detail), true);
  if (Object.keys(validation.errors).length > 0) return (res.status(400).json(validation.errors), true);
  return false;
}

export function webhookRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const { store } = ctx;
  router.get('/webhooks', (req, res) => {
    const name = queryString(req, 'name');
    const items = liveWebhooks(store).filter((w) => !name || w.name === name);
    paginate(req, res, items, ctx.baseUrl(), serializeWebhook);
  });
  router.get('/webhooks/:id', (req, res) => {
    const webhook = liveWebhook(store, req.params.id);
    return webhook ? void res.json(serializeWebhook(webhook)) : notFound(res);
  });
  router.post('/webhooks', (req, res) => {
    const body = objectBody(req, res);
    if (!body) return;
    const webhook = blankWebhook();
    if (rejected(res, applyFields(store, webhook, body, true))) return;
    store.webhooks.set(webhook.id, webhook);
    res.status(201).json(serializeWebhook(webhook));
  });
  const update = (req: Request, res: Response) => {
    const existing = liveWebhook(store, String(req.params.id));
    if (!existing) return notFound(res);
    const body = objectBody(req, res);
    if (!body) return;
    const draft: EmWebhook = { ...existing, integrationFilter: [...existing.integrationFilter] };
    if (rejected(res, applyFields(store, draft, body, false))) return;
    store.webhooks.set(draft.id, draft);
    res.json(serializeWebhook(draft));
  };
  router.put('/webhooks/:id', update);
  router.patch('/webhooks/:id', update);
  router.delete('/webhooks/:id', (req, res) => {
    const webhook = liveWebhook(store, req.params.id);
    if (!webhook) return notFound(res);
    softDeleteWebhook(webhook, new Date());
    res.status(204).end();
  });
  router.get('/webhooks/:id/responses', (req, res) => {
    const webhook = liveWebhook(store, req.params.id);
    if (!webhook) return notFound(res);
    // Only rows of the webhook's own trigger type: a status-change webhook's rows carry the original type.
    const rows = ctx.dispatcher
      .log()
      .filter((entry) => entry.webhookId === webhook.id && entry.eventType === webhook.triggerType)
      .reverse();
    paginate(req, res, rows, ctx.baseUrl(), (entry) => ({
      timestamp: entry.at,
      url: entry.url,
      request_trigger: entry.requestTrigger ?? '',
      request_headers: JSON.stringify({
        ...entry.headers,
        ...(entry.headers.Authorization ? { Authorization: FIELD_PLACEHOLDER } : {}),
      }),
      request_data: entry.body === null ? null : JSON.stringify(entry.body),
      status_code: entry.status ?? null,
      content:
        entry.response === undefined
          ? null
          : typeof entry.response === 'string'
            ? entry.response
            : JSON.stringify(entry.response),
      event_data: JSON.stringify(entry.body),
    }));
  });
  return router;
}
