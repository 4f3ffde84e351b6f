/**
 * A person-readable summary of why a response did not have the expected shape: which fields, what they
 * held, what was expected. Admin errors carry this summary, never the parser's own dump of issues.
 */
import type { z } from 'zod';

const MAX_PROBLEMS = 3;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function describeShapeProblems(raw: unknown, error: z.ZodError): string {
  const problems = error.issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const where = issue.path.length > 0 ? `field "${issue.path.map(String).join('.')}"` : 'the body';
    if (issue.code === 'invalid_type')
      return `${where} is ${kindOf(valueAt(raw, issue.path))}, expected ${issue.expected}`;
    return `${where} is not valid (${issue.code.replace(/_/g, ' ')})`;
  });
  const more = error.issues.length - problems.length;
  return `${problems.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}
