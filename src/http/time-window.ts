/**
 * Times and versions in webhooks are only trusted inside bounds: the pair orders events by them, so one
 * forged far-future time or huge version would make every later real event look older and freeze the pair.
 * A time must parse as a date and lie no more than 5 minutes after the receiver's clock (the slack covers
 * clock skew; an old time needs no bound, as it only makes its own event stale); a ServiceNow
 * `sys_mod_count` must be an integer below one billion.
 */
export const TIME_WINDOW = { futureMs: 5 * 60 * 1000 } as const;
export const MAX_MOD_COUNT = 1_000_000_000;

/** Milliseconds of an OnCall ISO 8601 time or a ServiceNow `yyyy-MM-dd HH:mm:ss` (UTC); NaN otherwise. */
export function parseVendorTime(value: string): number {
  const serviceNow = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value);
  if (serviceNow) return Date.parse(`${serviceNow[1]}T${serviceNow[2]}Z`);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
}

/** Why `value` is no acceptable event time now, or `undefined` when it is. */
export function timeProblem(value: string, now = Date.now()): string | undefined {
  const at = parseVendorTime(value);
  if (Number.isNaN(at)) return 'not a date and time';
  if (at > now + TIME_WINDOW.futureMs) return 'in the future';
  return undefined;
}
