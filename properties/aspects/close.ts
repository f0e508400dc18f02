/**
 * Close: idempotent, rejects the pending get and every later get with WatcherClosedError, and in
 * sync mode releases the sets waiting for the watcher (CLOSE-1 to CLOSE-5).
 *
 * @module
 */

import type { GetRecord, WatcherRecord } from '../harness/run.js';
import { aspect, rejectedWith, settlementMatchesAudience, violation } from './aspect.js';

/**
 * The clause a get of a closed watcher breaks when it does not end with `WatcherClosedError`: the
 * idiom that should have closed the watcher (ITER-3 leaving a loop, DISPOSE-1, ITER-5 aborting a
 * loop), a loop's step that should have ended it (ITER-2), or the close itself (CLOSE-2 for a get
 * pending at the close, CLOSE-3 for one made after it).
 */
function clauseOfClose(watcher: WatcherRecord, get: GetRecord): string {
  switch (watcher.closedHow) {
    case 'leave':
      return 'ITER-3';
    case 'dispose':
      return 'DISPOSE-1';
    case 'loop-abort':
      return 'ITER-5';
    case 'close':
    case undefined:
      if (get.via === 'step') return 'ITER-2';
      if (get.via === 'waitFor') return 'PRED-5';
      return get.closedAtStart ? 'CLOSE-3' : 'CLOSE-2';
  }
}

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
          violation(clauseOfClose(watcher, get), `get#${get.id} of the closed w${watcher.id} is still pending`, get.closedAtStart ? 'CLOSE-3' : 'CLOSE-2');
        }
        // The step of a loop whose abort closed the watcher rejected first, then closed it (ITER-5).
        if (get === watcher.closedBy) continue;
        if (get.settledAt !== undefined && get.settledAt >= closedAt && !rejectedWith(get, 'WatcherClosedError')) {
          violation(
            clauseOfClose(watcher, get),
            `get#${get.id} of w${watcher.id}, settled at or after its close, did not reject with WatcherClosedError`,
            get.closedAtStart ? 'CLOSE-3' : 'CLOSE-2',
          );
        }
      }
    }
    settlementMatchesAudience(run);
  },
});
