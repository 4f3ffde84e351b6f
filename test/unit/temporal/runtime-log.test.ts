import { ApplicationFailure } from '@temporalio/common';
import { createLogger } from '../../../src/logger';
import { sdkLogWriter } from '../../../src/temporal/runtime';

function capture(secrets: string[] = []) {
  const lines: Record<string, unknown>[] = [];
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  const logger = createLogger({ level: 'info', secrets, destination });
  return { lines, write: sdkLogWriter(logger) };
}

describe('SDK log lines of the worker', () => {
  it('when an activity fails, then its line names the failure type and message, with secrets masked', () => {
    const { lines, write } = capture(['sn-password-123']);
    const error = ApplicationFailure.retryable(
      'ServiceNow answered 503 for user:sn-password-123',
      'servicenow_http_503',
    );
    write({
      level: 'WARN',
      message: 'Activity failed',
      timestampNanos: 0n,
      meta: { activityType: 'updateIncident', attempt: 3, workflowId: 'pair/i/oncall/A1', error, durationMs: 12 },
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'Activity failed',
        activityType: 'updateIncident',
        attempt: 3,
        workflowId: 'pair/i/oncall/A1',
        integrationId: 'i',
        pairId: 'pair/i/oncall/A1',
        failureType: 'servicenow_http_503',
        failureMessage: 'ServiceNow answered 503 for user:[redacted]',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('sn-password-123');
  });

  it('when the failure is a plain error, then its name is the type and a long message is cut', () => {
    const { lines, write } = capture();
    write({
      level: 'ERROR',
      message: 'Workflow task failed',
      timestampNanos: 0n,
      meta: { error: new TypeError('x'.repeat(2000)) },
    });
    expect(lines[0]).toMatchObject({ level: 'error', failureType: 'TypeError' });
    expect(String(lines[0]!.failureMessage).length).toBeLessThanOrEqual(501);
  });

  it('when an entry carries no failure, then no failure fields and no payload objects are logged', () => {
    const { lines, write } = capture();
    write({
      level: 'WARN',
      message: 'something',
      timestampNanos: 0n,
      meta: { taskQueue: 'q', args: { password: 'p' } },
    });
    expect(lines[0]).toEqual(expect.not.objectContaining({ failureType: expect.anything() }));
    expect(lines[0]).not.toHaveProperty('args');
  });
});
