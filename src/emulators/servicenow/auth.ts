import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { SnApiError, sendError, sendJson } from './envelope';
import type { Settings } from './settings';
import type { Store } from './store';

/** An OAuth client registered on the instance (Application Registry). */
export interface OAuthClient {
  client_id: string;
  client_secret: string;
  /** The "OAuth Application User" that client_credentials tokens act as. */
  user_name?: string;
}

const ACCESS_TTL_S = 1800;
const users = new WeakMap<Request, string>();

/** The authenticated user of a request, for the request log. */
export const userOf = (req: Request): string | null => users.get(req) ?? null;

export const unauthenticated = (): SnApiError =>
  new SnApiError(401, 'User Not Authenticated', 'Required to provide Auth information', {
    'WWW-Authenticate': 'BASIC realm="Service-now"',
  });

export function createAuth(store: Store, settings: () => Settings, clients: () => OAuthClient[]) {
  const access = new Map<string, { user: string; expires: number }>();
  const refresh = new Map<string, { user: string; clientId: string }>();

  function identify(req: Request): string | undefined {
    const header = req.headers.authorization ?? '';
    const basic = /^Basic\s+(.+)$/i.exec(header);
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const account = store.account(decoded.slice(0, colon));
      return colon > 0 && account?.password === decoded.slice(colon + 1) ? account.user_name : undefined;
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(header);
    if (bearer) {
      const token = access.get(bearer[1]!);
      return token && token.expires > Date.now() ? token.user : undefined;
    }
    const key = req.headers['x-sn-apikey'] ?? req.query['x-sn-apikey'];
    return typeof key === 'string' ? store.accountByApiKey(key)?.user_name : undefined;
  }

  /** Basic, Bearer (from oauth_token.do) or `x-sn-apikey`; else the recorded 401 (servicenow.md §1.5). */
  function middleware(req: Request, res: Response, next: NextFunction): void {
    const user = identify(req);
    if (user === undefined) return sendError(res, unauthenticated());
    users.set(req, user);
    res.setHeader('X-Is-Logged-In', 'true');
    next();
  }

  function issue(user: string, clientId: string): Record<string, unknown> {
    const accessToken = randomBytes(24).toString('base64url');
    const refreshToken = randomBytes(24).toString('base64url');
    access.set(accessToken, { user, expires: Date.now() + ACCESS_TTL_S * 1000 });
    refresh.set(refreshToken, { user, clientId });
    return {
      scope: 'useraccount',
      token_type: 'Bearer',
      expires_in: ACCESS_TTL_S - 1,
      refresh_token: refreshToken,
      access_token: accessToken,
    };
  }

  /** `POST /oauth_token.do` with the password, refresh_token and (when enabled) client_credentials grants. */
  function tokenEndpoint(req: Request, res: Response): void {
    const form = new URLSearchParams(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    // The request log records req.body; keep the password, client secret and refresh token out of it.
    req.body = { grant_type: form.get('grant_type'), client_id: form.get('client_id'), username: form.get('username') };
    const client = clients().find(
      (c) => c.client_id === form.get('client_id') && c.client_secret === form.get('client_secret'),
    );
    const props = settings().properties;
    const grant = form.get('grant_type');
    let user: string | undefined;
    if (client && grant === 'password' && props['glide.oauth.inbound.ropc.grant_type.disabled'] !== 'true') {
      const account = store.account(form.get('username') ?? '');
      user = account && account.password === form.get('password') ? account.user_name : undefined;
    } else if (client && grant === 'refresh_token') {
      const stored = refresh.get(form.get('refresh_token') ?? '');
      user = stored?.clientId === client.client_id ? stored.user : undefined;
    } else if (
      client &&
      grant === 'client_credentials' &&
      props['glide.oauth.inbound.client.credential.grant_type.enabled'] === 'true'
    ) {
      user = client.user_name;
    }
    if (user === undefined || !client)
      return sendJson(res, 401, { error_description: 'access_denied', error: 'server_error' });
    sendJson(res, 200, issue(user, client.client_id));
  }

  return { middleware, tokenEndpoint, clear: () => (access.clear(), refresh.clear()) };
}
