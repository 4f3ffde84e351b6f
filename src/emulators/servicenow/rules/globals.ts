import type { SandboxHost } from './protocol';

/**
 * Builds `gs` for a rule script. Like makeGlideRecord, it runs inside the rule worker from its
 * source text, so it must not reference anything outside its own body.
 */
export function makeGlobals(host: SandboxHost): Record<string, unknown> {
  const ctx = host.context;
  const format = (message: unknown, params: unknown[]): string =>
    String(message).replace(/\{([0-4])\}/g, (all, i: string) =>
      params[Number(i)] === undefined ? all : String(params[Number(i)]),
    );
  const logger =
    (level: string) =>
    (message: unknown, ...params: unknown[]): void =>
      host.log(level, format(message, params));
  const gs = {
    getUserName: () => host.text(ctx.userName),
    getUserID: () => host.text(ctx.userSysId),
    getProperty: (name: string, fallback?: unknown) =>
      ctx.properties[name] !== undefined ? host.text(ctx.properties[name]) : fallback === undefined ? null : fallback,
    isInteractive: () => ctx.interactive,
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- GlideElements stringify to their value
    nil: (value: unknown) => value === null || value === undefined || String(value) === '',
    info: logger('info'),
    warn: logger('warn'),
    error: logger('error'),
    debug: logger('debug'),
    log: logger('info'),
    logError: logger('error'),
    addInfoMessage: logger('info'),
    addErrorMessage: logger('error'),
    eventQueue: () => undefined,
  };

  return { gs };
}
