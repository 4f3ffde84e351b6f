/** In-memory ServiceNow and OnCall with real state, plus simple classifiers of their errors. */
import { HttpError } from '../../src/integrations/http';
import type { FailureClass } from '../../src/integrations/errors';
import type { FailureType } from '../../workflows/failure-types';

export { FakeServiceNow, type ServiceNowRuleCall, type ServiceNowWrite } from './fake-servicenow';
export { FakeOnCall, type OnCallWebhookBody, type OnCallWrite } from './fake-oncall';

function classify(prefix: string, error: unknown): FailureClass {
  if (error instanceof HttpError) {
    const detail = JSON.stringify(error.body);
    if (prefix === 'oncall' && error.status === 400 && detail.includes("Can't")) {
      return { retryable: false, type: 'oncall_wrong_state', message: detail, status: 400 };
    }
    const retryable = error.status >= 500 || error.status === 429;
    const retryAfter = error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {};
    return {
      retryable,
      // A name of the fake's own, so tests see which status it was; not one of the bridge's types.
      type: `${prefix}_http_${error.status}` as FailureType,
      message: error.message,
      status: error.status,
      ...retryAfter,
    };
  }
  return { retryable: true, type: `${prefix}_unreachable` as FailureType, message: String(error) };
}

export const classifyServiceNow = (error: unknown) => classify('servicenow', error);
export const classifyOnCall = (error: unknown) => classify('oncall', error);
