import { ServiceError, WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure, TimeoutType } from '@temporalio/common';
import { toApiError } from '../../src/admin/temporal-errors';
import { ApiError } from '../../src/http/errors';

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

  it('an unreachable Temporal becomes a 503; anything else is rethrown as it is', () => {
    expect(toApiError(new ServiceError('unavailable'))).toMatchObject({ status: 503, code: 'temporal_unavailable' });
    const other = new Error('bug');
    expect(toApiError(other)).toBe(other);
  });
});
