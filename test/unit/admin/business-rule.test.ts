import { parse, type Node } from 'acorn';
import { generateBusinessRule } from '../../../src/admin/business-rule';
import { runRule } from './business-rule-stand-ins';

const input = {
  webhookUrl: 'http://localhost:8080/webhooks/servicenow/int-1',
  token: 'tok-123',
  integrationUsername: 'grafana-oncall',
};
const { script, instructions, rule } = generateBusinessRule(input);

type AstNode = Node & Record<string, unknown>;

function children(node: AstNode): AstNode[] {
  return Object.values(node)
    .flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]))
    .filter((value): value is AstNode => typeof value === 'object' && value !== null && 'type' in value);
}

function walk(node: AstNode, visit: (node: AstNode) => void): void {
  visit(node);
  children(node).forEach((child) => walk(child, visit));
}

/** `current.getValue` -> "current.getValue"; `current.state.changes` -> "current.<field>.changes". */
function calleeName(callee: AstNode): string {
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type !== 'MemberExpression' || callee.computed) return `<${callee.type}>`;
  const object = callee.object as AstNode;
  const property = (callee.property as AstNode).name as string;
  if (object.type === 'MemberExpression' && (object.object as AstNode).type === 'Identifier') {
    const root = (object.object as AstNode).name as string;
    return root === 'current' ? `current.<field>.${property}` : `${root}.?.${property}`;
  }
  return `${calleeName(object)}.${property}`;
}

/** bridge.md §5, plus `changed.push` on the script's own array. */
const ALLOWED_CALLS = new Set([
  'current.getValue',
  'current.getDisplayValue',
  'current.getUniqueValue',
  'current.operation',
  'current.isNewRecord',
  'current.<field>.changes',
  'current.<field>.getJournalEntry',
  'previous.getValue',
  'gs.getUserName',
  'gs.getProperty',
  'gs.info',
  'gs.warn',
  'gs.error',
  'new sn_ws.RESTMessageV2',
  'request.setEndpoint',
  'request.setHttpMethod',
  'request.setRequestHeader',
  'request.setRequestBody',
  'request.setHttpTimeout',
  'request.execute',
  'request.executeAsync',
  'response.getStatusCode',
  'response.getBody',
  'JSON.stringify',
  'changed.push',
  'str',
  'String',
  '<FunctionExpression>',
]);

function callsIn(source: string): string[] {
  const names: string[] = [];
  walk(parse(source, { ecmaVersion: 5 }) as unknown as AstNode, (node) => {
    if (node.type === 'CallExpression') names.push(calleeName(node.callee as AstNode));
    if (node.type === 'NewExpression') names.push(`new ${calleeName(node.callee as AstNode)}`);
  });
  return names;
}

describe('the generated Business Rule script', () => {
  it('is ECMAScript 5, and the ES5 check rejects an arrow function', () => {
    expect(() => parse(script, { ecmaVersion: 5 })).not.toThrow();
    const withArrow = script.replace('var changed = [];', 'var changed = [].map((x) => x);');
    expect(withArrow).not.toBe(script);
    expect(() => parse(withArrow, { ecmaVersion: 5 })).toThrow();
  });

  it('calls only the ServiceNow API subset of bridge.md §5', () => {
    const calls = callsIn(script);
    expect(calls.filter((name) => !ALLOWED_CALLS.has(name))).toEqual([]);
    expect(calls).toEqual(expect.arrayContaining(['new sn_ws.RESTMessageV2', 'request.execute', 'gs.error']));
    // The subset check also sees what it must reject.
    expect(callsIn('current.setWorkflow(false); gs.log("x");')).toEqual(['current.setWorkflow', 'gs.log']);
  });

  it('names request and response as the REST message and its execute() result', () => {
    expect(script).toContain('var request = new sn_ws.RESTMessageV2();');
    expect(script).toContain('var response = request.execute();');
  });

  it('when an incident changes, posts the incident as JSON with the bearer token', () => {
    const run = runRule(script, {
      user: 'alice',
      sysId: 'sys-42',
      values: {
        number: 'INC0010042',
        state: '2',
        short_description: 'Disk full',
        description: 'on db-1',
        correlation_id: 'oncall:AG1',
        correlation_display: 'Grafana OnCall',
        sys_updated_on: '2026-12-01 10:00:00',
        sys_updated_by: 'alice',
        sys_mod_count: '3',
        priority: '2',
      },
      changed: ['state', 'description'],
      workNote: '2026-12-01 10:00:00 - Alice (Work notes)\nlooking',
    });
    expect(run.requests).toHaveLength(1);
    const [request] = run.requests;
    expect(request).toMatchObject({ endpoint: input.webhookUrl, method: 'post', timeout: 10000 });
    expect(request!.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer tok-123' });
    expect(request!.calls).toEqual([['execute']]);
    expect(JSON.parse(request!.body!)).toEqual({
      operation: 'update',
      sys_id: 'sys-42',
      number: 'INC0010042',
      state: '2',
      short_description: 'Disk full',
      description: 'on db-1',
      correlation_id: 'oncall:AG1',
      correlation_display: 'Grafana OnCall',
      sys_updated_on: '2026-12-01 10:00:00',
      sys_updated_by: 'alice',
      sys_mod_count: '3',
      // The routing fields of bridge.md §8.3, value and display value (the stand-in shows the value for both).
      fields: {
        priority: { value: '2', display_value: '2' },
        ...Object.fromEntries(
          ['urgency', 'impact', 'assignment_group', 'assigned_to', 'category', 'caller_id', 'cmdb_ci'].map((f) => [
            f,
            { value: '', display_value: '' },
          ]),
        ),
      },
      changed: ['state', 'description'],
      work_note: '2026-12-01 10:00:00 - Alice (Work notes)\nlooking',
      // The stand-in gives every journal field the same newest entry.
      comment: '2026-12-01 10:00:00 - Alice (Work notes)\nlooking',
    });
    expect(run.journalArgs).toEqual([1, 1]);
    expect(run.logs).toEqual([]);
  });

  it('on insert, sends operation insert, with empty fields as null', () => {
    const run = runRule(script, { user: 'alice', operation: 'insert', changed: ['state'] });
    const body = JSON.parse(run.requests[0]!.body!);
    expect(body).toMatchObject({ operation: 'insert', changed: ['state'], correlation_id: null, work_note: '' });
  });

  it('skips changes made by the integration user', () => {
    const run = runRule(script, { user: 'grafana-oncall', changed: ['state'] });
    expect(run.requests).toEqual([]);
    expect(run.logs).toEqual([]);
  });

  it('when execute() throws, logs with gs.error and does not throw', () => {
    const run = runRule(script, {
      user: 'alice',
      execute: () => {
        throw new Error('connection timed out');
      },
    });
    expect(run.logs).toEqual([['error', expect.stringMatching(/failed for INC0010001: .*connection timed out/)]]);
  });

  it('when the bridge answers 401, logs the status with gs.error', () => {
    const run = runRule(script, { user: 'alice', execute: () => 401 });
    expect(run.logs).toEqual([['error', expect.stringContaining('HTTP 401 for INC0010001')]]);
  });
});

describe('embedding values in the script', () => {
  const tricky = {
    webhookUrl: 'https://bridge.example.com/webhooks/servicenow/a?x="1"',
    token: `t'"\\\n\u2028</script>`,
    integrationUsername: `o'brien"\\\u2029`,
  };
  const generated = generateBusinessRule(tricky).script;

  it('stays valid ES5 and carries every value exactly', () => {
    expect(() => parse(generated, { ecmaVersion: 5 })).not.toThrow();
    const run = runRule(generated, { user: 'alice' });
    expect(run.requests[0]!.headers.Authorization).toBe(`Bearer ${tricky.token}`);
    expect(run.requests[0]!.endpoint).toBe(tricky.webhookUrl);
    expect(runRule(generated, { user: tricky.integrationUsername }).requests).toEqual([]);
  });

  it('refuses a non-HTTP webhook URL and an empty token', () => {
    expect(() => generateBusinessRule({ ...input, webhookUrl: 'javascript:alert(1)' })).toThrow();
    expect(() => generateBusinessRule({ ...input, token: '' })).toThrow();
  });
});

describe('the setup instructions', () => {
  it('list every field of the rule and the integration user', () => {
    for (const line of [
      'Table: Incident [incident]',
      'Active: checked',
      'Advanced: checked',
      'When: after',
      'Insert: checked',
      'Update: checked',
      'Script',
      'Name: Grafana OnCall bridge',
      '"grafana-oncall"',
    ]) {
      expect(instructions).toContain(line);
    }
    expect(instructions).not.toContain(input.token);
    expect(rule).toEqual({
      name: 'Grafana OnCall bridge',
      table: 'incident',
      when: 'after',
      insert: true,
      update: true,
    });
  });
});
