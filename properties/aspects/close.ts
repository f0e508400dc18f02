/**
 * Close: idempotent, rejects the pending get and every later get with WatcherClosedError, and in
 * sync mode releases the sets waiting for the watcher (CLOSE-1 to CLOSE-5).
 *
 * @module
 */

import { aspect, rejectedWith, settlementMatchesAudience, violation } from './aspect.js';

export const close = aspect({
  title: 'close',
  clauses: ['CLOSE-1', 'CLOSE-2', 'CLOSE-3', 'CLOSE-5'],
  modes: ['async', 'sync'],
  weights: { set: 3, get: 4, abort: 1, close: 3 },
  check(run) {
    for (const watcher of run.watchers) {
      const closedAt = watcher.closedAt;
      if (closedAt === undefined) continue;
      for (const get of watcher.gets) {
        if (get.outcome.state === 'pending') {
          violation(get.closedAtStart ? 'CLOSE-3' : 'CLOSE-2', `get#${get.id} of the closed w${watcher.id} is still pending`);
        }
        // The step of a loop whose abort closed the watcher rejected first, then closed it (ITER-5).
        if (get === watcher.closedBy) continue;
        if (get.settledAt !== undefined && get.settledAt >= closedAt && !rejectedWith(get, 'WatcherClosedError')) {
          violation(
            get.closedAtStart ? 'CLOSE-3' : 'CLOSE-2',
            `get#${get.id} of w${watcher.id}, settled at or after its close, did not reject with WatcherClosedError`,
          );
        }
      }
    }
    settlementMatchesAudience(run, 'CLOSE-5');
  },
});
