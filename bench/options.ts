/** `npm run bench -- [--quick] [--scenarios a,b] [--rates 10,25,max] [--scale-sizes 1000,5000] [--populate-rate R] [--storm N]
 * [--plain-lifecycle] [--db-file] [--keep-temp] [--temporal-address HOST:PORT [--temporal-pid PID]] [--overhead-rounds N]
 * [--overhead-rate R]`. */
import { parseArgs } from 'node:util';
import { z } from 'zod';

const list = (parse: (item: string) => number) => (text: string) => text.split(',').map((item) => parse(item.trim()));
const rate = (item: string) => (item === 'max' ? Number.POSITIVE_INFINITY : Number(item));

/** `overhead` replaces the bridge process, so it runs last. */
export const SCENARIOS = ['floor', 'relay', 'bridge', 'lifecycle', 'scale', 'reconcile', 'storm', 'overhead'] as const;

export const BenchOptionsSchema = z.object({
  quick: z.boolean(),
  scenarios: z.array(z.enum(SCENARIOS)).min(1),
  /** Offered rates (events/s) of the rising-rate steps; Infinity is an unpaced burst. */
  rates: z.array(z.union([z.number().positive(), z.literal(Number.POSITIVE_INFINITY)])).min(1),
  eventsPerStep: z.number().int().min(10),
  lifecycleCount: z.number().int().min(5),
  /** The lifecycle row with the five-field template mapping and an incident filter (issue 14); off: plain. */
  lifecycleFields: z.boolean(),
  scaleSizes: z.array(z.number().int().positive()),
  /** Rate at which the scale scenario builds up open pairs. */
  populateRate: z.number().positive(),
  stormCount: z.number().int().min(1),
  stormServiceNowPerHour: z.number().int().min(1),
  /** Rounds of the overhead scenario (metrics and logs on, then off, alternating). */
  overheadRounds: z.number().int().min(1),
  /** Rate of its paced steps (events/s): one the bridge keeps up with on the machine at hand. */
  overheadRate: z.number().positive(),
  keepTemp: z.boolean(),
  /** Keep the dev server's SQLite database in a file (as `npm start` does) instead of in memory. */
  dbFile: z.boolean(),
  /** An existing Temporal server (e.g. `npm run cluster:up`'s) instead of the bench's own dev server. */
  temporalAddress: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'HOST:PORT')
    .optional(),
  /** That server's pid on this machine, so its CPU per event is reported as the dev server's is. */
  temporalPid: z.number().int().positive().optional(),
});
export type BenchOptions = z.infer<typeof BenchOptionsSchema>;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      rates: { type: 'string' },
      events: { type: 'string' },
      'scale-sizes': { type: 'string' },
      'populate-rate': { type: 'string' },
      storm: { type: 'string' },
      'keep-temp': { type: 'boolean', default: false },
      'plain-lifecycle': { type: 'boolean', default: false },
      'overhead-rounds': { type: 'string' },
      'overhead-rate': { type: 'string' },
      'db-file': { type: 'boolean', default: false },
      'temporal-address': { type: 'string' },
      'temporal-pid': { type: 'string' },
    },
  });
  const quick = values.quick ?? false;
  return BenchOptionsSchema.parse({
    quick,
    scenarios: values.scenarios ? values.scenarios.split(',') : [...SCENARIOS],
    rates: list(rate)(values.rates ?? (quick ? '10,25,max' : '10,25,50,max')),
    eventsPerStep: Number(values.events ?? (quick ? 60 : 300)),
    lifecycleCount: quick ? 20 : 100,
    lifecycleFields: !(values['plain-lifecycle'] ?? false),
    scaleSizes: list(Number)(values['scale-sizes'] ?? (quick ? '200,500' : '1000,5000,20000')),
    populateRate: Number(values['populate-rate'] ?? 20),
    stormCount: Number(values.storm ?? (quick ? 200 : 1000)),
    stormServiceNowPerHour: 5000,
    overheadRounds: Number(values['overhead-rounds'] ?? (quick ? 1 : 3)),
    overheadRate: Number(values['overhead-rate'] ?? 20),
    keepTemp: values['keep-temp'] ?? false,
    dbFile: values['db-file'] ?? false,
    temporalAddress: values['temporal-address'],
    temporalPid: values['temporal-pid'] === undefined ? undefined : Number(values['temporal-pid']),
  });
}
