/**
 * The conformance kit: checks any implementation of `Value` against docs/spec.md and reports on
 * every clause. It runs the same properties as this project's own tests: each aspect's checks on
 * the implementation alone, and the comparison of every observation with the reference model.
 *
 * A foreign implementation need not import anything from this project: errors are recognised by
 * their `name` (ERR-1), an abort by the signal's own reason, and whatever `set` returns is
 * awaited if it is a promise.
 *
 * @example
 * ```ts
 * import { checkConformance } from 'event-value/conformance';
 * import { MemoryValue } from 'event-value';
 *
 * const report = await checkConformance((options) => new MemoryValue(options), { features: ['sync'], runs: 50 });
 * console.log(report.conforms); // true
 * ```
 *
 * @module
 */

import fc from 'fast-check';
import type { ValueCore } from '../src/types.js';
import { aspects, type Aspect, type Mode } from '../properties/aspects/index.js';
import { defaultWeights } from '../properties/harness/commands.js';
import { aspectProperty, equivalenceProperty, type Timing } from '../properties/harness/property.js';
import type { Factory } from '../properties/harness/run.js';
import { clauses } from './clauses.js';

/** The optional features an implementation can declare. */
export type Feature = 'sync';

/** Makes the implementation under test. */
export type ValueFactory = (options: { readonly sync: boolean }) => ValueCore<unknown>;

/** How hard the kit tries. */
export interface ConformanceOptions {
  /** The optional features the implementation supports; clauses of others are skipped. */
  readonly features?: readonly Feature[];
  /** Runs per property (default 200). */
  readonly runs?: number;
  /** The fast-check seed (default: a fixed one, so a report can be reproduced). */
  readonly seed?: number;
  /**
   * `in-memory` (the default) holds the implementation to the spec's timing: a call takes effect
   * within it. `remote` is for an implementation whose sets travel over a network, such as
   * EtcdValue: after each command the kit waits for its sets to settle, and it skips the two
   * clauses about a set's promise being resolved when `set` returns (VAL-5, ASYNC-3).
   */
  readonly timing?: Timing;
}

/** Why a remote implementation is not held to a clause. */
const notRemote: Readonly<Record<string, string>> = {
  'VAL-5': 'a remote set takes effect when its promise resolves, not when it returns (remote timing)',
  'ASYNC-3': 'a remote set\u2019s promise resolves once the store applied it (remote timing)',
};

/** What every clause result says: which clause. */
interface ClauseIdentity {
  /** The clause id, such as `GET-2`. */
  readonly clause: string;
  /** The clause's sentence, from docs/spec.md. */
  readonly text: string;
}

/** Every check deciding the clause passed. */
export interface PassedClause extends ClauseIdentity {
  /** Always `'passed'`. */
  readonly status: 'passed';
  /** The checks that decided it. */
  readonly checks: readonly string[];
}

/** A check found a command sequence that breaks the clause. */
export interface FailedClause extends ClauseIdentity {
  /** Always `'failed'`. */
  readonly status: 'failed';
  /** The check that failed. */
  readonly check: string;
  /** What broke, as the check put it. */
  readonly message: string;
  /** The shortest command sequence found (shrunk) that shows it. */
  readonly counterexample: string;
  /** The fast-check seed that replays it. */
  readonly seed: number;
  /** The fast-check path that replays it with that seed. */
  readonly path: string;
}

/** The kit did not decide the clause. */
export interface SkippedClause extends ClauseIdentity {
  /** Always `'skipped'`. */
  readonly status: 'skipped';
  /** Why: an unsupported feature, a failure that came first, or not observable through a factory. */
  readonly reason: string;
}

/** The verdict on one clause. */
export type ClauseResult = PassedClause | FailedClause | SkippedClause;

/** The whole report. */
export interface ConformanceReport {
  /** Whether no clause failed. */
  readonly conforms: boolean;
  /** The fast-check seed every check ran with. */
  readonly seed: number;
  /** Runs per property. */
  readonly runs: number;
  /** The features the implementation declared. */
  readonly features: readonly Feature[];
  /** Every clause of the spec, in its order. */
  readonly clauses: readonly ClauseResult[];
}

/** The clauses the comparison with the model decides, besides the aspects' own. */
const modelClauses = [
  'VAL-2', 'VAL-4', 'VAL-5', 'WATCH-1', 'WATCH-2', 'WATCH-3', 'GET-1', 'GET-2', 'GET-3', 'GET-4', 'GET-5', 'GET-6', 'GET-7',
  'ASYNC-1', 'ASYNC-2', 'ASYNC-3', 'SYNC-1', 'SYNC-2', 'SYNC-3', 'SYNC-4', 'SYNC-5', 'SYNC-6', 'CONC-1', 'CONC-2',
  'ABORT-1', 'ABORT-2', 'ABORT-3', 'ABORT-4', 'ABORT-5', 'CLOSE-1', 'CLOSE-2', 'CLOSE-3', 'CLOSE-5', 'ORDER-1', 'ORDER-2', 'ERR-1',
];

/** Clauses that only sync mode has. */
const syncOnly = new Set(['SYNC-1', 'SYNC-2', 'SYNC-3', 'SYNC-4', 'SYNC-5', 'SYNC-6', 'CLOSE-5', 'RE-4', 'LIFE-2']);

/** Why the kit does not decide a clause: it is about internals, or needs more than a factory. */
const notChecked: Readonly<Record<string, string>> = {
  'VAL-1': 'the difference between unset and undefined needs data the kit does not send',
  'VAL-3': 'delivering the very same reference needs object data; the kit sends numbers',
  'VAL-6': 'construction is the factory\u2019s business',
  'PROD-1': 'what a producer cannot observe is not an observation',
  'CLOSE-4': 'references inside an implementation are not observable through its interface',
  'ERR-2': 'construction options are the factory\u2019s business',
  'ERR-3': 'the kit sends only valid options',
  'RE-1': 're-entrant calls are checked by this project\u2019s scheduled races, not yet by the kit',
  'RE-2': 're-entrant calls are checked by this project\u2019s scheduled races, not yet by the kit',
  'RE-3': 're-entrant calls are checked by this project\u2019s scheduled races, not yet by the kit',
  'RE-4': 're-entrant calls are checked by this project\u2019s scheduled races, not yet by the kit',
  'ITER-1': 'an idiom of MemoryValue (async iteration), not required of other implementations yet',
  'ITER-2': 'an idiom of MemoryValue (async iteration), not required of other implementations yet',
  'ITER-3': 'an idiom of MemoryValue (async iteration), not required of other implementations yet',
  'ITER-4': 'an idiom of MemoryValue (async iteration), not required of other implementations yet',
  'DISPOSE-1': 'an idiom of MemoryValue (Symbol.dispose), not required of other implementations yet',
  'VIEW-1': 'an idiom of MemoryValue (read-only view), not required of other implementations yet',
  'PRED-1': 'an idiom of MemoryValue (predicate get), not required of other implementations yet',
  'PRED-2': 'an idiom of MemoryValue (predicate get), not required of other implementations yet',
  'PRED-3': 'an idiom of MemoryValue (predicate get), not required of other implementations yet',
  'PRED-4': 'an idiom of MemoryValue (predicate get), not required of other implementations yet',
  'PRED-5': 'an idiom of MemoryValue (predicate get), not required of other implementations yet',
  'PRED-6': 'an idiom of MemoryValue (predicate get), not required of other implementations yet',
  'PRED-7': 'an idiom of MemoryValue (predicate get), not required of other implementations yet',
  'LIFE-1': 'garbage collection is not observable through the interface',
  'LIFE-2': 'garbage collection is not observable through the interface',
  'LIFE-3': 'garbage collection is not observable through the interface',
  'COST-1': 'a cost of MemoryValue, measured by its benchmarks',
  'COST-2': 'a cost of MemoryValue, measured by its benchmarks',
  'COST-3': 'a cost of MemoryValue, measured by its benchmarks',
};

/** One property the kit runs, and the clauses it decides. */
interface Check {
  readonly name: string;
  readonly clauses: readonly string[];
  /** The clause a failure is reported under when its message names none. */
  readonly fallback: string;
  readonly property: () => fc.IAsyncPropertyWithHooks<never[]>;
}

/** The clause a failure names (`XXX-n violated: ...`), or the check's first clause. */
function violatedClause(message: string, fallback: string): string {
  return /\b([A-Z]+-\d+) violated\b/.exec(message)?.[1] ?? fallback;
}

/** The checks for an implementation in the modes it supports. */
function checksFor(factory: Factory, modes: readonly Mode[], timing: Timing): Check[] {
  const checks: Check[] = [];
  for (const mode of modes) {
    for (const aspect of aspects.filter((candidate: Aspect) => candidate.modes.includes(mode))) {
      checks.push({
        name: `${aspect.title} [${mode}]`,
        clauses: aspect.clauses,
        fallback: aspect.clauses[0] ?? 'ORDER-2',
        property: () => aspectProperty(aspect, factory, mode, timing) as never,
      });
    }
    checks.push({
      name: `comparison with the model [${mode}]`,
      clauses: modelClauses.filter((clause) => mode === 'sync' || !syncOnly.has(clause)),
      // A disagreement with the model that no aspect names is a difference in what settles when.
      fallback: 'ORDER-2',
      property: () => equivalenceProperty(factory, mode, aspects, defaultWeights, timing) as never,
    });
  }
  return checks;
}

/**
 * Checks an implementation against the specification and reports on every clause: passed (every
 * check deciding it passed), failed (with the shortest command sequence found, the seed and the
 * path to replay it), or skipped (an unsupported feature, or not decidable through a factory).
 */
export async function checkConformance(factory: ValueFactory, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const features = options.features ?? [];
  const runs = options.runs ?? 200;
  const seed = options.seed ?? 20_261_128;
  const modes: Mode[] = features.includes('sync') ? ['async', 'sync'] : ['async'];
  const failures = new Map<string, FailedClause>();
  const passedBy = new Map<string, string[]>();
  /** Clauses a failed check was also to decide: it stopped at its first failure. */
  const undecided = new Map<string, string>();

  for (const check of checksFor(factory as Factory, modes, options.timing ?? 'in-memory')) {
    const result = await fc.check(check.property(), { seed, numRuns: runs });
    if (!result.failed) {
      for (const clause of check.clauses) passedBy.set(clause, [...(passedBy.get(clause) ?? []), check.name]);
      continue;
    }
    const message = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    const clause = violatedClause(message, check.fallback);
    for (const other of check.clauses) undecided.set(other, `undecided: "${check.name}" failed on ${clause} first`);
    if (failures.has(clause)) continue;
    failures.set(clause, {
      clause,
      text: '',
      status: 'failed',
      check: check.name,
      message: message.split('\n')[0] ?? message,
      counterexample: result.counterexample === null ? '' : fc.stringify(result.counterexample[0]),
      seed: result.seed,
      path: result.counterexamplePath ?? '',
    });
  }

  const results = clauses.map((clause): ClauseResult => {
    const failure = failures.get(clause.id);
    if (failure !== undefined) return { ...failure, text: clause.text };
    const remoteReason = options.timing === 'remote' ? notRemote[clause.id] : undefined;
    if (remoteReason !== undefined) return { clause: clause.id, text: clause.text, status: 'skipped', reason: remoteReason };
    if (syncOnly.has(clause.id) && !features.includes('sync')) {
      return { clause: clause.id, text: clause.text, status: 'skipped', reason: 'the implementation does not declare the "sync" feature' };
    }
    const checks = passedBy.get(clause.id);
    if (checks !== undefined) return { clause: clause.id, text: clause.text, status: 'passed', checks };
    const reason = undecided.get(clause.id) ?? notChecked[clause.id] ?? 'no check of the kit decides it';
    return { clause: clause.id, text: clause.text, status: 'skipped', reason };
  });
  return { conforms: failures.size === 0, seed, runs, features, clauses: results };
}

/** The report as text for a person: one line per clause, then the failures in full. */
export function formatReport(report: ConformanceReport, subject: string): string {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const lines = [`event-value conformance of ${subject}`, `features: ${report.features.join(', ') || 'none'}; ${report.runs} runs per property; seed ${report.seed}`, ''];
  for (const result of report.clauses) {
    counts[result.status] += 1;
    const detail = result.status === 'skipped' ? ` (${result.reason})` : result.status === 'failed' ? ` (${result.message})` : '';
    lines.push(`  ${result.status.padEnd(7)} ${result.clause.padEnd(8)} ${result.text.slice(0, 72)}${result.text.length > 72 ? '\u2026' : ''}${detail}`);
  }
  for (const result of report.clauses) {
    if (result.status !== 'failed') continue;
    lines.push('', `${result.clause} failed in "${result.check}": ${result.message}`, `  shortest sequence: ${result.counterexample}`, `  replay: seed ${result.seed}, path "${result.path}"`);
  }
  lines.push('', `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped: ${report.conforms ? 'conforms' : 'does NOT conform'}`);
  return lines.join('\n');
}

/**
 * Registers the kit as tests of a test runner with `describe` and `it` (vitest, jest, mocha,
 * node:test), one test per check: the runner reports each clause group, and a failure message
 * carries the replay seed.
 */
export function registerConformanceTests(
  runner: { readonly describe: (name: string, body: () => void) => void; readonly it: (name: string, body: () => Promise<void>, timeout?: number) => void },
  factory: ValueFactory,
  options: ConformanceOptions = {},
): void {
  const features = options.features ?? [];
  const modes: Mode[] = features.includes('sync') ? ['async', 'sync'] : ['async'];
  runner.describe('event-value conformance', () => {
    for (const check of checksFor(factory as Factory, modes, options.timing ?? 'in-memory')) {
      runner.it(`${check.clauses.join(', ')}: ${check.name}`, async () => {
        await fc.assert(check.property(), { seed: options.seed ?? 20_261_128, numRuns: options.runs ?? 200 });
      }, 120_000);
    }
  });
}
