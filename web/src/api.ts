/** The one way the UI talks to the bridge: the admin API with the session's bearer token. */
import type { ErrorEnvelope } from './api-types';
import { forgetToken, storedToken } from './session';

/** A non-2xx answer, with the API's stable `code` and its `details` (e.g. the fields that failed). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The `details` of an `invalid_request`: which field failed and why. */
  fieldProblems(): { field: string; reason: string }[] {
    const details: unknown[] = Array.isArray(this.details) ? this.details : [];
    return details.filter(
      (d): d is { field: string; reason: string } =>
        typeof d === 'object' && d !== null && typeof (d as { field?: unknown }).field === 'string',
    );
  }
}

/** Called when the bridge refuses the token (401): the app signs out. */
let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(method: string, path: string, body?: unknown, token = storedToken()): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiFailure(0, 'network_error', 'The bridge did not answer: is it running?');
  }
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (res.ok) return parsed as T;
  const error = (parsed as Partial<ErrorEnvelope> | undefined)?.error;
  if (res.status === 401) {
    forgetToken();
    onUnauthorized();
  }
  throw new ApiFailure(
    res.status,
    error?.code ?? `http_${res.status}`,
    error?.message ?? res.statusText,
    error?.details,
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Path segment for an id that may contain slashes (pair ids). */
export const seg = encodeURIComponent;
