import { HttpError, NetworkError, ResponseShapeError } from '../../../src/integrations/http';
import { classifyOnCallError } from '../../../src/integrations/oncall/classify';
import { AlertGroupApiSchema, toAlertGroup } from '../../../src/integrations/oncall/schemas';

describe('classifyOnCallError', () => {
  it('treats a 400 guard message as a non-retryable wrong state', () => {
    const result = classifyOnCallError(
      new HttpError(400, 'x', { detail: "Can't resolve a resolved alert group" }, undefined),
    );
    expect(result).toMatchObject({ retryable: false, type: 'oncall_wrong_state', status: 400 });
  });
  it('treats another 400 as a bad request', () => {
    expect(classifyOnCallError(new HttpError(400, 'x', { detail: 'delay is required' }, undefined)).type).toBe(
      'oncall_bad_request',
    );
  });
  it('says a user API key is needed on 403', () => {
    const result = classifyOnCallError(new HttpError(403, 'x', { detail: 'Invalid token.' }, undefined));
    expect(result).toMatchObject({ retryable: false, type: 'oncall_forbidden' });
    expect(result.message).toMatch(/API key that belongs to a user/);
  });
  it('keeps the server delay on 429', () => {
    expect(classifyOnCallError(new HttpError(429, 'x', { detail: 'throttled' }, 7000))).toMatchObject({
      retryable: true,
      type: 'rate_limited',
      retryAfterMs: 7000,
    });
  });
  it('retries 5xx and network errors, not 404 or bad shapes', () => {
    expect(classifyOnCallError(new HttpError(503, 'x', undefined, undefined)).retryable).toBe(true);
    expect(classifyOnCallError(new NetworkError('refused', false)).retryable).toBe(true);
    expect(classifyOnCallError(new HttpError(404, 'x', { detail: 'Not found.' }, undefined))).toMatchObject({
      retryable: false,
      type: 'oncall_not_found',
    });
    expect(classifyOnCallError(new ResponseShapeError('bad')).retryable).toBe(false);
  });
});

describe('AlertGroupApiSchema labels', () => {
  const base = {
    id: 'IABCDEFGHJKLM',
    integration_id: 'CABCDEFGHJKLM',
    state: 'firing',
    created_at: '2025-06-02T10:12:03.114522Z',
    alerts_count: 1,
    title: 't',
  };
  it('normalises the list form', () => {
    const labels = [{ key: { id: 'severity', name: 'severity' }, value: { id: 'critical', name: 'critical' } }];
    expect(toAlertGroup(AlertGroupApiSchema.parse({ ...base, labels })).labels).toEqual({ severity: 'critical' });
  });
  it('keeps the flat form', () => {
    expect(toAlertGroup(AlertGroupApiSchema.parse({ ...base, labels: { team: 'x' } })).labels).toEqual({ team: 'x' });
  });
});
