/**
 * The conformance report: a verdict on every clause of docs/spec.md. Each clause is passed,
 * failed, undecided (a check that decides it stopped at another clause's failure, or could not
 * run here), not declared (it belongs to a feature the implementation does not declare), or
 * skipped (no implementation can show it through its interface).
 *
 * @module
 */

import type { Reproduction, Timing } from './checks/check.js';
import type { Feature } from './features.js';

/** What every clause result says: which clause, where in the spec. */
interface ClauseIdentity {
  /** The clause id, such as `GET-2`. */
  readonly clause: string;
  /** The clause's sentence, from docs/spec.md. */
  readonly text: string;
  /** The section of the spec it stands in: `4. Get`. */
  readonly section: string;
}

/** In every mode, the checks that reached a verdict on the clause passed it, and at least one did. */
export interface PassedClause extends ClauseIdentity {
  /** Always `'passed'`. */
  readonly status: 'passed';
  /** The checks that decided it (with the clauses set aside to decide it, if any). */
  readonly checks: readonly string[];
}

/** A check found a case that breaks the clause's sentence. */
export interface FailedClause extends ClauseIdentity {
  /** Always `'failed'`. */
  readonly status: 'failed';
  /** The id of the check that failed, the first part of the replay path. */
  readonly check: string;
  /** What that check is. */
  readonly checkTitle: string;
  /** What broke, as the check put it. */
  readonly message: string;
  /** The shortest command sequence found, as fast-check labels it (empty for a scenario). */
  readonly counterexample: string;
  /** A script that reproduces it, and the step whose outcome differs. */
  readonly reproduction: Reproduction;
  /** The fast-check seed that replays it. */
  readonly seed: number;
  /** The path that replays it with that seed: `--seed S --path P`, or `{ seed, path }`. */
  readonly path: string;
}

/** In some mode, every check that decides the clause stopped first (at another clause's failure), or could not run here. */
export interface UndecidedClause extends ClauseIdentity {
  /** Always `'undecided'`. */
  readonly status: 'undecided';
  /** Why: which check stopped at which failure, or what this process cannot do. */
  readonly reason: string;
}

/** The clause belongs to a feature the implementation does not declare. */
export interface UndeclaredClause extends ClauseIdentity {
  /** Always `'undeclared'`. */
  readonly status: 'undeclared';
  /** The feature to declare for the kit to check it. */
  readonly feature: Feature;
}

/** No implementation can show the clause through its interface. */
export interface SkippedClause extends ClauseIdentity {
  /** Always `'skipped'`. */
  readonly status: 'skipped';
  /** Why. */
  readonly reason: string;
}

/** The verdict on one clause. */
export type ClauseResult = PassedClause | FailedClause | UndecidedClause | UndeclaredClause | SkippedClause;

/** A clause result's status. */
export type ClauseStatus = ClauseResult['status'];

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
  /** The timing it was held to. */
  readonly timing: Timing;
  /** Whose idioms were checked: the implementation's own (`'idioms'` declared) or the layer's over it. */
  readonly idioms: 'own' | 'layer';
  /** How many clauses have each status. */
  readonly counts: Readonly<Record<ClauseStatus, number>>;
  /**
   * The failure to read first: the one with the shortest reproduction, the earliest found among
   * equals, what a value keeps alive last. A single fault usually breaks one sentence first and
   * others as a consequence.
   */
  readonly first: string | undefined;
  /** Every clause of the spec (or those asked for), in its order. */
  readonly clauses: readonly ClauseResult[];
}
