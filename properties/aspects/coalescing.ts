/**
 * Newest-value coalescing, in async mode: a get resolves with the newest version at the moment of
 * handover, at once when one is available, and a watcher's first get with the version current at
 * its watch or a newer one (GET-2, GET-5, GET-6, ASYNC-1, ASYNC-2).
 *
 * @module
 */

import { aspect, clauseOfVersionAtHand, noNeedlessWait, violation } from './aspect.js';

export const coalescing = aspect({
  title: 'newest-value coalescing',
  clauses: ['GET-2', 'GET-5', 'GET-6', 'ASYNC-1', 'ASYNC-2'],
  modes: ['async'],
  weights: { set: 5, get: 4, abort: 1, close: 1 },
  check(run) {
    for (const get of run.gets) {
      if (get.outcome.state !== 'fulfilled') continue;
      const value = get.outcome.value;
      if (value !== get.latestAtSettle) {
        violation('ASYNC-1', `get#${get.id} resolved with version ${value} while version ${get.latestAtSettle} was the newest`);
      }
      if (value < get.watcher.watchedAt) {
        violation('GET-2', `get#${get.id} resolved with version ${value}, older than version ${get.watcher.watchedAt} current at its watch`);
      }
      // A predicate may reject what is at hand; the predicate aspect checks those gets (PRED-3).
      const answerable = get.predicate === 'none' && get.latestAtStart > get.cursorAtStart && !get.concurrent && get.controller?.signal.aborted !== true;
      if (answerable && get.settledAt !== get.command) {
        violation(clauseOfVersionAtHand(get), `get#${get.id} did not resolve at once although version ${get.latestAtStart} was available`);
      }
    }
    noNeedlessWait(run);
  },
});
