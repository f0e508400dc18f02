/**
 * What every check of the conformance kit is: a named procedure that decides some clauses for an
 * implementation, and says how it failed when it did, with what it needs to be replayed and
 * reproduced by hand.
 *
 * @module
 */

import type { ValueCore } from '../../src/types.js';
import type { Feature } from '../features.js';

/**
 * Makes the implementation under test. `initial` is passed only to an implementation that
 * declares the feature `'initial'`, and only when the value is to start set with it (VAL-7).
 */
export type ValueFactory = (options: { readonly sync: boolean; readonly initial?: unknown }) => ValueCore<unknown>;

/** A mode of a value. */
export type Mode = 'async' | 'sync';

/**
 * When an implementation's calls take effect: `in-memory` within the call (every implementation
 * held in one process), or `remote` once the promise of each set has settled (an implementation
 * over a network, such as EtcdValue: VAL-5 and ASYNC-3 are then not required at the return).
 */
export type Timing = 'in-memory' | 'remote';

/** What a check is run against. */
export interface CheckContext {
  readonly factory: ValueFactory;
  readonly features: ReadonlySet<Feature>;
  readonly timing: Timing;
  /** The fast-check seed. */
  readonly seed: number;
  /** Runs per property. */
  readonly runs: number;
}

/** A JavaScript reproduction of a failure, and what the step that differs should have done. */
export interface Reproduction {
  /** The lines of a script, to paste after `import factory from './your-implementation.js'`. */
  readonly script: readonly string[];
  /** The index in `script` of the step whose outcome differs, if one was found. */
  readonly step: number | undefined;
  /** What the spec (the reference model) does at that step. */
  readonly expected: string | undefined;
  /** What the implementation did. */
  readonly observed: string | undefined;
}

/** A check failed on a clause. */
export interface CheckFailure {
  readonly kind: 'failed';
  /** The clause whose sentence the failure breaks. */
  readonly clause: string;
  /** What broke, as the check puts it (one line). */
  readonly message: string;
  /** The command sequence, as fast-check labels it (empty for a scenario). */
  readonly sequence: string;
  readonly reproduction: Reproduction;
  /** The seed and the path that replay exactly this case (`--seed S --path P`). */
  readonly seed: number;
  readonly path: string;
}

/** What running a check once found. */
export type CheckOutcome = { readonly kind: 'passed' } | CheckFailure | { readonly kind: 'undecided'; readonly reason: string };

/** How one run of a check is asked for. */
export interface RunRequest {
  /** Clauses whose violations are set aside, so the check judges its others (see `settingAside`). */
  readonly setAside: ReadonlySet<string>;
  /** The path part of a replay (after the check id), to replay exactly one case. */
  readonly path: string | undefined;
}

/** One check of the kit. */
export interface Check {
  /** A stable id, the first part of every replay path: `async/coalescing`. */
  readonly id: string;
  /** What it checks, for a reader. */
  readonly title: string;
  /** The clauses it decides. */
  readonly clauses: readonly string[];
  /**
   * Whether it can set a failed clause aside and go on judging the others; a check that stops
   * at its first failure (a trace is illegal from one point on) cannot.
   */
  readonly independent: boolean;
  /**
   * Whether its failures are to be read after every other's: what a value keeps alive (CLOSE-4,
   * LIFE-1, LIFE-3) is a fault of its own, and a failure of it says nothing about outcomes.
   */
  readonly readLast?: boolean;
  run(context: CheckContext, request: RunRequest): Promise<CheckOutcome>;
}
