/**
 * Sync-mode logs: each watcher receives the version current at its watch, then every later one,
 * in order, none skipped; each set resolves exactly when its audience has received it or closed,
 * unless its producer's signal aborted first; and `backlog()` counts what holds the producer up
 * (SYNC-1 to SYNC-8, CLOSE-5).
 *
 * @module
 */

import { getEventListeners } from 'node:events';
import { aspect, noNeedlessWait, settlementMatchesAudience, violation } from './aspect.js';
import type { Run } from '../harness/run.js';

/** SYNC-7: a set whose signal aborted while it was pending rejected then, and left the signal. */
function checkBoundedSets(run: Run): void {
  for (const set of run.sets) {
    if (set.controller === undefined) continue;
    if (set.abortedWhilePending && set.rejectedAt !== set.abortedAt) {
      violation('SYNC-7', `set ${set.version} was aborted while pending during command ${set.abortedAt}, but did not reject with its signal's reason then`);
    }
    if (set.rejectedAt !== undefined && set.abortedAt === undefined) violation('VAL-4', `set ${set.version} rejected, but its signal was never aborted`);
    const settled = set.settledAt !== undefined || set.rejectedAt !== undefined;
    if (settled && getEventListeners(set.controller.signal, 'abort').length > 0) {
      violation('SYNC-7', `set ${set.version} has settled but left a listener on its signal`);
    }
  }
}

/** SYNC-8: every backlog said what the run's records say. */
function checkBacklogs(run: Run): void {
  for (const backlog of run.backlogs) {
    if (backlog.sets !== backlog.expected.sets || backlog.watchers !== backlog.expected.watchers) {
      violation('SYNC-8', `backlog during command ${backlog.command} said ${backlog.sets} sets and ${backlog.watchers} watchers; expected ${backlog.expected.sets} and ${backlog.expected.watchers}`);
    }
  }
}

export const syncLog = aspect({
  title: 'sync-mode logs',
  clauses: ['SYNC-1', 'SYNC-2', 'SYNC-3', 'SYNC-4', 'SYNC-5', 'SYNC-6', 'SYNC-7', 'SYNC-8', 'CLOSE-5'],
  modes: ['sync'],
  weights: { set: 4, get: 4, abort: 1, close: 1, reads: 1, bounded: 2 },
  check(run) {
    for (const watcher of run.watchers) {
      const first = Math.max(watcher.watchedAt, 1);
      // What a predicate examined and skipped counts as received (PRED-2).
      watcher.consumed.forEach((version, index) => {
        if (version !== first + index) {
          // The first delivery is the version current at the watch (GET-2), the rest the log; a
          // version whose producer stopped waiting still stands (SYNC-7).
          const skipped = run.sets.find((set) => set.version === first + index);
          const basic = index === 0 && watcher.watchedAt > 0 ? 'GET-2' : 'SYNC-1';
          violation(skipped?.abortedAt !== undefined ? 'SYNC-7' : basic, `w${watcher.id} (watched at version ${watcher.watchedAt}) received version ${version} as its delivery #${index + 1}; expected ${first + index}`, basic);
        }
      });
    }
    settlementMatchesAudience(run);
    noNeedlessWait(run);
    checkBoundedSets(run);
    checkBacklogs(run);
  },
});
