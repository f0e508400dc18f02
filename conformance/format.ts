/**
 * The conformance report as text for a person: by default a verdict per section of the spec, the
 * first failure in full (its sentence, what was expected and observed, a script that reproduces
 * it, the command that replays it), and where to look next; with `verbose`, every clause.
 *
 * Every line is wrapped, never cut: a sentence of the spec is shown whole.
 *
 * @module
 */

import { featureDescriptions } from './features.js';
import type { ClauseResult, ConformanceReport, FailedClause } from './report.js';

/** How the report is shown. */
export interface FormatOptions {
  /** What was checked, for the title: a module's path, or `MemoryValue (built in)`. */
  readonly subject: string;
  /** Every clause, with its checks or its reason, instead of a line per section. */
  readonly verbose?: boolean;
  /** How to run the command line again on the same subject, for the replay line. */
  readonly command?: string;
}

/** The width text is wrapped to. */
const width = 100;

/** Wraps `text` to the width, every line after the first indented by `indent`. */
function wrap(text: string, indent: string, first = indent): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = empty ? `${line}${word}` : `${line} ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** How a status is counted in a sentence. */
const statusWords: Readonly<Record<ClauseResult['status'], string>> = {
  passed: 'passed',
  failed: 'FAILED',
  undecided: 'undecided',
  undeclared: 'not declared',
  skipped: 'skipped',
};

/** `5 passed, 2 FAILED (GET-2, GET-5)`: a section's clauses, counted by status. */
function summary(results: readonly ClauseResult[]): string {
  const parts: string[] = [];
  for (const status of ['passed', 'failed', 'undecided', 'undeclared', 'skipped'] as const) {
    const matching = results.filter((result) => result.status === status);
    if (matching.length === 0) continue;
    const named = status === 'passed' ? '' : ` (${matching.map((result) => result.clause).join(', ')})`;
    parts.push(`${matching.length} ${statusWords[status]}${named}`);
  }
  return parts.join(', ');
}

/** The lines of one failure, in full. */
function failureLines(failure: FailedClause, options: FormatOptions, report: ConformanceReport): string[] {
  const { script, step, expected, observed } = failure.reproduction;
  const lines = [`${failure.clause} (${failure.section}) failed:`, ...wrap(failure.text, '  ')];
  lines.push(...wrap(failure.checkTitle, '            ', '  check:    '));
  lines.push(...wrap(failure.message, '            ', '  found:    '));
  if (expected !== undefined) lines.push(...wrap(expected, '            ', '  expected: '));
  if (observed !== undefined) lines.push(...wrap(observed, '            ', '  observed: '));
  if (failure.counterexample !== '') lines.push(...wrap(failure.counterexample, '            ', '  sequence: '));
  lines.push('  reproduction:');
  script.forEach((line, index) => lines.push(`    ${line}${index === step ? `  // <- expected: ${expected ?? ''}; observed: ${observed ?? ''}` : ''}`));
  lines.push(`  replay:   ${options.command ?? 'event-value conform'} --seed ${failure.seed} --path '${failure.path}'`);
  if (report.runs !== 200) lines.push(`            (the report ran ${report.runs} runs per property)`);
  return lines;
}

/** The lines of one clause in the verbose listing. */
function clauseLines(result: ClauseResult): string[] {
  const head = `  ${statusWords[result.status].padEnd(12)} ${result.clause.padEnd(9)} `;
  const indent = ' '.repeat(head.length);
  const lines = wrap(result.text, indent, head);
  switch (result.status) {
    case 'passed':
      lines.push(...wrap(`decided by: ${result.checks.join('; ')}`, `${indent}  `, indent));
      break;
    case 'failed':
      lines.push(...wrap(`${result.message} (${result.check})`, `${indent}  `, indent));
      break;
    case 'undecided':
    case 'skipped':
      lines.push(...wrap(result.reason, `${indent}  `, indent));
      break;
    case 'undeclared':
      lines.push(...wrap(`declare '${result.feature}' to check it: ${featureDescriptions[result.feature]}`, `${indent}  `, indent));
      break;
  }
  return lines;
}

/** The report as text for a person. */
export function formatReport(report: ConformanceReport, options: FormatOptions): string {
  const declared = report.features.length === 0 ? 'nothing beyond the core (async mode)' : report.features.join(', ');
  const lines = [
    `event-value conformance of ${options.subject}`,
    ...wrap(`declared: ${declared}; idioms checked: ${report.idioms === 'own' ? 'its own' : 'the layer over its watchers'}; ${report.timing} timing; ${report.runs} runs per property; seed ${report.seed}`, '  '),
    '',
  ];
  if (options.verbose === true) {
    for (const result of report.clauses) lines.push(...clauseLines(result));
  } else {
    const sections = [...new Set(report.clauses.map((result) => result.section))];
    const column = Math.max(...sections.map((section) => section.length)) + 4;
    for (const section of sections) {
      const results = report.clauses.filter((result) => result.section === section);
      lines.push(...wrap(summary(results), ' '.repeat(column), `  ${section.padEnd(column - 2)}`));
    }
  }
  const { counts } = report;
  lines.push(
    '',
    `${report.conforms ? 'Conforms' : 'Does NOT conform'}: ${counts.passed} passed, ${counts.failed} failed, ${counts.undecided} undecided, ${counts.undeclared} not declared, ${counts.skipped} skipped.`,
  );
  const failures = report.clauses.filter((result): result is FailedClause => result.status === 'failed');
  const first = failures.find((failure) => failure.clause === report.first) ?? failures[0];
  const shown = options.verbose === true ? failures : first === undefined ? [] : [first];
  for (const failure of shown) lines.push('', ...failureLines(failure, options, report));
  const command = options.command ?? 'event-value conform';
  lines.push('');
  if (options.verbose !== true && failures.length > 1) {
    const others = failures.filter((failure) => failure !== first).map((failure) => failure.clause);
    lines.push(...wrap(`The other failures (${others.join(', ')}), each in full: ${command} --clause ID, or all with --verbose`, '  ', ''));
  } else if (options.verbose !== true) {
    lines.push(`Every clause, and the checks that decided it: ${command} --verbose`);
  }
  if (counts.undeclared > 0 && options.verbose !== true) lines.push('What each feature turns on: event-value --help');
  lines.push('What the kit requires of an implementation, and why: docs/spec.md, section 16.');
  return lines.join('\n');
}
