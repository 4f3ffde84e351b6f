import { Router, type Request, type Response } from 'express';
import { userOf } from './auth';
import { jsonBody } from './body';
import { SnApiError, aclUpdateDenied, notFound, sendJson, setStandardHeaders } from './envelope';
import { fromDisplayValues } from './input-display';
import { canRead, flag, listRecords, renderOptions } from './list';
import { renderRow } from './render';
import type { Settings } from './settings';
import type { Row, Store } from './store';
import { tableDef } from './tables';
import { writeGeneric, type IncidentWriter } from './writes';

export interface TableRouteDeps {
  store: Store;
  writer: IncidentWriter;
  settings: () => Settings;
}

const PATH = '/api/now{/:version}/table/:table{/:sysId}';

/** The Table API (servicenow.md §1.1, §7 items 1–3). */
export function tableRoutes({ store, writer, settings }: TableRouteDeps): Router {
  const router = Router();

  function target(req: Request): { table: string; sysId?: string } {
    const { version, table, sysId } = req.params as { version?: string; table: string; sysId?: string };
    if (version !== undefined && !['v1', 'v2'].includes(version)) {
      throw new SnApiError(400, 'Requested URI does not represent any resource', null);
    }
    if (!tableDef(table)) throw new SnApiError(400, `Invalid table ${table}`, null);
    return { table, sysId };
  }

  function readable(req: Request, table: string, sysId: string): Row {
    const row = store.get(table, sysId);
    if (!row || !canRead(store, table, userOf(req) ?? '', row, settings())) throw notFound();
    return row;
  }

  function respond(req: Request, res: Response, status: number, table: string, row: Row): void {
    if (req.get('X-no-response-body') === 'true') {
      setStandardHeaders(res);
      res.status(status).end();
      return;
    }
    sendJson(res, status, { result: renderRow(store, table, row, renderOptions(req, store, table)) });
  }

  /** The request body, with display values turned into stored values when the request says it gives them. */
  function input(req: Request, table: string): Record<string, unknown> {
    const body = jsonBody(req);
    return flag(req.query.sysparm_input_display_value) === 'true' ? fromDisplayValues(store, table, body) : body;
  }

  function actor(req: Request) {
    const userName = userOf(req) ?? '';
    return { actor: { userName, sysId: store.account(userName)?.sys_id ?? '' }, interactive: false };
  }

  router.get(PATH, (req, res) => {
    const { table, sysId } = target(req);
    if (sysId === undefined) return sendJson(res, 200, listRecords(req, res, store, table, settings()));
    respond(req, res, 200, table, readable(req, table, sysId));
  });

  router.post(PATH, async (req, res) => {
    const { table, sysId } = target(req);
    if (sysId !== undefined) throw new SnApiError(405, 'Method not Supported', 'POST method not supported for API');
    const body = input(req, table);
    const row =
      table === 'incident'
        ? await writer.insert(body, actor(req))
        : writeGeneric(store, table, body, userOf(req) ?? '');
    res.setHeader('Location', `${req.protocol}://${req.get('host') ?? 'localhost'}${req.path}/${row.sys_id}`);
    respond(req, res, 201, table, row);
  });

  const update = async (req: Request, res: Response): Promise<void> => {
    const { table, sysId } = target(req);
    if (sysId === undefined)
      throw new SnApiError(405, 'Method not Supported', `${req.method} method not supported for API`);
    readable(req, table, sysId);
    if (settings().denyUpdates) throw aclUpdateDenied();
    const body = input(req, table);
    const row =
      table === 'incident'
        ? await writer.update(sysId, body, actor(req))
        : writeGeneric(store, table, body, userOf(req) ?? '', sysId);
    respond(req, res, 200, table, row);
  };
  router.patch(PATH, update);
  router.put(PATH, update);

  router.delete(PATH, (req, res) => {
    const { table, sysId } = target(req);
    if (sysId === undefined) throw new SnApiError(405, 'Method not Supported', 'DELETE method not supported for API');
    readable(req, table, sysId);
    store.delete(table, sysId);
    setStandardHeaders(res);
    res.status(204).end();
  });

  return router;
}
