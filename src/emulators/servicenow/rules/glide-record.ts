import type { SandboxHost } from './protocol';

/**
 * Builds `current`/`previous` for a rule script. It runs inside the rule worker from its source text (see
 * worker-source.ts), so it must not reference anything outside its own body.
 */
export function makeGlideRecord(host: SandboxHost, isCurrent: boolean): Record<string, unknown> {
  const ctx = host.context;
  const isAsync = ctx.when === 'async';
  const values = () => (isCurrent ? host.state.current : (ctx.previous ?? {}));
  const valueOf = (name: string): string => {
    if (isCurrent && ctx.pendingJournal[name] !== undefined) return ctx.pendingJournal[name];
    const v = values()[name];
    return v === undefined ? '' : v;
  };
  const displayOf = (name: string): string => {
    if (!isCurrent) return (ctx.previousDisplay ?? {})[name] ?? valueOf(name);
    // A before rule may have changed the value; the precomputed display value is then stale.
    if (host.state.current[name] !== ctx.current[name]) return valueOf(name);
    return ctx.display[name] ?? valueOf(name);
  };
  const changed = (name: string): boolean => {
    if (!isCurrent || isAsync) return false;
    if (ctx.pendingJournal[name] !== undefined) return true;
    const before = ctx.previous ? (ctx.previous[name] ?? '') : '';
    return valueOf(name) !== before;
  };
  const setValue = (name: string, value: unknown): void => {
    if (!isCurrent) return;
    if (ctx.when !== 'before') {
      host.log('warn', `setValue('${name}') outside a before rule has no effect without update()`);
      return;
    }
    // Scripts pass strings, numbers or GlideElements, whose toString() is the value.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    host.state.current[name] = value === null || value === undefined ? '' : String(value);
  };
  function element(name: string): Record<string, unknown> {
    return {
      toString: () => valueOf(name),
      valueOf: () => valueOf(name),
      getValue: () => host.text(valueOf(name)),
      getDisplayValue: () => host.text(displayOf(name)),
      nil: () => valueOf(name) === '',
      changes: () => changed(name),
      changesTo: (v: unknown) => changed(name) && valueOf(name) === String(v),
      changesFrom: (v: unknown) => changed(name) && (ctx.previous ? ctx.previous[name] : '') === String(v),
      setValue: (v: unknown) => setValue(name, v),
      getJournalEntry: (n: number) => {
        const entries = ctx.journal[name] ?? [];
        // Each formatted entry ends with a blank line, which is what separates them in the -1 form.
        return host.text((n === -1 ? entries : entries.slice(0, Math.max(0, n))).join(''));
      },
    };
  }
  const record: Record<string, unknown> = {
    getValue: (name: string) => (valueOf(name) === '' ? null : host.text(valueOf(name))),
    getDisplayValue: (name?: string) => host.text(name === undefined ? valueOf('number') : displayOf(name)),
    setValue,
    getUniqueValue: () => host.text(valueOf('sys_id')),
    getTableName: () => ctx.table,
    getRecordClassName: () => ctx.table,
    operation: () => host.text(ctx.operation),
    isNewRecord: () => isCurrent && ctx.operation === 'insert' && ctx.when === 'before',
    isValidRecord: () => true,
    isValidField: (name: string) => ctx.fields.indexOf(name) !== -1,
    getElement: (name: string) => (ctx.fields.indexOf(name) !== -1 ? element(name) : null),
    getLink: (noStack: boolean) =>
      `${ctx.table}.do?sys_id=${valueOf('sys_id')}` +
      (noStack ? '' : `&sysparm_stack=${ctx.table}_list.do?sysparm_query=active=true`),
    setAbortAction: (abort: boolean) => {
      if (isCurrent && ctx.when === 'before') host.state.aborted = abort !== false;
    },
    setWorkflow: () => undefined,
    autoSysFields: () => undefined,
    update: () => {
      host.log('warn', 'current.update() in a Business Rule is not supported by the emulator; ignored');
      return valueOf('sys_id');
    },
  };
  for (const name of ctx.fields) {
    Object.defineProperty(record, name, {
      enumerable: true,
      get: () => element(name),
      set: (v: unknown) => setValue(name, v),
    });
  }
  return record;
}
