/**
 * The conformance kit: checks any implementation of the core (`ValueCore`) against docs/spec.md
 * and reports on every clause. Section 16 of the spec says what it requires: by default, what
 * users can rely on (linearizable outcomes, promises settled before any other task runs, in any
 * order within one call); MemoryValue's exact order is the profile `'strict-order'`; the
 * capabilities beyond the core are checked where declared.
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
 * // Every clause: checkConformance(factory, { features }); here the checks of one clause only.
 * const report = await checkConformance((options) => new MemoryValue(options), { features: ['sync', 'strict-order'], clauses: ['GET-6'] });
 * console.log(report.conforms, report.clauses[0]?.status); // true 'passed'
 * ```
 *
 * @module
 */

import { catalogue } from './checks/catalogue.js';
import type { Check, CheckContext, CheckFailure, CheckOutcome, Timing, ValueFactory } from './checks/check.js';
import { clauses as specClauses } from './clauses.js';
import { missingFeature, type Feature } from './features.js';
import type { ClauseResult, ClauseStatus, ConformanceReport, FailedClause } from './report.js';

export type { ValueFactory, Timing, Reproduction } from './checks/check.js';
export type { Feature } from './features.js';
export type { ClauseResult, ClauseStatus, ConformanceReport, FailedClause, PassedClause, SkippedClause, UndecidedClause, UndeclaredClause } from './report.js';

/** What to check, and how hard. */
export interface ConformanceOptions {
  /** What the implementation declares (see {@link Feature}); the clauses of others are not declared. */
  readonly features?: readonly Feature[];
  /** Runs per property (default 200). */
  readonly runs?: number;
  /** The fast-check seed (default: a fixed one, so a report can be reproduced). */
  readonly seed?: number;
  /**
   * `in-memory` (the default): every call takes effect within it. `remote` is for an
   * implementation whose sets travel over a network, such as EtcdValue: after each command the
   * kit waits for its sets to settle, and VAL-5 and ASYNC-3 are not required at the return.
   */
  readonly timing?: Timing;
  /** Only the checks of these clauses, and only these clauses in the report. */
  readonly clauses?: readonly string[];
  /** Replays exactly one case, as a failure's `path` names it (with the same `seed`). */
  readonly path?: string;
}

/** The seed of every report unless another is asked for. */
export const defaultSeed = 20_261_128;

/** Why no implementation can show a clause through its interface. */
const notObservable: Readonly<Record<string, string>> = {
  'PROD-1': 'what a producer cannot observe is not an observation; what it can is ASYNC-3, SYNC-2 and SYNC-8',
  'COST-1': 'a cost of MemoryValue, measured by its benchmarks',
  'COST-2': 'a cost of MemoryValue, measured by its benchmarks',
  'COST-3': 'a cost of MemoryValue, measured by its benchmarks',
};

/** Why a remote implementation is not held to a clause. */
const notRemote: Readonly<Record<string, string>> = {
  'VAL-5': 'a remote set takes effect when its promise resolves, not when it returns (remote timing)',
  'ASYNC-3': 'a remote set\u2019s promise resolves once the store applied it (remote timing)',
};

/** How many times a check is run again with its failed clauses set aside, to decide its others. */
const rerunsPerCheck = 4;

/** What the kit learned from one check. */
interface Verdicts {
  readonly failures: (CheckFailure & { readonly check: Check })[];
  /** The clauses the check decided as passed, with what was set aside to decide them. */
  readonly passed: readonly string[];
  readonly setAside: readonly string[];
  /** Why the check left its other clauses undecided, if it did. */
  readonly undecided: string | undefined;
}

/** Runs a check, and again with each failed clause set aside, as long as it can go on. */
async function judge(check: Check, context: CheckContext, path: string | undefined): Promise<Verdicts> {
  const failures: (CheckFailure & { readonly check: Check })[] = [];
  const setAside = new Set<string>();
  let outcome: CheckOutcome = await check.run(context, { setAside, path });
  while (outcome.kind === 'failed') {
    failures.push({ ...outcome, check });
    setAside.add(outcome.clause);
    if (!check.independent || path !== undefined || failures.length > rerunsPerCheck) break;
    outcome = await check.run(context, { setAside, path });
  }
  const decidedAll = outcome.kind === 'passed';
  const undecided =
    outcome.kind === 'undecided'
      ? outcome.reason
      : decidedAll
        ? undefined
        : `"${check.title}" stopped at its failure on ${[...setAside].join(', ')}`;
  return { failures, passed: decidedAll ? check.clauses.filter((clause) => !setAside.has(clause)) : [], setAside: [...setAside], undecided };
}

/** The mode a check runs in: the first part of its id (`async/coalescing`). */
function modeOf(check: Check): string {
  return check.id.split('/')[0] ?? '';
}

/** The replay of a failure, as the command line takes it. */
function checkOfPath(path: string): string {
  return path.split('@')[0] ?? path;
}

/**
 * Checks an implementation against the specification and reports on every clause: passed (every
 * check deciding it passed), failed (with a reproduction, the seed and the path to replay it),
 * undecided, not declared, or skipped (see {@link ClauseResult}).
 */
export async function checkConformance(factory: ValueFactory, options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const features = options.features ?? [];
  const context: CheckContext = {
    factory,
    features: new Set(features),
    timing: options.timing ?? 'in-memory',
    seed: options.seed ?? defaultSeed,
    runs: options.runs ?? 200,
  };
  const wanted = options.clauses === undefined ? undefined : new Set(options.clauses);
  const replayed = options.path === undefined ? undefined : checkOfPath(options.path);
  const checks = catalogue(context).filter(
    (check) => (replayed === undefined || check.id === replayed) && (wanted === undefined || check.clauses.some((clause) => wanted.has(clause))),
  );
  if (replayed !== undefined && checks.length === 0) throw new TypeError(`no check "${replayed}" for these features (the path names the check that failed)`);

  const failures = new Map<string, FailedClause>();
  const order: { readonly failed: FailedClause; readonly rank: number }[] = [];
  const passedBy = new Map<string, string[]>();
  /** Per clause, the modes in which some check passed it, and those in which one stopped first. */
  const passedIn = new Map<string, Set<string>>();
  const undecided = new Map<string, Map<string, string>>();
  for (const check of checks) {
    const verdicts = await judge(check, context, options.path === undefined ? undefined : options.path.slice(check.id.length + 1) || undefined);
    for (const failure of verdicts.failures) {
      if (failures.has(failure.clause)) continue;
      const clause = specClauses.find((candidate) => candidate.id === failure.clause);
      const failed: FailedClause = {
        clause: failure.clause,
        text: clause?.text ?? '',
        section: clause?.section ?? '',
        status: 'failed',
        check: check.id,
        checkTitle: check.title,
        message: failure.message,
        counterexample: failure.sequence,
        reproduction: failure.reproduction,
        seed: failure.seed,
        path: failure.path,
      };
      failures.set(failure.clause, failed);
      order.push({ failed, rank: (check.readLast === true ? 1_000_000 : 0) + failure.reproduction.script.length });
    }
    const note = verdicts.setAside.length === 0 ? check.id : `${check.id} (with ${verdicts.setAside.join(', ')} set aside)`;
    const mode = modeOf(check);
    for (const clause of verdicts.passed) {
      passedBy.set(clause, [...(passedBy.get(clause) ?? []), note]);
      passedIn.set(clause, (passedIn.get(clause) ?? new Set()).add(mode));
    }
    if (verdicts.undecided !== undefined) {
      for (const clause of check.clauses) {
        if (!verdicts.setAside.includes(clause)) undecided.set(clause, (undecided.get(clause) ?? new Map<string, string>()).set(mode, verdicts.undecided));
      }
    }
  }

  const results = specClauses
    .filter((clause) => wanted === undefined || wanted.has(clause.id))
    .map((clause): ClauseResult => {
      const identity = { clause: clause.id, text: clause.text, section: clause.section };
      const failure = failures.get(clause.id);
      if (failure !== undefined) return failure;
      // Undecided: in some mode, every check that decides it stopped before a verdict on it.
      const stopped = [...(undecided.get(clause.id) ?? new Map<string, string>())].find(([mode]) => !(passedIn.get(clause.id)?.has(mode) ?? false));
      if (stopped !== undefined) return { ...identity, status: 'undecided', reason: stopped[1] };
      // Passed: in every mode, the checks that reached a verdict on it passed it, and one did.
      const checksOf = passedBy.get(clause.id);
      if (checksOf !== undefined) return { ...identity, status: 'passed', checks: checksOf };
      const feature = missingFeature(clause.id, context.features);
      if (feature !== undefined) return { ...identity, status: 'undeclared', feature };
      const remote = context.timing === 'remote' ? notRemote[clause.id] : undefined;
      return { ...identity, status: 'skipped', reason: remote ?? notObservable[clause.id] ?? 'no check of the kit decides it' };
    });
  const counts: Record<ClauseStatus, number> = { passed: 0, failed: 0, undecided: 0, undeclared: 0, skipped: 0 };
  for (const result of results) counts[result.status] += 1;
  // With clauses asked for, the report is about them alone, though their checks found more.
  const reported = (clause: string): boolean => wanted === undefined || wanted.has(clause);
  const first = order.filter(({ failed }) => reported(failed.clause)).sort((left, right) => left.rank - right.rank)[0]?.failed;
  return {
    conforms: counts.failed === 0,
    seed: context.seed,
    runs: context.runs,
    features,
    timing: context.timing,
    idioms: context.features.has('idioms') ? 'own' : 'layer',
    counts,
    first: first?.clause,
    clauses: results,
  };
}

/**
 * Registers the kit as tests of a test runner with `describe` and `it` (vitest, jest, mocha,
 * node:test), one test per check: the runner reports each, and a failure's message carries its
 * clause, its reproduction and its replay path.
 */
export function registerConformanceTests(
  runner: { readonly describe: (name: string, body: () => void) => void; readonly it: (name: string, body: () => Promise<void>, timeout?: number) => void },
  factory: ValueFactory,
  options: ConformanceOptions = {},
): void {
  const context: CheckContext = {
    factory,
    features: new Set(options.features ?? []),
    timing: options.timing ?? 'in-memory',
    seed: options.seed ?? defaultSeed,
    runs: options.runs ?? 200,
  };
  runner.describe('event-value conformance', () => {
    for (const check of catalogue(context)) {
      runner.it(`${check.clauses.join(', ')}: ${check.title}`, async () => {
        const outcome = await check.run(context, { setAside: new Set(), path: undefined });
        if (outcome.kind === 'failed') {
          const { script, step, expected, observed } = outcome.reproduction;
          const lines = script.map((line, index) => (index === step ? `${line} // expected: ${expected}; observed: ${observed}` : line));
          throw new Error(`${outcome.clause} violated: ${outcome.message}\n${lines.join('\n')}\nreplay: { seed: ${outcome.seed}, path: '${outcome.path}' }`);
        }
        if (outcome.kind === 'undecided') throw new Error(`undecided: ${outcome.reason}`);
      }, 120_000);
    }
  });
}
