/**
 * An aspect of the design: a named group of spec clauses, the checks that enforce them on a
 * {@link Run}, the modes they apply to, and the command mix that exercises them best.
 *
 * @module
 */

import { defaultWeights, type Check, type Weights } from '../harness/commands.js';
import { audienceComplete, cursorOf, describeReason, type GetRecord, type Run } from '../harness/run.js';

/** A mode of a value. */
export type Mode = 'async' | 'sync';

/** One aspect of the design card. */
export interface Aspect {
  readonly title: string;
  readonly clauses: readonly string[];
  readonly modes: readonly Mode[];
  readonly weights: Weights;
  readonly check: Check;
}

/** Makes an aspect, with the default command mix unless another is given. */
export function aspect(definition: Omit<Aspect, 'weights'> & { readonly weights?: Partial<Weights> }): Aspect {
  return { ...definition, weights: { ...defaultWeights, ...definition.weights } };
}

/** Throws a violation naming its clause; the clause id is what the reports and the gallery read. */
export function violation(clause: string, message: string): never {
  throw new Error(`${clause} violated: ${message}`);
}

/** Whether a get was rejected with an error of the given name (ERR-1). */
export function rejectedWith(get: GetRecord, name: string): boolean {
  return get.outcome.state === 'rejected' && describeReason(get.outcome.reason) === name;
}

/** Whether a get was rejected with its own signal's reason, the very object (ABORT-1, ABORT-3). */
export function rejectedWithOwnReason(get: GetRecord): boolean {
  return get.outcome.state === 'rejected' && get.controller !== undefined && get.outcome.reason === get.controller.signal.reason;
}

/**
 * GET-3, GET-5, GET-6: no get waits while a version newer than its watcher's cursor exists. A set
 * must hand over to waiting gets, and a get must not wait when it could be answered. An aspect
 * reports a violation under its own clause (for cancellation: an abort consumed something).
 */
export function noNeedlessWait(run: Run, clause = 'GET-6'): void {
  for (const watcher of run.watchers) {
    if (watcher.closedAt !== undefined) continue;
    const waiting = watcher.gets.find((get) => get.outcome.state === 'pending');
    if (waiting !== undefined && run.latest() > cursorOf(watcher)) {
      violation(
        clause,
        `get#${waiting.id} of w${watcher.id} waits although version ${run.latest()} is newer than its cursor ${cursorOf(watcher)}`,
      );
    }
  }
}

/**
 * SYNC-2, SYNC-6, CLOSE-5: in sync mode, a set has resolved exactly when every watcher of its
 * audience has received its version or been closed; never earlier, never later. An aspect reports
 * a violation under its own clause.
 */
export function settlementMatchesAudience(run: Run, clause = 'SYNC-2'): void {
  if (!run.sync) return;
  for (const set of run.sets) {
    const complete = audienceComplete(set);
    // A set whose producer stopped waiting rejected instead (SYNC-7); its delivery is unchanged.
    const stoppedWaiting = set.rejectedAt !== undefined;
    const settled = set.settledAt !== undefined;
    if (complete && !settled && !stoppedWaiting) {
      violation(clause, `set ${set.version} has not resolved although every watcher of its audience received it or closed`);
    }
    if (!complete && settled) {
      violation(clause, `set ${set.version} resolved before every watcher of its audience received it or closed`);
    }
  }
}
