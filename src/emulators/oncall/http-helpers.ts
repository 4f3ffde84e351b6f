/** Request/response helpers shared by the emulator's routes: DRF-style errors, JSON bodies, pagination. */
import type { Request, Response } from 'express';

export const detail = (res: Response, status: number, message: unknown) =>
  void res.status(status).json({ detail: message });

export const notFound = (res: Response) => detail(res, 404, 'Not found.');

/** The body as JSON: `undefined` when empty, or `{error}` when it does not parse (DRF answers 400). */
export function jsonBody(req: Request): { value: unknown } | { error: string } {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw)) return { value: raw ?? undefined };
  const text = raw.toString('utf8');
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: `JSON parse error - ${error instanceof Error ? error.message : 'invalid JSON'}` };
  }
}

/** A JSON object body, or an answer already sent (400) and `undefined` returned. */
export function objectBody(req: Request, res: Response): Record<string, unknown> | undefined {
  const body = jsonBody(req);
  if ('error' in body) return void detail(res, 400, body.error);
  if (body.value === undefined) return {};
  if (!body.value || typeof body.value !== 'object' || Array.isArray(body.value)) {
    return void detail(res, 400, 'Invalid data. Expected a dictionary.');
  }
  return body.value as Record<string, unknown>;
}

export const queryString = (req: Request, name: string): string | undefined => {
  const value: unknown = req.query[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined;
};

export const queryList = (req: Request, name: string): string[] => {
  const value: unknown = req.query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
};

/**
 * `FiftyPageSizePaginator` (oncall.md §2.1): `page` (1-based) and `perpage` (default 50); a page past the
 * end gives the last page; `next`/`previous` are absolute URLs.
 */
export function paginate<T>(req: Request, res: Response, items: T[], baseUrl: string, serialize: (item: T) => unknown) {
  const perpage = positiveInt(queryString(req, 'perpage')) ?? 50;
  const totalPages = Math.max(1, Math.ceil(items.length / perpage));
  const pageParam = queryString(req, 'page');
  let page = pageParam === undefined ? 1 : positiveInt(pageParam);
  if (page === undefined) return detail(res, 404, 'Invalid page.');
  page = Math.min(page, totalPages);
  const link = (target: number) => {
    const search = new URLSearchParams(req.query as Record<string, string>);
    search.set('page', String(target));
    return `${baseUrl}${req.baseUrl}${req.path}?${search.toString()}`;
  };
  res.json({
    count: items.length,
    next: page < totalPages ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: items.slice((page - 1) * perpage, page * perpage).map(serialize),
    page_size: perpage,
    current_page_number: page,
    total_pages: totalPages,
  });
}

function positiveInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}
