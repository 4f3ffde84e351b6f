import type { Request, Response } from 'express';
import { userOf } from './auth';
import { parseQuery, matches, sortRows, type ParsedQuery } from '../../sync/encoded-query';
import { createResolver, renderRow, type DisplayMode, type RenderOptions } from './render';
import type { Settings } from './settings';
import type { Row, Store } from './store';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** The instance reads its `sysparm_*` switches case-insensitively (a third-party client sends `True`). */
export const flag = (value: unknown): string | undefined => str(value)?.toLowerCase();

export function renderOptions(req: Request, store: Store, table: string): RenderOptions {
  const mode = flag(req.query.sysparm_display_value) ?? 'false';
  const { isField } = createResolver(store, table);
  const fields = str(req.query.sysparm_fields)
    ?.split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '' && isField(f));
  return {
    baseUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
    display: (['true', 'all'].includes(mode) ? mode : 'false') as DisplayMode,
    excludeLinks: flag(req.query.sysparm_exclude_reference_link) === 'true',
    fields: fields && fields.length > 0 ? fields : undefined,
  };
}

/** `sysparm_query`, or else the `name=value` pairs of the query string (servicenow.md §1.2). */
function queryOf(req: Request, store: Store, table: string): ParsedQuery {
  const encoded =
    str(req.query.sysparm_query) ??
    Object.entries(req.query)
      .filter(([name]) => !name.startsWith('sysparm_') && name !== 'x-sn-apikey')
      .map(([name, value]) => `${name}=${str(value) ?? ''}`)
      .join('^');
  return parseQuery(encoded, createResolver(store, table).isField);
}

function visibleRows(store: Store, table: string, user: string, settings: Settings): Row[] {
  // sys_choice is ACL-protected: without personalize_choices a read is filtered to nothing, not refused.
  if (table === 'sys_choice' && !store.hasRole(user, 'personalize_choices')) return [];
  return [...store.rows(table).values()].filter((row) => !settings.hiddenSysIds.includes(row.sys_id ?? ''));
}

export function canRead(store: Store, table: string, user: string, row: Row, settings: Settings): boolean {
  return visibleRows(store, table, user, settings).includes(row);
}

export function listRecords(req: Request, res: Response, store: Store, table: string, settings: Settings): unknown {
  const query = queryOf(req, store, table);
  const { resolve } = createResolver(store, table);
  const strict = settings.properties['glide.invalid_query.returns_no_rows'] === 'true';
  const all = strict && query.invalid ? [] : visibleRows(store, table, userOf(req) ?? '', settings);
  const found = sortRows(
    all.filter((row) => matches(row, query, resolve)),
    query,
    resolve,
  );
  const limit = positive(req.query.sysparm_limit, 10000) || 10000;
  const offset = positive(req.query.sysparm_offset, 0);
  if (flag(req.query.sysparm_no_count) !== 'true') res.setHeader('X-Total-Count', String(found.length));
  if (flag(req.query.sysparm_suppress_pagination_header) !== 'true') {
    const link = linkHeader(req, offset, limit, found.length);
    if (link) res.setHeader('Link', link);
  }
  const options = renderOptions(req, store, table);
  return { result: found.slice(offset, offset + limit).map((row) => renderRow(store, table, row, options)) };
}

function positive(value: unknown, fallback: number): number {
  const n = Number(str(value));
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

/** first/prev/next/last, each repeating the request with a new offset; none for a single page. */
function linkHeader(req: Request, offset: number, limit: number, total: number): string | undefined {
  if (total <= limit && offset === 0) return undefined;
  const base = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  const at = (o: number): string => {
    const url = new URL(base);
    url.searchParams.set('sysparm_offset', String(o));
    url.searchParams.set('sysparm_limit', String(limit));
    return url.toString();
  };
  const lastOffset = Math.max(0, Math.floor((total - 1) / limit) * limit);
  const links = [`<${at(0)}>;rel="first"`];
  if (offset > 0) links.push(`<${at(Math.max(0, offset - limit))}>;rel="prev"`);
  if (offset + limit < total) links.push(`<${at(offset + limit)}>;rel="next"`);
  links.push(`<${at(lastOffset)}>;rel="last"`);
  return links.join(',');
}
