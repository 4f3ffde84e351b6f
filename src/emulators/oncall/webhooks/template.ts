/**
 * A small, safe subset of Jinja2 for webhook `url` and `trigger_template` (oncall.md §1.5), evaluated
 * without `eval`: `{{ ... }}` blocks with dotted names, string/number/boolean/none literals, `==`, `!=`,
 * `is none`, `is not none`, `not`, `and`, `or` and parentheses. Missing attributes are Jinja's
 * `Undefined`: falsy and unequal to everything, so `{{ user.id != 'X' }}` holds when `user` is null.
 */

const UNDEFINED = Symbol('undefined');
type Value = unknown;

const TOKEN =
  /\s*(?:('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|(==|!=|\(|\)|\.)|([A-Za-z_][A-Za-z0-9_]*))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new TemplateError(`unsupported expression near "${source.slice(start, start + 20)}"`);
    tokens.push((match[1] ?? match[2] ?? match[3] ?? match[4]) as string);
  }
  return tokens;
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** Recursive-descent evaluation of one `{{ }}` expression against the event data. */
function evaluate(tokens: string[], context: Record<string, unknown>): Value {
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (expected?: string) => {
    const token = tokens[pos++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new TemplateError(`expected ${expected ?? 'a value'}, got ${token ?? 'the end'}`);
    }
    return token;
  };
  const orExpr = (): Value => {
    let left = andExpr();
    while (peek() === 'or') {
      take();
      const right = andExpr();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const andExpr = (): Value => {
    let left = notExpr();
    while (peek() === 'and') {
      take();
      const right = notExpr();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const notExpr = (): Value => {
    if (peek() !== 'not') return comparison();
    take();
    return !truthy(notExpr());
  };
  const comparison = (): Value => {
    const left = primary();
    const op = peek();
    if (op === '==' || op === '!=') {
      take();
      const equal = same(left, primary());
      return op === '==' ? equal : !equal;
    }
    if (op === 'is') {
      take();
      const negate = peek() === 'not';
      if (negate) take();
      const test = take();
      if (test !== 'none' && test !== 'None') throw new TemplateError(`unsupported test "is ${test}"`);
      return negate ? left !== null : left === null;
    }
    return left;
  };
  const primary = (): Value => {
    const token = take();
    if (token === '(') {
      const inner = orExpr();
      take(')');
      return inner;
    }
    if (/^['"]/.test(token)) return token.slice(1, -1).replace(/\\(.)/g, '$1');
    if (/^-?\d/.test(token)) return Number(token);
    const literal = literals[token];
    if (literal !== undefined) return literal.value;
    let value: Value = lookup(context, token);
    while (peek() === '.') {
      take();
      value = lookup(value, take());
    }
    return value;
  };
  const result = orExpr();
  if (pos !== tokens.length) throw new TemplateError(`unexpected "${tokens[pos]}"`);
  return result;
}

const literals: Record<string, { value: Value }> = {
  true: { value: true },
  True: { value: true },
  false: { value: false },
  False: { value: false },
  none: { value: null },
  None: { value: null },
};

function lookup(target: Value, key: string): Value {
  if (target === null || typeof target !== 'object') return UNDEFINED;
  return Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : UNDEFINED;
}

const same = (a: Value, b: Value) => a !== UNDEFINED && b !== UNDEFINED && a === b;

function truthy(value: Value): boolean {
  if (value === UNDEFINED || value === null || value === undefined || value === false || value === 0) return false;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** How Jinja prints a value: Python's `True`/`None`; objects as JSON (close enough for URLs). */
function print(value: Value): string {
  if (value === UNDEFINED || value === undefined) return '';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** Renders a template: text outside `{{ }}` is kept; throws `TemplateError` on unsupported syntax. */
export function renderTemplate(template: string, context: Record<string, unknown>): string {
  return template.replace(/\{\{([\s\S]*?)\}\}/g, (_, expr: string) => print(evaluate(tokenize(expr), context)));
}

/** OnCall's `check_trigger`: no template passes; otherwise the rendering, lower-cased, must be true or 1. */
export function passesTriggerTemplate(template: string | null, context: Record<string, unknown>): boolean {
  if (template === null || template === '') return true;
  const rendered = renderTemplate(template, context).trim().toLowerCase();
  return rendered === 'true' || rendered === '1';
}
