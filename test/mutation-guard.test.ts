/**
 * The mutation guard (scripts/mutation-guard.ts) must fail on every kind of dishonest score it
 * exists to catch, and pass on an honest report.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processTimeout } from './support/timeouts.js';

const root = join(import.meta.dirname, '..');

function mutant(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: '1', mutatorName: 'BlockStatement', replacement: '{}', status, testsCompleted: 3, location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, ...extra };
}

/** Runs the guard on a report holding the given mutants; returns its exit status and output. */
function guard(mutants: Record<string, unknown>[]): { status: number; output: string } {
  const directory = mkdtempSync(join(tmpdir(), 'guard-'));
  const report = join(directory, 'mutation.json');
  writeFileSync(report, JSON.stringify({ files: { 'src/example.ts': { mutants } } }));
  try {
    const output = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'mutation-guard.ts'), report], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, output };
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string };
    return { status: failure.status, output: failure.stdout + failure.stderr };
  }
}

describe('the mutation guard', () => {
  it('passes a report where every mutant is killed', { timeout: processTimeout }, () => {
    expect(guard([mutant('Killed'), mutant('CompileError')]).status).toBe(0);
  });

  it.each([
    ['a survivor', [mutant('Survived')], /Survived: src\/example.ts:1:1 BlockStatement/],
    ['a mutant without coverage', [mutant('NoCoverage')], /NoCoverage/],
    ['a kill with zero tests run', [mutant('Killed', { testsCompleted: 0 })], /Killed with zero tests run/],
    ['an ignored mutant without a reason', [mutant('Ignored', { statusReason: '' })], /Ignored without a reason/],
    ['an unreviewed timeout', [mutant('Timeout')], /Timeout not reviewed/],
  ])('fails on %s', { timeout: processTimeout }, (_name, mutants, message) => {
    const result = guard(mutants);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(message);
  });

  it('accepts an ignored mutant whose comment gives a reason', { timeout: processTimeout }, () => {
    expect(guard([mutant('Ignored', { statusReason: 'equivalent: the loop runs once' })]).status).toBe(0);
  });
});
