import type { FailureClass } from '../errors';
import { HttpError, NetworkError, ResponseShapeError } from '../http';
import { ErrorEnvelopeSchema } from './schemas';

/**
 * A ServiceNow failure that is not an HTTP status: a hibernating instance (200 without `result`), a user
 * missing from sys_user, a missing role, or a write the client refuses to send. `type` is stable.
 */
export class ServiceNowError extends Error {
  override readonly name = 'ServiceNowError';
  constructor(
    readonly type: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export const hibernatingError = (): ServiceNowError =>
  new ServiceNowError(
    'servicenow_hibernating',
    'the ServiceNow instance is hibernating (it answered with a wake-up page, not the Table API): wake it up on the developer portal',
    true,
  );

/** The `error.message` and `error.detail` of a ServiceNow envelope, when the body is one. */
export function envelopeOf(body: unknown): { message: string; detail: string } {
  const parsed = ErrorEnvelopeSchema.safeParse(body);
  return parsed.success
    ? { message: parsed.data.error.message ?? '', detail: parsed.data.error.detail ?? '' }
    : { message: '', detail: '' };
}

const FIELD_NAMES: Record<string, string> = { 'Resolution code': 'close_code', 'Close notes': 'close_notes' };

function forbidden(message: string, detail: string): Omit<FailureClass, 'retryable'> {
  const policy = /Data Policy Exception:\s*The following fields are mandatory:\s*(.+)$/s.exec(detail);
  if (policy) {
    const fields = policy[1]!.split(',').map((label) => FIELD_NAMES[label.trim()] ?? label.trim());
    return {
      type: 'servicenow_data_policy',
      message: `data policy requires ${fields.join(' and ')} (${detail.replace(/\s+/g, ' ').trim()})`,
    };
  }
  if (/ACL/i.test(detail)) {
    return {
      type: 'servicenow_forbidden',
      message: `an ACL refused the write (${detail}): give the integration user the itil role, or check that the incident is not Closed`,
    };
  }
  return {
    type: 'servicenow_forbidden',
    message: `ServiceNow refused the operation: ${[message, detail].filter(Boolean).join(': ')} (a business rule or data policy may have aborted it)`,
  };
}

function classifyHttp(error: HttpError): FailureClass {
  const { message, detail } = envelopeOf(error.body);
  const said = [message, detail].filter(Boolean).join(': ') || `HTTP ${error.status}`;
  const status = error.status;
  if (status === 401) {
    return {
      retryable: false,
      status,
      type: 'servicenow_unauthorized',
      message: `credentials rejected (${said}): check the username and password`,
    };
  }
  if (status === 403) return { retryable: false, status, ...forbidden(message, detail) };
  if (status === 404) {
    return {
      retryable: false,
      status,
      type: 'servicenow_not_found',
      message: `record not found or hidden by an ACL (${said})`,
    };
  }
  if (status === 400)
    return {
      retryable: false,
      status,
      type: 'servicenow_bad_request',
      message: `ServiceNow rejected the request: ${said}`,
    };
  if (status === 429) {
    return {
      retryable: true,
      status,
      type: 'rate_limited',
      message: `ServiceNow rate limit reached (${said})`,
      retryAfterMs: error.retryAfterMs,
    };
  }
  if (status === 408 || status >= 500) {
    return {
      retryable: true,
      status,
      type: 'servicenow_unavailable',
      message: `ServiceNow answered ${status} (${said})`,
      retryAfterMs: error.retryAfterMs,
    };
  }
  return { retryable: false, status, type: 'servicenow_rejected', message: `ServiceNow answered ${status} (${said})` };
}

/**
 * The one decision activities use: 400/401/403/404 and other 4xx are not retryable, with a message a person
 * can act on; 408, 429 (with its `Retry-After`), 5xx, network errors and a hibernating instance are.
 */
export function classifyServiceNowError(error: unknown): FailureClass {
  if (error instanceof ServiceNowError) return { retryable: error.retryable, type: error.type, message: error.message };
  if (error instanceof HttpError) return classifyHttp(error);
  if (error instanceof NetworkError) {
    return {
      retryable: true,
      type: error.timedOut ? 'servicenow_timeout' : 'servicenow_unreachable',
      message: `ServiceNow could not be reached: ${error.message}`,
    };
  }
  if (error instanceof ResponseShapeError) {
    return {
      retryable: false,
      type: 'servicenow_bad_response',
      message: `unexpected response from ServiceNow: ${error.message}`,
    };
  }
  return {
    retryable: false,
    type: 'servicenow_client_error',
    message: error instanceof Error ? error.message : String(error),
  };
}
