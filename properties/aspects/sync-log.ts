/**
 * Sync-mode logs: each watcher receives the version current at its watch, then every later one,
 * in order, none skipped; each set resolves exactly when its audience has received it or closed
 * (SYNC-1 to SYNC-6, CLOSE-5).
 *
 * @module
 */

import { aspect, noNeedlessWait, settlementMatchesAudience, violation } from './aspect.js';

export const syncLog = aspect({
  title: 'sync-mode logs',
  clauses: ['SYNC-1', 'SYNC-2', 'SYNC-3', 'SYNC-4', 'SYNC-5', 'SYNC-6', 'CLOSE-5'],
  modes: ['sync'],
  weights: { set: 4, get: 4, abort: 1, close: 1 },
  check(run) {
    for (const watcher of run.watchers) {
      const first = Math.max(watcher.watchedAt, 1);
      // What a predicate examined and skipped counts as received (PRED-2).
      watcher.consumed.forEach((version, index) => {
        if (version !== first + index) {
          violation('SYNC-1', `w${watcher.id} (watched at version ${watcher.watchedAt}) received version ${version} as its delivery #${index + 1}; expected ${first + index}`);
        }
      });
    }
    settlementMatchesAudience(run);
    noNeedlessWait(run);
  },
});
