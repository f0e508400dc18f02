/**
 * Self-test of the conformance oracle: the kit and the command line accept MemoryValue and the
 * model, and reject every faulty implementation of the gallery for a clause of the aspect that
 * catches it; the command line's exit statuses and messages are as documented.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../conformance/kit.js';
import { ModelValue } from '../model/model-value.js';
import { gallery } from '../properties/faulty/gallery.js';
import { MemoryValue } from '../src/index.js';
import { processTimeout, searchTimeout } from './support/timeouts.js';

const root = join(import.meta.dirname, '..');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'conformance', 'cli.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the conformance kit', () => {
  it('accepts MemoryValue and the model, every clause passed or skipped', { timeout: searchTimeout }, async () => {
    for (const factory of [(options: { sync: boolean }) => new MemoryValue<unknown>(options), (options: { sync: boolean }) => new ModelValue<unknown>(options)]) {
      const report = await checkConformance(factory, { features: ['sync'], runs: 100 });
      expect(report.conforms).toBe(true);
      expect(report.clauses.filter((clause) => clause.status === 'failed')).toEqual([]);
      expect(report.clauses.filter((clause) => clause.status === 'passed').length).toBeGreaterThan(30);
    }
  });

  it('skips the sync clauses of an implementation that does not declare "sync"', { timeout: searchTimeout }, async () => {
    const report = await checkConformance((options) => new MemoryValue<unknown>(options), { runs: 50 });
    expect(report.clauses.find((clause) => clause.clause === 'SYNC-1')).toMatchObject({ status: 'skipped' });
    expect(report.conforms).toBe(true);
  });

  for (const faulty of gallery) {
    it(`rejects "${faulty.name}" for a clause of ${faulty.caughtBy.title}, with a shrunk sequence and a seed`, { timeout: searchTimeout }, async () => {
      const report = await checkConformance(faulty.factory, { features: ['sync'], runs: 200 });
      expect(report.conforms).toBe(false);
      const failed = report.clauses.flatMap((clause) => (clause.status === 'failed' ? [clause] : []));
      expect(failed.some((clause) => faulty.caughtBy.clauses.includes(clause.clause))).toBe(true);
      for (const clause of failed) {
        expect(clause.counterexample).not.toBe('');
        expect(clause.seed).toBe(20_261_128);
      }
    });
  }
});

describe('the command line', () => {
  it('conform with no module checks MemoryValue and exits 0 with a per-clause report', { timeout: processTimeout }, () => {
    const result = cli('conform', '--runs', '50');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/passed\s+GET-2/);
    expect(result.stdout).toMatch(/0 failed, \d+ skipped: conforms/);
  });

  it('conform on a faulty module exits 1 and names the clause', { timeout: processTimeout }, () => {
    const result = cli('conform', 'properties/faulty/modules/get-after-close-waits.ts', '--runs', '100');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/CLOSE-3 failed/);
  });

  it('conform --json prints the report as JSON', { timeout: processTimeout }, () => {
    const result = cli('conform', 'properties/faulty/modules/stale-coalescing.ts', '--json', '--runs', '100');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { conforms: boolean; clauses: { clause: string; status: string }[] };
    expect(report.conforms).toBe(false);
    expect(report.clauses.find((clause) => clause.clause === 'ASYNC-1')?.status).toBe('failed');
  });

  it('exits 2 with a one-line message for a module that does not exist, or has no factory', { timeout: processTimeout }, () => {
    const missing = cli('conform', 'no-such-file.js');
    expect(missing.status).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('event-value: cannot find module no-such-file.js');
    const directory = mkdtempSync(join(tmpdir(), 'conform-'));
    const module = join(directory, 'not-a-factory.mjs');
    writeFileSync(module, 'export default 42;\n');
    const notFactory = cli('conform', module);
    expect(notFactory.status).toBe(2);
    expect(notFactory.stderr).toMatch(/has no default export that is a function/);
    expect(cli('conform', '--runs', 'many').status).toBe(2);
    expect(cli('frobnicate').status).toBe(2);
  });

  it('check-trace accepts a legal trace (0), rejects an illegal one naming its clause (1), and reads standard input', { timeout: processTimeout }, () => {
    expect(cli('check-trace', 'conformance/golden/legal/multi-threaded-overlap.jsonl').status).toBe(0);
    const illegal = cli('check-trace', 'conformance/golden/illegal/CLOSE-3.closed-watcher-answers.jsonl');
    expect(illegal.status).toBe(1);
    expect(illegal.stdout).toMatch(/illegal at line 5 .*: CLOSE-3:/);
    const text = readFileSync(join(root, 'conformance/golden/legal/async-coalescing.jsonl'), 'utf8');
    const piped = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'conformance', 'cli.ts'), 'check-trace', '-', '--json'], { cwd: root, input: text, encoding: 'utf8' });
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ verdict: 'ok' });
    const broken = cli('check-trace', 'package.json');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/line 1: /);
  });
});
