/** One line of `GET /__emulator/business-rules/log`: a `gs.*` call, an outbound request, or a script error. */
export interface RuleLogEntry {
  at: string;
  rule: string;
  /** `info`, `warn`, `error`, `debug`, `request` or `exception`. */
  level: string;
  message: string;
  request?: { method: string; url: string; headers: Record<string, string>; body?: string };
  response?: { status: number; body: string };
  /** Set when no response came (timeout, connection refused). */
  error?: string;
}

/** Header values that carry credentials are masked in the log. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      if (!/^(authorization|x-sn-apikey|cookie)$/i.test(name)) return [name, value];
      const scheme = /^(\w+)\s/.exec(value)?.[1];
      return [name, scheme ? `${scheme} [redacted]` : '[redacted]'];
    }),
  );
}

export function createRuleLog() {
  const entries: RuleLogEntry[] = [];
  return {
    add: (entry: Omit<RuleLogEntry, 'at'>): void => void entries.push({ at: new Date().toISOString(), ...entry }),
    entries: (): RuleLogEntry[] => entries,
    clear: (): void => void entries.splice(0),
  };
}
export type RuleLog = ReturnType<typeof createRuleLog>;
