/** The typed OnCall public-API client (oncall.md §2, §10) behind the `OnCallClient` contract. */
import type { z } from 'zod';
import { ResponseShapeError, sendRequest, type HttpRequest } from '../http';
import { describeShapeProblems } from '../shape-problems';
import {
  AlertApiSchema,
  AlertGroupApiSchema,
  IntegrationApiSchema,
  ResolutionNoteApiSchema,
  UserApiSchema,
  WebhookApiSchema,
  pageSchema,
  toAlertGroup,
} from './schemas';
import type { AlertGroupAction, ListAlertGroupsFilter, OnCallClient, OnCallClientConfig, Page } from './types';

/** Creates a client that authenticates with a user's API key (`Authorization: <key>`, no `Bearer`). */
export function createOnCallClient(config: OnCallClientConfig): OnCallClient {
  const base = `${config.apiUrl.replace(/\/+$/, '')}/api/v1`;
  const timeoutMs = config.timeoutMs ?? 10_000;

  async function call(method: HttpRequest['method'], path: string, body?: unknown): Promise<unknown> {
    const response = await sendRequest({
      method,
      url: `${base}${path}`,
      headers: { authorization: config.apiToken },
      body,
      timeoutMs,
      secrets: [config.apiToken],
      system: 'oncall',
      guarded: config.guarded,
      budget: config.budget,
    });
    return response.body;
  }

  async function read<S extends z.ZodType>(schema: S, method: HttpRequest['method'], path: string, body?: unknown) {
    const raw = await call(method, path, body);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new ResponseShapeError(`${method} ${path}: ${describeShapeProblems(raw, parsed.error)}`);
    }
    return parsed.data;
  }

  async function readPage<S extends z.ZodType>(item: S, path: string): Promise<Page<z.infer<S>>> {
    const page = await read(pageSchema(item), 'GET', path);
    return { results: page.results, count: page.count, ...nextPageOf(page.next) };
  }

  const action = (id: string, name: AlertGroupAction, body?: unknown) =>
    call('POST', `/alert_groups/${encodeURIComponent(id)}/${name}/`, body).then(() => undefined);

  const client: OnCallClient = {
    getAlertGroup: async (id) =>
      toAlertGroup(await read(AlertGroupApiSchema, 'GET', `/alert_groups/${encodeURIComponent(id)}/`)),
    listAlertGroups: async (filter = {}) => {
      const page = await readPage(AlertGroupApiSchema, `/alert_groups/${query(filter)}`);
      return { ...page, results: page.results.map(toAlertGroup) };
    },
    acknowledge: (id) => action(id, 'acknowledge'),
    unacknowledge: (id) => action(id, 'unacknowledge'),
    resolve: (id) => action(id, 'resolve'),
    unresolve: (id) => action(id, 'unresolve'),
    silence: (id, delaySeconds) => action(id, 'silence', { delay: delaySeconds }),
    unsilence: (id) => action(id, 'unsilence'),
    listIntegrations: (page) => readPage(IntegrationApiSchema, `/integrations/${query({ page })}`),
    getIntegration: (id) => read(IntegrationApiSchema, 'GET', `/integrations/${encodeURIComponent(id)}/`),
    createIntegration: (input) => read(IntegrationApiSchema, 'POST', '/integrations/', input),
    deleteIntegration: (id) => call('DELETE', `/integrations/${encodeURIComponent(id)}/`).then(() => undefined),
    listWebhooks: (page) => readPage(WebhookApiSchema, `/webhooks/${query({ page })}`),
    createWebhook: (input) => read(WebhookApiSchema, 'POST', '/webhooks/', { http_method: 'POST', ...input }),
    updateWebhook: (id, patch) => read(WebhookApiSchema, 'PATCH', `/webhooks/${encodeURIComponent(id)}/`, patch),
    deleteWebhook: (id) => call('DELETE', `/webhooks/${encodeURIComponent(id)}/`).then(() => undefined),
    sendAlert: async (inboundUrl, payload) => {
      // The inbound URL's token is its credential; the API key is not sent there.
      await sendRequest({
        method: 'POST',
        url: inboundUrl,
        body: payload,
        timeoutMs,
        secrets: [inboundUrl],
        system: 'oncall',
        guarded: config.guarded,
      });
    },
    searchAlerts: (text) => readPage(AlertApiSchema, `/alerts/${query({ search: text })}`),
    getCurrentUser: () => read(UserApiSchema, 'GET', '/users/current/'),
    getUser: (id) => read(UserApiSchema, 'GET', `/users/${encodeURIComponent(id)}/`),
    listResolutionNotes: (alertGroupId, page) =>
      readPage(ResolutionNoteApiSchema, `/resolution_notes/${query({ alert_group_id: alertGroupId, page })}`),
    createResolutionNote: (alertGroupId, text) =>
      read(ResolutionNoteApiSchema, 'POST', '/resolution_notes/', { alert_group_id: alertGroupId, text }),
  };
  return client;
}

function query(params: Record<string, string | number | undefined> | ListAlertGroupsFilter): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

function nextPageOf(next: string | null): { nextPage?: number } {
  if (!next) return {};
  const page = Number(new URL(next).searchParams.get('page'));
  return Number.isInteger(page) && page > 0 ? { nextPage: page } : {};
}
