/**
 * Concurrent-get errors: a get made while another is pending on the same watcher rejects at once
 * with ConcurrentGetError and disturbs nothing; no other get is refused that way (CONC-1, CONC-2,
 * GET-7).
 *
 * @module
 */

import { aspect, noNeedlessWait, rejectedWith, violation } from './aspect.js';

export const concurrentGet = aspect({
  title: 'concurrent-get errors',
  clauses: ['CONC-1', 'CONC-2', 'GET-7'],
  modes: ['async', 'sync'],
  weights: { watch: 1, set: 2, get: 8, abort: 1, close: 1 },
  check(run) {
    for (const get of run.gets) {
      const refused = rejectedWith(get, 'ConcurrentGetError');
      const expected = get.concurrent && !get.closedAtStart;
      if (expected && !(refused && get.settledAt === get.command)) {
        violation(get.via === 'step' ? 'ITER-4' : get.via === 'waitFor' ? 'PRED-5' : 'CONC-1', `get#${get.id} of w${get.watcher.id} was made while another get was pending, but was not refused at once`, 'CONC-1');
      }
      // A pending get refused by the concurrent get that came later was disturbed by it (CONC-2).
      const disturbed = get.watcher.gets.some((other) => other.id > get.id && other.concurrent && other.command === get.settledAt);
      if (refused && !expected) {
        violation(disturbed ? 'CONC-2' : 'CONC-1', `get#${get.id} of w${get.watcher.id} was refused as concurrent, but no other get was pending`, 'CONC-1');
      }
      if (expected) {
        // CONC-2: the get that was pending is still pending after the refused one.
        for (const other of get.watcher.gets) {
          if (other.id < get.id && other.settledAt === get.command) {
            violation('CONC-2', `the concurrent get#${get.id} settled the pending get#${other.id}`);
          }
        }
      }
    }
    noNeedlessWait(run);
  },
});
