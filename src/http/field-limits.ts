/**
 * How long a vendor field may be, in one place: every field that reaches a pair's history or a search
 * attribute is bounded by these. The receiver refuses (400) codes, numbers, states, times and URLs longer than
 * any real system sends; free text a person wrote (titles, descriptions, work notes, alert messages) is cut,
 * with `…` marking the cut, as a person would expect a long description to be shown. Records read from the
 * APIs are cut the same way where they become pair events (`src/sync/pair-events.ts`).
 */
export const FIELD_LIMITS = { code: 100, url: 2048, title: 1000, text: 4000, changed: 100 } as const;

/** `value` cut to `max` characters, `…` marking the cut. */
export function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** `clip` for optional values. */
export function clipOrNull(value: string | null | undefined, max: number): string | null {
  return value == null ? null : clip(value, max);
}
