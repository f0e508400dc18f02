/**
 * Implementations written from docs/spec.md alone that differ from MemoryValue in design: each
 * conforms by default, and fails the profile `'strict-order'` only where its order or timing
 * within one call differs (docs/spec.md, section 16). The plain design conforms with it too.
 */
import { describe, expect, it } from 'vitest';
import { checkConformance, type ValueFactory } from '../conformance/kit.js';
import type { Feature } from '../conformance/features.js';
import type { FailedClause } from '../conformance/report.js';
import asyncGet, { features as asyncGetFeatures } from '../properties/alternatives/async-get.js';
import creationOrder, { features as creationOrderFeatures } from '../properties/alternatives/creation-order.js';
import queueValue, { features as queueValueFeatures } from '../properties/alternatives/queue-value.js';
import { SpecValue } from '../properties/alternatives/spec-value.js';
import { kitRuns } from './support/kit-failures.js';

/** Runs of the strict comparison: orders show only among several waiting gets, so more than the default checks need. */
const strictRuns = 100;

const alternatives: readonly { name: string; factory: ValueFactory; features: readonly string[]; differs: readonly string[] }[] = [
  // One set wakes the waiting gets in the order their watchers were made.
  { name: 'creation-order.ts', factory: creationOrder, features: creationOrderFeatures, differs: ['GET-6'] },
  // Gets settle a few microtasks after the call that decided them: every clause that says "at once".
  { name: 'async-get.ts', factory: asyncGet, features: asyncGetFeatures, differs: ['GET-5', 'GET-6', 'ABORT-1', 'ABORT-3', 'CLOSE-2', 'CLOSE-3', 'CONC-1'] },
  // A sync set hands its version to the waiting gets in the order of the watchers' queues.
  { name: 'queue-value.ts', factory: queueValue, features: queueValueFeatures, differs: ['GET-6'] },
];

describe('implementations of other designs, written from the spec', () => {
  for (const { name, factory, features, differs } of alternatives) {
    it(`${name} conforms by default: every clause it can show passes`, { timeout: 120_000 }, async () => {
      const report = await checkConformance(factory, { features: features as Feature[], runs: kitRuns });
      expect(report.clauses.filter((clause) => clause.status === 'failed' || clause.status === 'undecided').map((clause) => clause.clause)).toEqual([]);
      expect(report.conforms).toBe(true);
    });

    it(`${name} fails strict-order, and only where its order within one call differs (${differs.join(', ')})`, { timeout: 120_000 }, async () => {
      const report = await checkConformance(factory, { features: [...(features as Feature[]), 'strict-order'], runs: strictRuns });
      const failed = report.clauses.filter((clause): clause is FailedClause => clause.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      for (const failure of failed) {
        expect(differs).toContain(failure.clause);
        expect(failure.check).toMatch(/\/strict-(order|races)$/);
      }
    });
  }

  it('the plain design (spec-value.ts) conforms with strict-order too, as MemoryValue does', { timeout: 120_000 }, async () => {
    const report = await checkConformance((options) => new SpecValue<unknown>(options), { features: ['sync', 'initial', 'strict-order'], runs: strictRuns });
    expect(report.clauses.filter((clause) => clause.status === 'failed' || clause.status === 'undecided').map((clause) => clause.clause)).toEqual([]);
  });
});
