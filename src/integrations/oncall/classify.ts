import type { FailureClass } from '../errors';
import { HttpError, NetworkError, ResponseShapeError } from '../http';

/**
 * Decides how a failed OnCall call is handled (oncall.md §2.1–§2.2, §7.5):
 * - 400 is the API's "wrong state" (or a bad request): never retried; for actions the caller re-reads the
 *   group and decides, because the target state may already hold;
 * - 401/403: a bad key, or a service-account token that may not act on alert groups;
 * - 404: the object is gone; 429: retryable after the server's delay; 408, 5xx and network: retryable.
 */
export function classifyOnCallError(error: unknown): FailureClass {
  if (error instanceof HttpError) return classifyHttp(error);
  if (error instanceof NetworkError) {
    const what = error.timedOut ? 'did not answer in time' : 'could not be reached';
    return { retryable: true, type: 'oncall_unreachable', message: `OnCall ${what}: ${error.message}` };
  }
  if (error instanceof ResponseShapeError) {
    return {
      retryable: false,
      type: 'oncall_bad_response',
      message: `OnCall answered an unexpected shape: ${error.message}`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { retryable: false, type: 'oncall_unexpected', message: `Unexpected OnCall client error: ${message}` };
}

function classifyHttp(error: HttpError): FailureClass {
  const status = error.status;
  const detail = detailOf(error.body);
  const base = { status, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) };
  if (status === 400) {
    const wrongState = /^Can't /.test(detail);
    return {
      ...base,
      retryable: false,
      type: wrongState ? 'oncall_wrong_state' : 'oncall_bad_request',
      message: wrongState
        ? `OnCall refused the action in the group's current state (${detail}); re-read the group and decide`
        : `OnCall rejected the request: ${detail || 'bad request'}`,
    };
  }
  if (status === 401 || status === 403) {
    return {
      ...base,
      retryable: false,
      type: 'oncall_forbidden',
      message:
        `OnCall refused the API key (${detail || status}). Use an OnCall API key that belongs to a user ` +
        '(Authorization: <key>, no Bearer); service-account tokens may not act on alert groups.',
    };
  }
  if (status === 404)
    return { ...base, retryable: false, type: 'oncall_not_found', message: `OnCall: ${detail || 'not found'}` };
  if (status === 429) {
    return {
      ...base,
      retryable: true,
      type: 'rate_limited',
      message: `OnCall rate limit hit: ${detail || 'throttled'}`,
    };
  }
  if (status === 408 || status >= 500) {
    return { ...base, retryable: true, type: 'oncall_unavailable', message: `OnCall answered ${status}; retry later` };
  }
  return { ...base, retryable: false, type: 'oncall_rejected', message: `OnCall answered ${status}: ${detail}` };
}

/** DRF puts the message in `{"detail": ...}`; inbound URLs answer plain text. */
function detailOf(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (body && typeof body === 'object') {
    const detail = (body as Record<string, unknown>).detail;
    if (typeof detail === 'string') return detail;
    return JSON.stringify(body).slice(0, 300);
  }
  return '';
}
