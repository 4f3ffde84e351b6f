import { classifyOnCallError } from '../../../src/integrations/oncall/classify';
import { IntegrationApiSchema } from '../../../src/integrations/oncall/schemas';
import { ResponseShapeError } from '../../../src/integrations/http';
import { describeShapeProblems } from '../../../src/integrations/shape-problems';

describe('an unexpected response shape, as an admin reads it', () => {
  it('names the fields, what they held and what was expected, never the parser dump', () => {
    const raw = { id: 'C1', name: 7, type: 'webhook' };
    const parsed = IntegrationApiSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    const summary = describeShapeProblems(raw, parsed.error!);
    expect(summary).toBe('field "name" is a number, expected string; field "link" is missing, expected string');
    const failure = classifyOnCallError(new ResponseShapeError(`GET /integrations/C1/: ${summary}`));
    expect(failure).toMatchObject({ type: 'oncall_bad_response', retryable: false });
    expect(failure.message).not.toMatch(/Invalid input|"code"|\[\s*\{/);
  });

  it('accepts `link: null`, which OnCall answers for manual, inbound_email and maintenance integrations', () => {
    const parsed = IntegrationApiSchema.parse({ id: 'C2', name: 'mail', type: 'inbound_email', link: null });
    expect(parsed).toEqual({ id: 'C2', name: 'mail', type: 'inbound_email', link: null });
  });

  it('counts what it leaves out', () => {
    const parsed = IntegrationApiSchema.safeParse({});
    expect(describeShapeProblems({}, parsed.error!)).toMatch(/; and 1 more$/);
  });
});
