/**
 * An aspect of the design: a named group of spec clauses, the checks that enforce them on a
 * {@link Run}, the modes they apply to, and the command mix that exercises them best.
 *
 * @module
 */

import { defaultWeights, type Check, type Weights } from '../harness/commands.js';
import { audienceComplete, cursorOf, describeReason, type GetRecord, type Run, type WatcherRecord } from '../harness/run.js';
import { violation } from '../harness/violation.js';

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

export { violation } from '../harness/violation.js';

/** Whether a get was rejected with an error of the given name (ERR-1). */
export function rejectedWith(get: GetRecord, name: string): boolean {
  return get.outcome.state === 'rejected' && describeReason(get.outcome.reason) === name;
}

/** Whether a get was rejected with its own signal's reason, the very object (ABORT-1, ABORT-3). */
export function rejectedWithOwnReason(get: GetRecord): boolean {
  return get.outcome.state === 'rejected' && get.controller !== undefined && get.outcome.reason === get.controller.signal.reason;
}

/**
 * The clause whose sentence a get breaks by waiting while a version newer than its watcher's
 * cursor exists. The wait itself is the symptom; the sentence is found in the history since the
 * watcher last received a version: a wait for data of a kind skipped a version unexamined
 * (PRED-2); an aborted get consumed it (ABORT-3, ABORT-2); a refused concurrent get did (CONC-2);
 * a peek marked it seen (PEEK-2); the version current at the watch was never offered (GET-2); a
 * version at hand at the call was not handed over (GET-5); or the set that made it did not wake
 * the get (GET-6). A command sequence shrunk by fast-check keeps only what the failure needs, so
 * an abort, a refused get or a peek still in it is part of the cause.
 */
function clauseOfNeedlessWait(run: Run, watcher: WatcherRecord, waiting: GetRecord): { readonly clause: string; readonly basic: string } {
  const lastReceipt = lastReceiptBefore(waiting);
  const basic = waiting.latestAtStart <= waiting.cursorAtStart ? 'GET-6' : clauseOfVersionAtHand(waiting);
  const particular = (clause: string): { clause: string; basic: string } => ({ clause, basic });
  if (waiting.predicate !== 'none') return particular('PRED-2');
  const since = watcher.gets.filter((get) => get.id < waiting.id && get.id > (lastReceipt?.id ?? -1));
  const aborted = since.find((get) => rejectedWithOwnReason(get));
  if (aborted !== undefined) return particular(aborted.abortedAt === undefined ? 'ABORT-3' : 'ABORT-2');
  if (since.some((get) => rejectedWith(get, 'ConcurrentGetError'))) return particular('CONC-2');
  const from = lastReceipt?.settledAt ?? watcher.madeAt;
  if (run.peeks.some((peek) => peek.command >= from && peek.command <= run.command)) return particular('PEEK-2');
  // A value made with data is set from the start (VAL-7): a first get must find that version.
  if (basic !== 'GET-6' && run.initial && waiting.cursorAtStart === 0 && lastReceipt === undefined) return particular('VAL-7');
  return { clause: basic, basic };
}

/** The get of the same watcher that last received a version before `get`, if any. */
function lastReceiptBefore(get: GetRecord): GetRecord | undefined {
  return get.watcher.gets.findLast((other) => other.id < get.id && (other.outcome.state === 'fulfilled' || other.judgements.length > 0));
}

/**
 * The clause a get breaks by not receiving the version at hand at its call: the version current
 * at the watch, for a watcher that has received nothing yet (GET-2), any other (GET-5).
 */
export function clauseOfVersionAtHand(get: GetRecord): 'GET-2' | 'GET-5' {
  const { watcher } = get;
  return lastReceiptBefore(get) === undefined && watcher.watchedAt > 0 && get.cursorAtStart < watcher.watchedAt ? 'GET-2' : 'GET-5';
}

/**
 * GET-2, GET-5, GET-6: no get waits while a version newer than its watcher's cursor exists. A set
 * must hand over to waiting gets, and a get must not wait when it could be answered. The clause
 * reported is the one whose sentence the history breaks (see `clauseOfNeedlessWait`).
 */
export function noNeedlessWait(run: Run): void {
  for (const watcher of run.watchers) {
    if (watcher.closedAt !== undefined) continue;
    const waiting = watcher.gets.find((get) => get.outcome.state === 'pending');
    if (waiting !== undefined && run.latest() > cursorOf(watcher)) {
      const { clause, basic } = clauseOfNeedlessWait(run, watcher, waiting);
      violation(clause, `get#${waiting.id} of w${watcher.id} waits although version ${run.latest()} is newer than its cursor ${cursorOf(watcher)}`, basic);
    }
  }
}

/**
 * SYNC-2, SYNC-3, CLOSE-5: in sync mode, a set has resolved exactly when every watcher of its
 * audience has received its version or been closed; never earlier, never later. A set that waited
 * for nobody breaks SYNC-3, one that a close should have released breaks CLOSE-5, any other
 * SYNC-2. (When a set resolves within that call, not merely before the next task, is SYNC-6: the
 * comparison with the model checks it, in the strict profile.)
 */
export function settlementMatchesAudience(run: Run): void {
  if (!run.sync) return;
  for (const set of run.sets) {
    const complete = audienceComplete(set);
    // A set whose producer stopped waiting rejected instead (SYNC-7); its delivery is unchanged.
    const stoppedWaiting = set.rejectedAt !== undefined;
    const settled = set.settledAt !== undefined;
    if (complete && !settled && !stoppedWaiting) {
      // A watcher that closed without receiving the version should have released the set: by
      // close (CLOSE-5), or by the idiom that closes it (ITER-3, DISPOSE-1, ITER-5).
      const closer = set.audience.find((watcher) => watcher.closedAt !== undefined && cursorOf(watcher) < set.version);
      const byIdiom = { leave: 'ITER-3', dispose: 'DISPOSE-1', 'loop-abort': 'ITER-5', close: 'CLOSE-5' } as const;
      violation(
        set.audience.length === 0 ? 'SYNC-3' : closer === undefined ? 'SYNC-2' : byIdiom[closer.closedHow ?? 'close'],
        `set ${set.version} has not resolved although ${set.audience.length === 0 ? 'no watcher was open at the call' : 'every watcher of its audience received it or closed'}`,
        'SYNC-2',
      );
    }
    if (!complete && settled) {
      violation('SYNC-2', `set ${set.version} resolved before every watcher of its audience received it or closed`);
    }
  }
}
