/** `/api/v1/alert_groups/` and `/api/v1/alerts/` (oncall.md §2.2, §2.6). */
import { Router, type Request, type Response } from 'express';
import { userOf } from './auth';
import type { EmulatorContext } from './context';
import { drfTime } from './ids';
import type { EmAlertGroup, StatusTrigger } from './model';
import { guardMessage, parseSilenceDelay } from './state-machine';
import { serializeAlertGroup } from './serializers';
import { detail, jsonBody, notFound, paginate, queryList, queryString } from './http-helpers';

const ACTIONS: StatusTrigger[] = ['acknowledge', 'unacknowledge', 'resolve', 'unresolve', 'silence', 'unsilence'];

/** Filter value → predicate (`new` is firing; oncall.md §2.2). */
const STATE_FILTERS: Record<string, (group: EmAlertGroup) => boolean> = {
  new: (g) => !g.silenced && !g.acknowledged && !g.resolved,
  silenced: (g) => g.silenced && !g.acknowledged && !g.resolved,
  acknowledged: (g) => g.acknowledged && !g.resolved,
  resolved: (g) => g.resolved,
};

export function alertGroupRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const find = (id: string | undefined) => (id ? ctx.store.alertGroups.get(id) : undefined);

  router.get('/alert_groups', (req, res) => {
    const groups = filterGroups(ctx, req, res);
    if (groups) paginate(req, res, groups, ctx.baseUrl(), (g) => serializeAlertGroup(g, ctx.grafanaUrl()));
  });

  router.get('/alert_groups/:id', (req, res) => {
    const group = find(req.params.id);
    if (!group) return notFound(res);
    res.json(serializeAlertGroup(group, ctx.grafanaUrl()));
  });

  router.delete('/alert_groups/:id', (req, res) => {
    const group = find(req.params.id);
    if (!group) return notFound(res);
    const body = jsonBody(req);
    const value = 'value' in body ? (body.value ?? {}) : undefined;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return void res.status(400).json('A dict with a `mode` key is expected');
    }
    const mode = (value as Record<string, unknown>).mode ?? 'wipe';
    if (mode !== 'wipe' && mode !== 'delete') return void res.status(400).json('Invalid mode');
    clearTimeout(group.unsilenceTimer);
    ctx.store.alertGroups.delete(group.id);
    for (const note of ctx.store.resolutionNotes.values())
      if (note.groupId === group.id) ctx.store.resolutionNotes.delete(note.id);
    res.status(204).end();
  });

  for (const action of ACTIONS) {
    router.post(`/alert_groups/:id/${action}`, (req, res) => runAction(ctx, action, find(req.params.id), req, res));
  }

  router.get('/alerts', (req, res) => {
    const groupId = queryString(req, 'alert_group_id');
    const search = queryString(req, 'search')?.toLowerCase();
    const alerts = [...ctx.store.alertGroups.values()]
      .filter((g) => !groupId || g.id === groupId)
      .flatMap((g) => g.alerts)
      .filter((a) => !search || JSON.stringify(a.payload).toLowerCase().includes(search))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    paginate(req, res, alerts, ctx.baseUrl(), (a) => ({
      id: a.id,
      alert_group_id: a.groupId,
      created_at: drfTime(a.createdAt),
      payload: a.payload,
    }));
  });
  return router;
}

/** The view's order: service-account check, lookup, `delay` (silence), then the state guard. */
function runAction(
  ctx: EmulatorContext,
  action: StatusTrigger,
  group: EmAlertGroup | undefined,
  req: Request,
  res: Response,
): void {
  const user = userOf(req) ?? null;
  if (user?.serviceAccount) return detail(res, 403, `Service accounts are not allowed to ${action} alert groups`);
  if (!group) return notFound(res);
  let delay: number | null = null;
  if (action === 'silence') {
    const body = jsonBody(req);
    if ('error' in body) return detail(res, 400, body.error);
    const parsed = parseSilenceDelay(body.value);
    if ('error' in parsed) return detail(res, 400, parsed.error);
    delay = parsed.delay;
  }
  const refusal = guardMessage(group, action);
  if (refusal) return detail(res, 400, refusal);
  ctx.act(group, action, user, delay);
  res.status(200).end();
}

function filterGroups(ctx: EmulatorContext, req: Request, res: Response): EmAlertGroup[] | undefined {
  const state = queryString(req, 'state');
  const stateFilter = state ? STATE_FILTERS[state.toLowerCase()] : undefined;
  if (state && !stateFilter) {
    return void detail(res, 400, { state: 'Must be one of the following: new, acknowledged, resolved, silenced' });
  }
  const range = parseRange(queryString(req, 'started_at'));
  if (range === 'invalid') return void detail(res, 400, 'Invalid range value');
  const labels = queryList(req, 'label').map((pair) => pair.split(':', 2) as [string, string | undefined]);
  const match = (name: string, value: string) => {
    const wanted = queryString(req, name);
    return !wanted || wanted === value;
  };
  const teamId = queryString(req, 'team_id');
  return [...ctx.store.alertGroups.values()]
    .filter((g) => match('id', g.id) && match('route_id', g.routeId) && match('integration_id', g.integrationId))
    .filter(() => !teamId || teamId === 'null')
    .filter((g) => !stateFilter || stateFilter(g))
    .filter((g) => labels.every(([key, value]) => g.labels[key] === value))
    .filter((g) => !range || (g.startedAt >= range[0] && g.startedAt <= range[1]))
    .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

/** `started_at=YYYY-MM-DDTHH:MM:SS_YYYY-MM-DDTHH:MM:SS` (UTC). */
function parseRange(text: string | undefined): [Date, Date] | 'invalid' | undefined {
  if (!text) return undefined;
  const parts = text.split('_');
  const dates = parts.map((part) => new Date(/Z|[+-]\d\d:\d\d$/.test(part) ? part : `${part}Z`));
  if (parts.length !== 2 || dates.some((d) => Number.isNaN(d.getTime()))) return 'invalid';
  return [dates[0] as Date, dates[1] as Date];
}
