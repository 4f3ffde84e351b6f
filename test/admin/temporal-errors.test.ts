import { ServiceError, WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure, TimeoutType } from '@temporalio/common';
import { toApiError } from '../../src/admin/temporal-errors';
import { ApiError } from '../../src/http/errors';
import { GrpcCode, temporalErrorKind, TemporalUnavailableError } from '../../src/temporal/temporal-errors';

const failed = (cause: Error) =>
  new WorkflowFailedError('Workflow execution failed', cause, RetryState.NON_RETRYABLE_FAILURE);

describe('admin answers for Temporal failures', () => {
  it("a failed step becomes a 400 with the innermost ApplicationFailure's type and message", () => {
    const reason = ApplicationFailure.create({ type: 'servicenow_unauthorized', message: 'credentials rejected' });
    const activity = new ActivityFailure(
      'Activity task failed',
      'verify',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      'x',
      reason,
    );
    const answer = toApiError(failed(activity));
    expect(answer).toBeInstanceOf(ApiError);
    expect(answer).toMatchObject({ status: 400, code: 'servicenow_unauthorized', message: 'credentials rejected' });
  });

  it("a bug's error (not one of the bridge's failure types) is not shown to the caller", () => {
    const bug = ApplicationFailure.create({
      type: 'TypeError',
      message: "Cannot read properties of undefined (reading 'id')",
    });
    const error = failed(bug);
    expect(toApiError(error)).toBe(error);
  });

  it('a workflow that timed out (no worker) becomes a 504', () => {
    const answer = toApiError(failed(new TimeoutFailure('timed out', undefined, TimeoutType.START_TO_CLOSE)));
    expect(answer).toMatchObject({ status: 504, code: 'step_timed_out' });
  });

  it("Temporal's own errors and anything else are rethrown as they are, for the error handler to classify", () => {
    const unavailable = new ServiceError('unavailable', { cause: grpcError(GrpcCode.UNAVAILABLE) });
    expect(toApiError(unavailable)).toBe(unavailable);
    const other = new Error('bug');
    expect(toApiError(other)).toBe(other);
  });
});

/** What grpc-js throws: an Error with `code`, `details` and `metadata`. */
function grpcError(code: number): Error {
  return Object.assign(new Error(`${code} status`), { code, details: 'status', metadata: { getMap: () => ({}) } });
}

describe('what a failed Temporal call means for the caller', () => {
  it('no connection, no answer in time or load shedding is "unavailable"; a refused argument is "rejected"', () => {
    const wrapped = (code: number) => new ServiceError('call failed', { cause: grpcError(code) });
    expect(temporalErrorKind(wrapped(GrpcCode.UNAVAILABLE))).toBe('unavailable');
    expect(temporalErrorKind(wrapped(GrpcCode.DEADLINE_EXCEEDED))).toBe('unavailable');
    expect(temporalErrorKind(wrapped(GrpcCode.RESOURCE_EXHAUSTED))).toBe('unavailable');
    expect(temporalErrorKind(grpcError(GrpcCode.INVALID_ARGUMENT))).toBe('rejected');
    expect(temporalErrorKind(new TemporalUnavailableError('no answer'))).toBe('unavailable');
  });

  it('an error that is no answer from Temporal is not classified (it is a bug: 500)', () => {
    expect(temporalErrorKind(new Error('invalid source id for a workflow id'))).toBeUndefined();
    expect(temporalErrorKind(new ServiceError('no cause'))).toBeUndefined();
    expect(temporalErrorKind('text')).toBeUndefined();
  });
});
