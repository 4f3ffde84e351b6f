import { Failure, isRetryableType, type FailureType } from '../../../workflows/failure-types';
import { excerpt, failureOf, type FailureClass } from '../errors';
import { HttpError, NetworkError, ResponseShapeError } from '../http';
import { UrlRefusedError } from '../../http/url-guard';
import { ErrorEnvelopeSchema } from './schemas';

/**
 * A ServiceNow failure that is not an HTTP status: a hibernating instance (200 without `result`), a user
 * missing from sys_user, a missing role, or a write the client refuses to send. `type` is stable.
 */
export class ServiceNowError extends Error {
  override readonly name = 'ServiceNowError';
  readonly retryable: boolean;
  constructor(
    readonly type: FailureType,
    message: string,
  ) {
    super(message);
    this.retryable = isRetryableType(type);
  }
}

export const hibernatingError = (): ServiceNowError =>
  new ServiceNowError(
    Failure.servicenow_hibernating,
    'the ServiceNow instance is hibernating (it answered with a wake-up page, not the Table API): wake it up on the developer portal',
  );

/** The `error.message` and `error.detail` of a ServiceNow envelope, when the body is one. */
export function envelopeOf(body: unknown): { message: string; detail: string } {
  const parsed = ErrorEnvelopeSchema.safeParse(body);
  return parsed.success
    ? { message: excerpt(parsed.data.error.message ?? ''), detail: excerpt(parsed.data.error.detail ?? '') }
    : { message: '', detail: '' };
}

const FIELD_NAMES: Record<string, string> = { 'Resolution code': 'close_code', 'Close notes': 'close_notes' };

function forbidden(message: string, detail: string): { type: FailureType; message: string } {
  const policy = /Data Policy Exception:\s*The following fields are mandatory:\s*(.+)$/s.exec(detail);
  if (policy) {
    const fields = policy[1]!.split(',').map((label) => FIELD_NAMES[label.trim()] ?? label.trim());
    return {
      type: Failure.servicenow_data_policy,
      message: `data policy requires ${fields.join(' and ')} (${detail.replace(/\s+/g, ' ').trim()})`,
    };
  }
  if (/ACL/i.test(detail)) {
    return {
      type: Failure.servicenow_forbidden,
      message: `an ACL refused the write (${detail}): give the integration user the itil role, or check that the incident is not Closed`,
    };
  }
  return {
    type: Failure.servicenow_forbidden,
    message: `ServiceNow refused the operation: ${[message, detail].filter(Boolean).join(': ')} (a business rule or data policy may have aborted it)`,
  };
}

function classifyHttp(error: HttpError): FailureClass {
  const { message, detail } = envelopeOf(error.body);
  const said = [message, detail].filter(Boolean).join(': ') || `HTTP ${error.status}`;
  const status = error.status;
  if (status === 401) {
    return failureOf(
      Failure.servicenow_unauthorized,
      `credentials rejected (${said}): check the username and password`,
      {
        status,
      },
    );
  }
  if (status === 403) {
    const refused = forbidden(message, detail);
    return failureOf(refused.type, refused.message, { status });
  }
  if (status === 404) {
    return failureOf(Failure.servicenow_not_found, `record not found or hidden by an ACL (${said})`, { status });
  }
  if (status === 400) {
    return failureOf(Failure.servicenow_bad_request, `ServiceNow rejected the request: ${said}`, { status });
  }
  if (status === 429) {
    return failureOf(Failure.rate_limited, `ServiceNow rate limit reached (${said})`, {
      status,
      retryAfterMs: error.retryAfterMs,
    });
  }
  if (status === 408 || status >= 500) {
    return failureOf(Failure.servicenow_unavailable, `ServiceNow answered ${status} (${said})`, {
      status,
      retryAfterMs: error.retryAfterMs,
    });
  }
  return failureOf(Failure.servicenow_rejected, `ServiceNow answered ${status} (${said})`, { status });
}

/**
 * The one decision activities use: 400/401/403/404 and other 4xx are not retryable, with a message a person
 * can act on; 408, 429 (with its `Retry-After`), 5xx, network errors and a hibernating instance are.
 */
export function classifyServiceNowError(error: unknown): FailureClass {
  if (error instanceof ServiceNowError) return failureOf(error.type, error.message);
  if (error instanceof UrlRefusedError)
    return failureOf(Failure.url_refused, `ServiceNow URL refused: ${error.message}`);
  if (error instanceof HttpError) return classifyHttp(error);
  if (error instanceof NetworkError) {
    const type = error.timedOut ? Failure.servicenow_timeout : Failure.servicenow_unreachable;
    return failureOf(type, `ServiceNow could not be reached: ${error.message}`);
  }
  if (error instanceof ResponseShapeError) {
    return failureOf(Failure.servicenow_bad_response, `unexpected response from ServiceNow: ${error.message}`);
  }
  return failureOf(Failure.servicenow_client_error, error instanceof Error ? error.message : String(error));
}
