/**
 * What the kit's tests expect of a failure report: the first failure is the fault's own clause,
 * and it comes with what a reader needs to act on it.
 *
 * @module
 */

import { expect } from 'vitest';
import { checkConformance, type ConformanceOptions, type ValueFactory } from '../../conformance/kit.js';
import type { FailedClause } from '../../conformance/report.js';

/** Runs per property in the kit's own tests: enough to find every fault of the galleries. */
export const kitRuns = 30;

/**
 * Checks `factory` and expects its first failure to be `clause`, with a message, the step of a
 * script where expected and observed differ, and a replay path that finds the same failure again.
 */
export async function expectFirstFailure(factory: ValueFactory, options: ConformanceOptions, clause: string): Promise<FailedClause> {
  const report = await checkConformance(factory, { runs: kitRuns, ...options });
  expect(report.conforms).toBe(false);
  expect(report.first).toBe(clause);
  const failure = report.clauses.find((result) => result.clause === clause) as FailedClause;
  expect(failure.message).not.toBe('');
  const { script, step, expected, observed } = failure.reproduction;
  expect(script.some((line) => /factory\(\{ sync: (true|false)/.test(line))).toBe(true);
  expect(step).toBeGreaterThanOrEqual(0);
  expect(step).toBeLessThan(script.length);
  expect(expected).toBeTruthy();
  expect(observed).toBeTruthy();
  expect(observed).not.toBe(expected);
  const replayed = await checkConformance(factory, { ...options, seed: failure.seed, path: failure.path });
  expect(replayed.clauses.filter((result) => result.status === 'failed').map((result) => result.clause)).toEqual([clause]);
  return failure;
}
