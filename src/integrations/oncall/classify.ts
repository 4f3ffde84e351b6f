import { Failure } from '../../../workflows/failure-types';
import { excerpt, failureOf, type FailureClass } from '../errors';
import { UrlRefusedError } from '../../http/url-guard';
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
  if (error instanceof UrlRefusedError) return failureOf(Failure.url_refused, `OnCall URL refused: ${error.message}`);
  if (error instanceof NetworkError) {
    const what = error.timedOut ? 'did not answer in time' : 'could not be reached';
    return failureOf(Failure.oncall_unreachable, `OnCall ${what}: ${error.message}`);
  }
  if (error instanceof ResponseShapeError) {
    return failureOf(Failure.oncall_bad_response, `OnCall answered an unexpected shape: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return failureOf(Failure.oncall_unexpected, `Unexpected OnCall client error: ${message}`);
}

function classifyHttp(error: HttpError): FailureClass {
  const status = error.status;
  const detail = detailOf(error.body);
  const base = { status, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) };
  if (status === 400) {
    if (/^Can't /.test(detail)) {
      const message = `OnCall refused the action in the group's current state (${detail}); re-read the group and decide`;
      return failureOf(Failure.oncall_wrong_state, message, base);
    }
    return failureOf(Failure.oncall_bad_request, `OnCall rejected the request: ${detail || 'bad request'}`, base);
  }
  if (status === 401 || status === 403) {
    const message =
      `OnCall refused the API key (${detail || status}). Use an OnCall API key that belongs to a user ` +
      '(Authorization: <key>, no Bearer); service-account tokens may not act on alert groups.';
    return failureOf(Failure.oncall_forbidden, message, base);
  }
  if (status === 404) return failureOf(Failure.oncall_not_found, `OnCall: ${detail || 'not found'}`, base);
  if (status === 429) return failureOf(Failure.rate_limited, `OnCall rate limit hit: ${detail || 'throttled'}`, base);
  if (status === 408 || status >= 500) {
    return failureOf(Failure.oncall_unavailable, `OnCall answered ${status}; retry later`, base);
  }
  return failureOf(Failure.oncall_rejected, `OnCall answered ${status}: ${detail}`, base);
}

/** DRF puts the message in `{"detail": ...}`; inbound URLs answer plain text. */
function detailOf(body: unknown): string {
  if (typeof body === 'string') return excerpt(body);
  if (body && typeof body === 'object') {
    const detail = (body as Record<string, unknown>).detail;
    if (typeof detail === 'string') return excerpt(detail);
    return excerpt(JSON.stringify(body));
  }
  return '';
}
