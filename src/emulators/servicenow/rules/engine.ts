import type { RuleContext } from './protocol';
import { createRuleRegistry } from './registry';
import { createRuleLog } from './rule-log';
import { createRuleRunner, type RunResult } from './runner';

export interface RuleEngineOptions {
  timeoutMs: () => number;
  asyncDelayMs: () => { min: number; max: number };
}

/**
 * Decides which rules a write fires and when: before and after rules inside the write (the caller awaits
 * them), async rules later as separate jobs, each after its own random delay so quick successive writes can
 * be observed out of order (servicenow.md §4.1).
 */
export function createRuleEngine(options: RuleEngineOptions) {
  const registry = createRuleRegistry();
  const log = createRuleLog();
  const runner = createRuleRunner();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<RunResult>>();

  function track(run: Promise<RunResult>): Promise<RunResult> {
    running.add(run);
    void run.finally(() => running.delete(run));
    return run;
  }

  async function runInline(context: RuleContext): Promise<RunResult> {
    const rules = registry.matching(context.when, context.operation);
    if (rules.length === 0) return { current: context.current, aborted: false };
    return track(runner.run(rules, context, log, options.timeoutMs()));
  }

  function schedule(context: Omit<RuleContext, 'when' | 'previous' | 'previousDisplay'>): void {
    const { min, max } = options.asyncDelayMs();
    for (const rule of registry.matching('async', context.operation)) {
      const delay = min + Math.floor(Math.random() * Math.max(0, max - min + 1));
      const timer = setTimeout(() => {
        timers.delete(timer);
        const asyncContext: RuleContext = { ...context, when: 'async', previous: null, previousDisplay: null };
        void track(runner.run([rule], asyncContext, log, options.timeoutMs()));
      }, delay);
      timers.add(timer);
    }
  }

  function cancelPending(): void {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  }

  return {
    registry,
    log,
    runInline,
    schedule,
    /** Number of scheduled or running rule jobs, for tests that wait for quiet. */
    pending: (): number => timers.size + running.size,
    reset(): void {
      cancelPending();
      registry.clear();
      log.clear();
    },
    async close(): Promise<void> {
      cancelPending();
      await Promise.allSettled([...running]);
      await runner.close();
    },
  };
}
export type RuleEngine = ReturnType<typeof createRuleEngine>;
