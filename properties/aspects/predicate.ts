/**
 * Predicate gets, an idiom of MemoryValue: a get resolves with the first version its predicate
 * accepts, every version the predicate examines is consumed, versions at hand are examined at
 * once, and a predicate that throws rejects its get (PRED-1 to PRED-4). The re-entrant clauses
 * (PRED-5, PRED-6) are checked by the comparison with the model, which this aspect's bookkeeping
 * does not need.
 *
 * @module
 */

import type { GetRecord, Run } from '../harness/run.js';
import { aspect, noNeedlessWait, rejectedWith, settlementMatchesAudience, violation } from './aspect.js';

/** PRED-1, PRED-3, PRED-4: how a get's judgements and its outcome fit together. */
function checkVerdicts(get: GetRecord): void {
  if (get.predicate === 'none') return;
  const last = get.judgements.at(-1);
  get.judgements.slice(0, -1).forEach((judgement) => {
    if (judgement.verdict !== 'reject') {
      violation('PRED-1', `get#${get.id}'s predicate was called again after it answered ${judgement.verdict} for version ${judgement.version}`);
    }
  });
  if (get.outcome.state === 'fulfilled') {
    if (last === undefined || last.verdict !== 'accept' || last.version !== get.outcome.value) {
      violation('PRED-1', `get#${get.id} resolved with version ${get.outcome.value}, which its predicate did not accept last`);
    }
  }
  if (last === undefined || get.outcome.state === 'pending') return;
  if (last.verdict === 'accept' && get.outcome.state !== 'fulfilled') {
    violation('PRED-1', `get#${get.id}'s predicate accepted version ${last.version}, but the get did not resolve with it`);
  }
  if (last.verdict === 'throw' && !rejectedWith(get, 'PredicateError')) {
    violation('PRED-4', `get#${get.id}'s predicate threw, but the get did not reject with what it threw`);
  }
  if (last.verdict !== 'reject' && get.settledAt !== last.command) {
    violation('PRED-3', `get#${get.id}'s predicate gave its verdict during command ${last.command}, but the get settled during command ${get.settledAt}`);
  }
}

export const predicate = aspect({
  title: 'predicate gets',
  clauses: ['PRED-1', 'PRED-2', 'PRED-3', 'PRED-4'],
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
    for (const get of run.gets) {
      for (const judgement of get.judgements) {
        // PRED-2 with ASYNC-1: in async mode the predicate sees the newest version.
        if (!run.sync && judgement.version !== judgement.latest) {
          violation('PRED-2', `get#${get.id}'s predicate examined version ${judgement.version} while version ${judgement.latest} was the newest`);
        }
      }
      checkVerdicts(get);
      // PRED-3: a version at hand is examined inside get.
      const atHand = get.predicate !== 'none' && get.latestAtStart > get.cursorAtStart && !get.concurrent && !get.closedAtStart;
      if (atHand && get.controller?.signal.aborted !== true && get.judgements[0]?.command !== get.command) {
        violation('PRED-3', `get#${get.id} did not examine version ${get.latestAtStart} at once, although it was available`);
      }
    }
    // PRED-2: rejected versions are consumed, so a picky predicate neither waits for a version it
    // has not examined nor holds up a sync set.
    noNeedlessWait(run, 'PRED-2');
    settlementMatchesAudience(run, 'PRED-2');
  },
});
