/**
 * Reads Stryker's JSON report and fails unless the score is honest (docs/mutation.md):
 *
 * - no mutant Survived or had NoCoverage;
 * - every Ignored mutant was disabled by a comment that gives a reason;
 * - no mutant counted as Killed or Survived ran zero tests;
 * - every Timeout is listed as reviewed in the ledger of docs/mutation.md, since Stryker counts a
 *   timeout as a kill and only a genuine hang the tests cause deserves that.
 *
 * It prints the score per file as a markdown table, for docs/mutation.md.
 *
 * Usage: tsx scripts/mutation-guard.ts reports/mutation/mutation.json
 */
import { readFileSync } from 'node:fs';

interface Mutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly testsCompleted?: number;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

interface Report {
  readonly files: Record<string, { readonly mutants: readonly Mutant[] }>;
}

const reportPath = process.argv[2] ?? 'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
const ledger = readFileSync('docs/mutation.md', 'utf8');

/** Where a mutant is, as the ledger names it: `file:line:column Mutator`. */
function place(file: string, mutant: Mutant): string {
  return `${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.mutatorName}`;
}

/** The ledger's reviewed timeouts: table rows of the form `| timeout | file:line:column Mutator | reason |`. */
const reviewedTimeouts = new Set(
  [...ledger.matchAll(/^\|\s*timeout\s*\|\s*`?([^|`]+?)`?\s*\|\s*([^|]+?)\s*\|/gm)]
    .filter((match) => (match[2] ?? '').length > 0)
    .map((match) => match[1] ?? ''),
);

const problems: string[] = [];
const rows: string[] = [];
const totals = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, other: 0 };

for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, other: 0 };
  for (const mutant of mutants) {
    const status = mutant.status as keyof typeof counts;
    if (status in counts) counts[status] += 1;
    else counts.other += 1;
    const where = place(file, mutant);
    switch (mutant.status) {
      case 'Survived':
      case 'NoCoverage':
        problems.push(`${mutant.status}: ${where} -> ${mutant.replacement ?? ''}`);
        break;
      case 'Ignored':
        // A disable comment without a reason gives Stryker's generic text, or none.
        if (mutant.statusReason === undefined || mutant.statusReason.trim() === '' || /^Ignored (because of excluded mutation|using a comment)/.test(mutant.statusReason)) {
          problems.push(`Ignored without a reason: ${where}`);
        }
        break;
      case 'Timeout':
        if (!reviewedTimeouts.has(where)) problems.push(`Timeout not reviewed in docs/mutation.md: ${where}`);
        break;
    }
    if ((mutant.status === 'Killed' || mutant.status === 'Survived') && mutant.testsCompleted === 0) {
      problems.push(`${mutant.status} with zero tests run: ${where}`);
    }
  }
  for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += counts[key];
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  const score = valid === 0 ? 100 : (100 * detected) / valid;
  rows.push(`| \`${file}\` | ${score.toFixed(2)} % | ${counts.Killed} | ${counts.Timeout} | ${counts.Survived} | ${counts.NoCoverage} | ${counts.Ignored} |`);
}

const detected = totals.Killed + totals.Timeout;
const valid = detected + totals.Survived + totals.NoCoverage;
console.log('| file | score | killed | timeout | survived | no coverage | ignored |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log(`| **total** | ${((100 * detected) / Math.max(valid, 1)).toFixed(2)} % | ${totals.Killed} | ${totals.Timeout} | ${totals.Survived} | ${totals.NoCoverage} | ${totals.Ignored} |`);

if (problems.length > 0) {
  console.error(`\nmutation guard: ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('\nmutation guard: every mutant is killed, a reviewed timeout, or ignored with a reason');
