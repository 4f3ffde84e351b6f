import { parse } from 'acorn';
import { z } from 'zod';
import { newSysId } from '../clock';

/** `POST /__emulator/business-rules` (bridge.md §7). `condition` is an optional ES5 script condition. */
export const BusinessRuleInputSchema = z.object({
  name: z.string().min(1),
  table: z.literal('incident'),
  when: z.enum(['before', 'after', 'async']),
  insert: z.boolean().default(false),
  update: z.boolean().default(false),
  script: z.string().min(1),
  condition: z.string().optional(),
  order: z.number().int().default(100),
  active: z.boolean().default(true),
});
export type BusinessRuleInput = z.infer<typeof BusinessRuleInputSchema>;
export type BusinessRule = BusinessRuleInput & { sys_id: string };

/** Why a script is refused, or `undefined` when it parses as ECMAScript 5 (servicenow.md §4.2). */
export function es5Problem(source: string): string | undefined {
  try {
    parse(source, { ecmaVersion: 5, sourceType: 'script' });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function createRuleRegistry() {
  const rules: BusinessRule[] = [];
  return {
    /** Adds a rule; throws with the parser's message when the script or condition is not ES5. */
    add(input: BusinessRuleInput): BusinessRule {
      for (const [what, source] of [
        ['script', input.script],
        ['condition', input.condition],
      ] as const) {
        const problem = source === undefined ? undefined : es5Problem(source);
        if (problem) throw new Es5Error(`${what} is not ECMAScript 5: ${problem}`);
      }
      const rule = { ...input, sys_id: newSysId() };
      rules.push(rule);
      return rule;
    },
    /** Active rules for this moment of a write, by `order` then by creation. */
    matching(when: BusinessRule['when'], operation: 'insert' | 'update'): BusinessRule[] {
      return rules.filter((r) => r.active && r.when === when && r[operation]).sort((a, b) => a.order - b.order);
    },
    list: (): BusinessRule[] => [...rules],
    clear: (): void => void rules.splice(0),
  };
}

export class Es5Error extends Error {
  override readonly name = 'Es5Error';
}
