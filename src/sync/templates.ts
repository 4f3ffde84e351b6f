/**
 * Jinja2 templates of incident fields (bridge.md §8.2), rendered with nunjucks inside a `node:vm` context
 * of their own. nunjucks alone is no sandbox (`{{ range.constructor('...')() }}` reaches the host's
 * `Function`, hence `process`); in the context, the only globals are nunjucks itself and what the template
 * is given, passed in as JSON text so no host object (and no host `Function`) is reachable. The vm
 * `timeout` interrupts a runaway loop; the output is cut off at a bound.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

/** Wall-clock budget of one template's render. */
export const RENDER_TIMEOUT_MS = 100;
/** The longest rendered value kept; longer output is a problem and leaves the field unset. */
export const RENDER_MAX_CHARS = 4000;
/** The longest template accepted. */
export const TEMPLATE_MAX_CHARS = 4000;

export type RenderOutcome = { ok: true; value: string } | { ok: false; problem: string };

interface Sandbox {
  context: vm.Context;
  render: vm.Script;
  check: vm.Script;
}

let sandbox: Sandbox | undefined;

/** One context per process, built on first use (about 10 ms); compiled templates are cached inside it. */
function getSandbox(): Sandbox {
  if (sandbox) return sandbox;
  const context = vm.createContext(Object.create(null) as object, { codeGeneration: { strings: true, wasm: false } });
  new vm.Script(readFileSync(require.resolve('nunjucks/browser/nunjucks.min.js'), 'utf8')).runInContext(context);
  new vm.Script(SANDBOX_SOURCE).runInContext(context);
  sandbox = {
    context,
    render: new vm.Script('__render(__template, __data)'),
    check: new vm.Script('__check(__template)'),
  };
  return sandbox;
}

/**
 * Runs inside the context. Undefined values render as "" and `default` applies to them, as in Jinja2;
 * no autoescaping (the output is a field value, not HTML). At most 200 compiled templates are kept.
 */
const SANDBOX_SOURCE = `
var __env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
var __cache = {};
var __cached = 0;
function __compile(source) {
  var hit = __cache[source];
  if (hit) return hit;
  if (__cached >= 200) { __cache = {}; __cached = 0; }
  __cached += 1;
  return (__cache[source] = new nunjucks.Template(source, __env, null, true));
}
function __render(source, json) { return String(__compile(source).render(JSON.parse(json))); }
function __check(source) { __compile(source); return ''; }
`;

/** What a nunjucks error says, without the "(unknown path)" prefix; line and column stay. */
function describe(error: unknown): string {
  // Errors thrown inside the context come from its own realm: not `instanceof Error` here.
  const message = String((error as { message?: unknown } | null)?.message ?? error);
  return message
    .replace(/^\(unknown path\)\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

function run(script: 'render' | 'check', template: string, data: string): RenderOutcome {
  if (template.length > TEMPLATE_MAX_CHARS)
    return { ok: false, problem: `longer than ${TEMPLATE_MAX_CHARS} characters` };
  const box = getSandbox();
  box.context.__template = template;
  box.context.__data = data;
  try {
    // Compiling is bounded by the template's length and cannot loop: only rendering runs under the timeout,
    // so a loaded machine's slow first compile is not taken for a runaway template.
    box.check.runInContext(box.context);
    if (script === 'check') return { ok: true, value: '' };
    const value = renderWithinBudget(box);
    return { ok: true, value: typeof value === 'string' ? value : '' };
  } catch (error) {
    if (isTimeout(error)) {
      return { ok: false, problem: `took longer than ${RENDER_TIMEOUT_MS} ms` };
    }
    return { ok: false, problem: describe(error) };
  } finally {
    box.context.__data = '';
  }
}

const isTimeout = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';

/**
 * The budget is wall-clock time, which a loaded machine can spend on other processes: a render that ran out
 * of it is tried once more before the template is taken for a runaway one (which fails both times).
 */
function renderWithinBudget(box: Sandbox): unknown {
  try {
    return box.render.runInContext(box.context, { timeout: RENDER_TIMEOUT_MS });
  } catch (error) {
    if (!isTimeout(error)) throw error;
    return box.render.runInContext(box.context, { timeout: RENDER_TIMEOUT_MS });
  }
}

/** `undefined` when the template parses; otherwise what is wrong and where (line, column). */
export function templateProblem(template: string): string | undefined {
  const outcome = run('check', template, 'null');
  return outcome.ok ? undefined : outcome.problem;
}

/** Renders one template over a plain-JSON context; the value is trimmed and bounded. */
export function renderTemplate(template: string, context: unknown): RenderOutcome {
  const outcome = run('render', template, JSON.stringify(context ?? null));
  if (!outcome.ok) return outcome;
  const value = outcome.value.trim();
  if (value.length > RENDER_MAX_CHARS)
    return { ok: false, problem: `rendered more than ${RENDER_MAX_CHARS} characters` };
  return { ok: true, value };
}
