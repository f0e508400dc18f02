/**
 * `waitFor`, an idiom of the layer over every implementation: it resolves with exactly the data
 * its predicate accepted, every version the predicate examines is consumed, and a predicate that
 * throws rejects the wait (PRED-1, PRED-2, PRED-4). It is a loop of plain gets, so the core's own
 * aspects hold for the versions it consumes.
 *
 * @module
 */

import type { GetRecord, Run } from '../harness/run.js';
import { aspect, noNeedlessWait, rejectedWith, settlementMatchesAudience, violation } from './aspect.js';

/** PRED-1, PRED-4: how a wait's judgements and its outcome fit together. */
function checkVerdicts(get: GetRecord): void {
  if (get.predicate === 'none') return;
  const last = get.judgements.at(-1);
  get.judgements.slice(0, -1).forEach((judgement) => {
    if (judgement.verdict !== 'reject') {
      violation('PRED-1', `waitFor#${get.id}'s predicate was called again after it answered ${judgement.verdict} for version ${judgement.version}`);
    }
  });
  if (get.outcome.state === 'fulfilled' && (last === undefined || last.verdict !== 'accept' || last.version !== get.outcome.value)) {
    violation('PRED-1', `waitFor#${get.id} resolved with version ${get.outcome.value}, which its predicate did not accept last`);
  }
  if (last === undefined) return;
  if (last.verdict === 'accept' && get.outcome.state !== 'fulfilled') {
    violation('PRED-1', `waitFor#${get.id}'s predicate accepted version ${last.version}, but the wait did not resolve with it`);
  }
  if (last.verdict === 'throw' && !rejectedWith(get, 'PredicateError')) {
    violation('PRED-4', `waitFor#${get.id}'s predicate threw, but the wait did not reject with what it threw`);
  }
}

export const predicate = aspect({
  title: 'waiting for data of a certain kind',
  clauses: ['PRED-1', 'PRED-2', 'PRED-4'],
  modes: ['async', 'sync'],
  weights: { set: 4, get: 2, predicates: 5, abort: 1, close: 1 },
  check(run: Run) {
    for (const watcher of run.watchers) {
      // PRED-2: what a watcher consumes strictly increases; in sync mode, one version at a time.
      const first = Math.max(watcher.watchedAt, 1);
      watcher.consumed.forEach((version, index) => {
        const previous = watcher.consumed[index - 1];
        if (previous !== undefined && version <= previous) {
          violation('PRED-2', `w${watcher.id} was handed version ${version} after version ${previous}`);
        }
        if (run.sync && version !== first + index) {
          violation('PRED-2', `w${watcher.id} (watched at version ${watcher.watchedAt}) was handed version ${version} as its #${index + 1}; expected ${first + index}`);
        }
      });
    }
    for (const get of run.gets) checkVerdicts(get);
    // PRED-2: rejected versions are consumed, so a picky predicate neither waits while a version
    // it has not examined exists nor holds up a sync set.
    noNeedlessWait(run);
    settlementMatchesAudience(run);
  },
});
