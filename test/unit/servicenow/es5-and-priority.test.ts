import { es5Problem } from '../../../src/emulators/servicenow/rules/registry';
import { priorityOf } from '../../../src/emulators/servicenow/seed';

describe('Business Rule scripts must be ECMAScript 5', () => {
  test('an ES5 rule in the usual wrapper is accepted', () => {
    const script = `(function executeRule(current, previous) {
      var body = { number: current.getValue('number'), previous: previous ? previous.getValue('state') : null };
      try { var r = new sn_ws.RESTMessageV2(); r.setRequestBody(JSON.stringify(body)); } catch (e) { gs.error(e); }
    })(current, previous);`;
    expect(es5Problem(script)).toBeUndefined();
  });

  test.each([
    ['an arrow function', 'var f = () => 1;'],
    ['let', 'let x = 1;'],
    ['const', 'const x = 1;'],
    ['a template literal', 'var s = `x${1}`;'],
    ['a class', 'class A {}'],
    ['destructuring', 'var { a } = { a: 1 };'],
  ])('%s is refused', (_what, script) => {
    expect(es5Problem(script)).toEqual(expect.any(String));
  });
});

describe('priority from impact × urgency (servicenow.md §2.4)', () => {
  test.each([
    ['1', '1', '1'],
    ['1', '2', '2'],
    ['1', '3', '3'],
    ['2', '1', '2'],
    ['2', '2', '3'],
    ['2', '3', '4'],
    ['3', '1', '3'],
    ['3', '2', '4'],
    ['3', '3', '5'],
  ])('impact %s, urgency %s gives priority %s', (impact, urgency, priority) => {
    expect(priorityOf(impact, urgency)).toBe(priority);
  });
});
