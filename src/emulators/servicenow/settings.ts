import { z } from 'zod';
import { MANDATORY_ON_INSERT_FIELDS } from './policies';

/**
 * The switches of the emulated instance. Start options set them; `POST /__emulator/settings` changes them at
 * run time; `POST /__emulator/reset` returns to the start options.
 */
export const SettingsSchema = z.object({
  /** The close_code/close_notes data policy on resolve and close (servicenow.md §2.3). */
  dataPolicy: z.boolean(),
  /** Refuse every update of a Closed incident (servicenow.md §2.2 "Reopen"). */
  closedImmutable: z.boolean(),
  /** A data policy making `hold_reason` mandatory while the state is On Hold (servicenow.md §2.2; off on a stock instance). */
  onHoldPolicy: z.boolean(),
  /**
   * A data policy making these fields mandatory when an incident is inserted, as many instances have for
   * the assignment group and category; their insert defaults are dropped so the insert must give them.
   */
  mandatoryOnInsert: z.array(z.enum(MANDATORY_ON_INSERT_FIELDS)),
  closeCodes: z.enum(['current', 'legacy', 'both']),
  /** Table API requests per user per clock hour; `null` is unlimited. */
  rateLimitPerHour: z.number().int().min(1).nullable(),
  /** Answer every API request with the 200 HTML wake-up page of a hibernating developer instance. */
  hibernating: z.boolean(),
  /** An ACL that refuses every update (PATCH/PUT) through the Table API with 403. */
  denyUpdates: z.boolean(),
  /** Records hidden by an ACL: reads answer 404 and lists leave them out. */
  hiddenSysIds: z.array(z.string()),
  /** System properties, read by `gs.getProperty` and the query engine; a settings patch merges them. */
  properties: z.record(z.string(), z.string()),
  /** Delay range of async Business Rules; each job draws its own, so jobs can run out of order. */
  asyncDelayMs: z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }),
  /** Wall-clock budget of one Business Rule run. */
  ruleTimeoutMs: z.number().int().min(100),
  /**
   * Business Rules get Java-string-like objects from `gs` and GlideRecord/GlideElement getters, as Rhino
   * hands out `java.lang.String` in global scope: `===` with a JS string is false, `JSON.stringify` does
   * not give the text, and only `String(value)` (or `+ ''`) turns them into JS strings.
   */
  javaStrings: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial();

export function defaultSettings(baseUrl: string): Settings {
  return {
    dataPolicy: true,
    closedImmutable: true,
    onHoldPolicy: false,
    mandatoryOnInsert: [],
    closeCodes: 'current',
    rateLimitPerHour: null,
    hibernating: false,
    denyUpdates: false,
    hiddenSysIds: [],
    properties: { 'glide.servlet.uri': `${baseUrl}/`, instance_name: 'emulator' },
    asyncDelayMs: { min: 20, max: 250 },
    ruleTimeoutMs: 30_000,
    javaStrings: false,
  };
}
