/**
 * Self-test of the conformance kit: MemoryValue conforms with every feature, the strict profile
 * included; the model conforms but for what a value keeps alive, which it does not model; what an
 * implementation does not declare is reported as not declared; skipped is only for what no
 * implementation can show; a failure reports its sentence, expected against observed, a script,
 * and a path that replays exactly it. The gallery of faults and the implementations of other
 * designs have their own files.
 */
import { describe, expect, it } from 'vitest';
import { checkConformance, registerConformanceTests } from '../conformance/kit.js';
import { allFeatures, clausesOfFeature } from '../conformance/features.js';
import { catalogue } from '../conformance/checks/catalogue.js';
import type { FailedClause } from '../conformance/report.js';
import { ModelValue } from '../model/model-value.js';
import stale from '../properties/faulty/modules/stale-coalescing.js';
import { MemoryValue } from '../src/index.js';

/** What no implementation can show through its interface: the only clauses ever skipped. */
const neverObservable = ['PROD-1', 'COST-1', 'COST-2', 'COST-3'];

describe('the conformance kit', () => {
  it('MemoryValue conforms with every feature, strict-order included: every clause passed but the four no implementation can show', { timeout: 120_000 }, async () => {
    const report = await checkConformance((options) => new MemoryValue<unknown>(options), { features: allFeatures, runs: 100 });
    expect(report.clauses.filter((clause) => clause.status !== 'passed').map((clause) => `${clause.clause} ${clause.status}`)).toEqual(neverObservable.map((clause) => `${clause} skipped`));
    expect(report.conforms).toBe(true);
    expect(report.idioms).toBe('own');
  });

  it('the model conforms with what it can declare, but for CLOSE-4, LIFE-1 and LIFE-3: it keeps every watcher, which section 14 is not about for it', { timeout: 120_000 }, async () => {
    const report = await checkConformance((options) => new ModelValue<unknown>(options), { features: ['sync', 'strict-order', 'initial', 'bounded-set', 'backlog'], runs: 100 });
    expect(report.clauses.filter((clause) => clause.status === 'failed').map((clause) => clause.clause)).toEqual(['CLOSE-4', 'LIFE-1', 'LIFE-3']);
    expect(report.counts.undecided).toBe(0);
    expect(report.idioms).toBe('layer');
  });

  it('reports the clauses of what an implementation does not declare as not declared, never as failed or skipped', { timeout: 120_000 }, async () => {
    const report = await checkConformance((options) => new MemoryValue<unknown>(options), { runs: 30 });
    const undeclared = report.clauses.flatMap((clause) => (clause.status === 'undeclared' ? [`${clause.clause}:${clause.feature}`] : []));
    expect(undeclared).toEqual(['VAL-7:initial', 'SYNC-1:sync', 'SYNC-2:sync', 'SYNC-3:sync', 'SYNC-4:sync', 'SYNC-5:sync', 'SYNC-6:sync', 'SYNC-7:sync', 'SYNC-8:sync', 'CLOSE-5:sync', 'ERR-2:bounded-set', 'ORDER-2:strict-order', 'RE-4:sync', 'LIFE-2:sync']);
    expect(report.clauses.filter((clause) => clause.status === 'skipped').map((clause) => clause.clause)).toEqual(neverObservable);
    expect(report.conforms).toBe(true);
  });

  it('a failure says which sentence it breaks, what was expected and observed, with a script and the path that replays exactly it', { timeout: 120_000 }, async () => {
    const report = await checkConformance(stale, { features: ['sync'], runs: 50, clauses: ['ASYNC-1'] });
    expect(report.clauses.map((clause) => clause.clause)).toEqual(['ASYNC-1']);
    const failure = report.clauses[0] as FailedClause;
    expect(failure).toMatchObject({ status: 'failed', section: '5. Async mode: coalescing', check: 'async/newest-value-coalescing' });
    expect(failure.message).toMatch(/resolved with version \d+ while version \d+ was the newest/);
    const { script, step, expected, observed } = failure.reproduction;
    expect(script).toContain('const v = factory({ sync: false });');
    expect(expected).toMatch(/^g\d+ resolves with \d+$/);
    expect(observed).toMatch(/^g\d+ resolves with \d+$/);
    expect(observed).not.toBe(expected);
    expect(script[step ?? -1]).toMatch(/report\('g\d+', w\d+\.get\(\)\)/);
    expect(failure.path).toMatch(/^async\/newest-value-coalescing@[\d:]+@/);
    const replayed = await checkConformance(stale, { features: ['sync'], seed: failure.seed, path: failure.path });
    const again = replayed.clauses.find((clause) => clause.status === 'failed') as FailedClause;
    expect(again.clause).toBe('ASYNC-1');
    expect(again.reproduction).toEqual(failure.reproduction);
    expect(replayed.clauses.filter((clause) => clause.status === 'failed')).toHaveLength(1);
  });

  it('decides the other clauses of a failed check with the failed one set aside, and counts undecided apart', { timeout: 120_000 }, async () => {
    const report = await checkConformance(stale, { features: ['sync'], runs: 50 });
    const coalescing = report.clauses.filter((clause) => ['GET-2', 'GET-5', 'GET-6', 'ASYNC-2'].includes(clause.clause));
    for (const clause of coalescing) expect(clause).toMatchObject({ status: 'passed', checks: expect.arrayContaining(['async/newest-value-coalescing (with ASYNC-1 set aside)']) });
    expect(report.counts.undecided).toBe(report.clauses.filter((clause) => clause.status === 'undecided').length);
    expect(report.first).toBe('ASYNC-1');
  });

  it('registers one test per check with a test runner; a failing one says its clause, its script and its replay', { timeout: 60_000 }, async () => {
    const tests: { name: string; body: () => Promise<void> }[] = [];
    registerConformanceTests({ describe: (_name, body) => body(), it: (name, body) => void tests.push({ name, body }) }, stale, { features: ['sync'], runs: 20 });
    expect(tests.length).toBeGreaterThan(40);
    const coalescing = tests.find((test) => test.name.endsWith('newest-value coalescing, async mode'));
    await expect(coalescing?.body()).rejects.toThrow(/^ASYNC-1 violated: [^\n]+\n[\s\S]*\/\/ expected: g\d+ resolves with \d+; observed: g\d+ resolves with \d+[\s\S]*replay: \{ seed: 20261128, path: 'async\/newest-value-coalescing@/);
    const unset = tests.find((test) => test.name.includes('unset is its own state'));
    await expect(unset?.body()).resolves.toBeUndefined();
  });

  it('credits each clause to checks that can decide it: no sync clause to an async check, no async clause to a sync one, GET-7 to its own', () => {
    const checks = catalogue({ factory: (options) => new MemoryValue<unknown>(options), features: new Set(allFeatures), timing: 'in-memory', seed: 1, runs: 1 });
    for (const check of checks) {
      if (check.id.startsWith('async/')) expect(check.clauses.filter((clause) => clausesOfFeature.sync.includes(clause)), check.id).toEqual([]);
      if (check.id.startsWith('sync/')) expect(check.clauses.filter((clause) => clause.startsWith('ASYNC-')), check.id).toEqual([]);
      if (check.clauses.includes('GET-7')) expect(check.id).toMatch(/\/bad-input\/precedence$/);
    }
    expect(new Set(checks.map((check) => check.id)).size).toBe(checks.length);
  });

  it('rejects a replay path that names no check of the declared features', async () => {
    await expect(checkConformance(stale, { features: [], seed: 1, path: 'sync/sync-mode-logs@1:2' })).rejects.toThrow(/no check "sync\/sync-mode-logs"/);
  });
});
