/**
 * Regenerates the table in docs/RELIABILITY.md from the fault suite's own output
 * (test/faults/results/latest.json, written by `npx jest test/faults`). Only the part between the
 * markers is replaced, so the prose around it stays as written.
 *
 *   npx tsc -p tsconfig.build.json && node lib/scripts/reliability-report.js
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS = path.join(ROOT, 'test/faults/results/latest.json');
const REPORT = path.join(ROOT, 'docs/RELIABILITY.md');
const BEGIN = '<!-- reliability-table:begin -->';
const END = '<!-- reliability-table:end -->';

const CaseSchema = z.object({
  case: z.string(),
  fault: z.string(),
  pairs: z.number(),
  events: z.number(),
  webhookAttempts: z.number(),
  webhookFailures: z.number(),
  writes: z.number(),
  expectedWrites: z.number(),
  lost: z.number(),
  duplicated: z.number(),
  extraStateWrites: z.number(),
  repaired: z.number(),
  seconds: z.number(),
});
const RunSchema = z.object({ generatedAt: z.string(), cases: z.array(CaseSchema) });
type Run = z.infer<typeof RunSchema>;

export function renderTable(run: Run): string {
  const header =
    '| case | fault | pairs | events sent | webhook attempts (failed) | writes observed (needed) | lost | duplicated | extra state writes | delivered by reconciliation | seconds |';
  const rule = '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|';
  const rows = run.cases.map(
    (c) =>
      `| ${c.case} | ${c.fault} | ${c.pairs} | ${c.events} | ${c.webhookAttempts} (${c.webhookFailures}) | ` +
      `${c.writes} (${c.expectedWrites}) | ${c.lost} | ${c.duplicated} | ${c.extraStateWrites} | ${c.repaired} | ${c.seconds} |`,
  );
  return [`Generated from the suite's run of ${run.generatedAt}.`, '', header, rule, ...rows].join('\n');
}

export function replaceTable(document: string, table: string): string {
  const begin = document.indexOf(BEGIN);
  const end = document.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${REPORT} has no ${BEGIN} ... ${END} markers`);
  return `${document.slice(0, begin + BEGIN.length)}\n${table}\n${document.slice(end)}`;
}

function main(): void {
  const run = RunSchema.parse(JSON.parse(readFileSync(RESULTS, 'utf8')));
  writeFileSync(REPORT, replaceTable(readFileSync(REPORT, 'utf8'), renderTable(run)));
  process.stdout.write(`${path.relative(ROOT, REPORT)}: ${run.cases.length} cases from ${run.generatedAt}\n`);
}

if (require.main === module) main();
