import { basicAuth, ResponseShapeError, sendRequest } from '../http';
import { TokenResponseSchema } from './schemas';
import type { ServiceNowAuth } from './types';

/** Refresh this long before `expires_in` runs out, as servicenow.itsm does. */
const REFRESH_MARGIN_MS = 60_000;

export interface AuthProvider {
  /** The `Authorization` header value for the next call. */
  header(): Promise<string>;
  /** Forget the access token after a 401, so the next header() gets a fresh one. */
  invalidate(): void;
  /** Whether a 401 is worth one retry with a fresh token. */
  canRetry: boolean;
  /** Values to keep out of errors: password, client secret, tokens. */
  secrets(): string[];
}

/** Basic auth, or OAuth against `/oauth_token.do` with the password grant and refresh tokens. */
export function createAuthProvider(
  instanceUrl: string,
  auth: ServiceNowAuth,
  timeoutMs: number,
  guarded = false,
): AuthProvider {
  if (auth.kind === 'basic') {
    const header = basicAuth(auth.username, auth.password);
    return {
      header: () => Promise.resolve(header),
      invalidate: () => undefined,
      canRetry: false,
      // The pair as the header carries it: base64 of `user:password` is not base64 of the password.
      secrets: () => [auth.password, `${auth.username}:${auth.password}`],
    };
  }
  const oauth = auth;
  let token: { access: string; refresh?: string; expiresAt: number } | undefined;

  async function grant(form: Record<string, string>): Promise<void> {
    const response = await sendRequest({
      method: 'POST',
      url: `${instanceUrl}/oauth_token.do`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: oauth.clientId, client_secret: oauth.clientSecret, ...form }).toString(),
      timeoutMs,
      secrets: secrets(),
      system: 'servicenow',
      guarded,
    });
    const parsed = TokenResponseSchema.safeParse(response.body);
    if (!parsed.success) throw new ResponseShapeError('oauth_token.do did not return an access token');
    token = {
      access: parsed.data.access_token,
      refresh: parsed.data.refresh_token,
      expiresAt: Date.now() + parsed.data.expires_in * 1000,
    };
  }

  function secrets(): string[] {
    return [oauth.password, oauth.clientSecret, token?.access, token?.refresh].filter((s): s is string => !!s);
  }

  async function header(): Promise<string> {
    if (!token || token.expiresAt - REFRESH_MARGIN_MS <= Date.now()) {
      const refresh = token?.refresh;
      token = undefined;
      // A refresh token that was revoked or expired falls back to the password grant.
      if (refresh) await grant({ grant_type: 'refresh_token', refresh_token: refresh }).catch(() => undefined);
      if (!token) await grant({ grant_type: 'password', username: oauth.username, password: oauth.password });
    }
    return `Bearer ${token!.access}`;
  }

  return {
    header,
    invalidate: () => {
      if (token) token.expiresAt = 0;
    },
    canRetry: true,
    secrets,
  };
}
