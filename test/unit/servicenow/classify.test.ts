import { HttpError, NetworkError, ResponseShapeError } from '../../../src/integrations/http';
import { ServiceNowError, classifyServiceNowError } from '../../../src/integrations/servicenow';

/** Error bodies exactly as recorded from real instances (servicenow.md §1.5). */
const BODIES = {
  invalidTable: { error: { message: 'Invalid table no_such_table', detail: null }, status: 'failure' },
  unauthenticated: {
    error: { detail: 'Required to provide Auth information', message: 'User Not Authenticated' },
    status: 'failure',
  },
  aclUpdate: {
    error: { message: 'Operation Failed', detail: 'ACL Exception Update Failed due to security constraints' },
  },
  insertAborted: {
    error: { detail: 'Error during insert of incident (2135483521432)', message: 'Operation Failed' },
    status: 'failure',
  },
  dataPolicy: {
    error: {
      message: 'Operation Failed',
      detail: 'Data Policy Exception: \n\tThe following fields are mandatory: Resolution code, Close notes',
    },
    status: 'failure',
  },
  notFound: {
    error: { detail: "Record doesn't exist or ACL restricts the record retrieval", message: 'No Record found' },
    status: 'failure',
  },
  rateLimited: {
    error: { message: 'Rate limit exceeded', detail: 'Rate limit of 100 requests per hour for Table API exceeded' },
    status: 'failure',
  },
};

const http = (status: number, body: unknown, retryAfterMs?: number) =>
  new HttpError(status, `GET x answered ${status}`, body, retryAfterMs);

describe('classifyServiceNowError on recorded error bodies', () => {
  test('400 unknown table is not retryable and names the table', () => {
    const failure = classifyServiceNowError(http(400, BODIES.invalidTable));
    expect(failure).toMatchObject({ retryable: false, type: 'servicenow_bad_request', status: 400 });
    expect(failure.message).toContain('Invalid table no_such_table');
  });

  test('401 says the credentials were rejected', () => {
    const failure = classifyServiceNowError(http(401, BODIES.unauthenticated));
    expect(failure).toMatchObject({ retryable: false, type: 'servicenow_unauthorized' });
    expect(failure.message).toMatch(/credentials rejected.*User Not Authenticated.*check the username and password/);
  });

  test('403 data policy names the missing fields by their API names', () => {
    const failure = classifyServiceNowError(http(403, BODIES.dataPolicy));
    expect(failure).toMatchObject({ retryable: false, type: 'servicenow_data_policy' });
    expect(failure.message).toMatch(/^data policy requires close_code and close_notes/);
  });

  test('403 ACL and aborted insert are forbidden, not retryable', () => {
    expect(classifyServiceNowError(http(403, BODIES.aclUpdate))).toMatchObject({
      retryable: false,
      type: 'servicenow_forbidden',
    });
    const aborted = classifyServiceNowError(http(403, BODIES.insertAborted));
    expect(aborted).toMatchObject({ retryable: false, type: 'servicenow_forbidden' });
    expect(aborted.message).toContain('Error during insert of incident');
  });

  test('404 is not found, not retryable', () => {
    expect(classifyServiceNowError(http(404, BODIES.notFound))).toMatchObject({
      retryable: false,
      type: 'servicenow_not_found',
    });
  });

  test('429 is retryable and carries the Retry-After delay', () => {
    const failure = classifyServiceNowError(http(429, BODIES.rateLimited, 42_000));
    expect(failure).toEqual(
      expect.objectContaining({ retryable: true, type: 'rate_limited', retryAfterMs: 42_000, status: 429 }),
    );
    expect(failure.message).toContain('Rate limit of 100 requests per hour');
  });

  test.each([408, 500, 502, 503])('%i is retryable', (status) => {
    expect(classifyServiceNowError(http(status, undefined))).toMatchObject({
      retryable: true,
      type: 'servicenow_unavailable',
    });
  });

  test('other 4xx (405, 415) are not retryable', () => {
    expect(classifyServiceNowError(http(405, undefined))).toMatchObject({
      retryable: false,
      type: 'servicenow_rejected',
    });
    expect(classifyServiceNowError(http(415, 'text'))).toMatchObject({ retryable: false });
  });

  test('network errors are retryable; a timeout has its own type', () => {
    expect(classifyServiceNowError(new NetworkError('ECONNREFUSED', false))).toMatchObject({
      retryable: true,
      type: 'servicenow_unreachable',
    });
    expect(classifyServiceNowError(new NetworkError('timed out', true))).toMatchObject({
      retryable: true,
      type: 'servicenow_timeout',
    });
  });

  test('a hibernating instance is its own retryable type; a missing role is not retryable', () => {
    const hibernating = new ServiceNowError('servicenow_hibernating', 'hibernating');
    expect(classifyServiceNowError(hibernating)).toMatchObject({ retryable: true, type: 'servicenow_hibernating' });
    const role = new ServiceNowError('servicenow_missing_role', 'missing role personalize_choices');
    expect(classifyServiceNowError(role)).toMatchObject({
      retryable: false,
      type: 'servicenow_missing_role',
      message: 'missing role personalize_choices',
    });
  });

  test('a response of the wrong shape and unknown errors are not retryable', () => {
    expect(classifyServiceNowError(new ResponseShapeError('bad'))).toMatchObject({
      retryable: false,
      type: 'servicenow_bad_response',
    });
    expect(classifyServiceNowError(new Error('bug'))).toMatchObject({
      retryable: false,
      type: 'servicenow_client_error',
    });
  });
});
