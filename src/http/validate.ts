import type { z } from 'zod';
import { ApiError } from './errors';

/**
 * Parses `input` with `schema` or throws a 400 `ApiError` whose details name each field and the reason,
 * e.g. `[{ "field": "servicenow.instanceUrl", "reason": "Invalid URL" }]`. Callers keep the parsed value.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(root)',
    reason: issue.message,
  }));
  const summary = details.map((d) => `${d.field}: ${d.reason}`).join('; ');
  throw new ApiError(400, 'invalid_request', `Invalid ${what}: ${summary}`, details);
}
