/**
 * The calls themselves, as the kit checks them on every implementation: a set never fails and
 * its promise never rejects unless its own signal aborted (VAL-4); an async-mode set's promise is
 * resolved without waiting for any consumer (ASYNC-3); sync-mode sets resolve in version order
 * (SYNC-4). That `watch`, `get`, `close` and `peek` never throw is checked as each call is made
 * (WATCH-1, GET-1, CLOSE-1, PEEK-1), by every check.
 *
 * @module
 */

import { aspect, violation } from '../../properties/aspects/aspect.js';

/** The calls themselves: VAL-4, ASYNC-3 and SYNC-4 after every command, on any implementation. */
export const calls = aspect({
  title: 'the calls themselves',
  clauses: ['VAL-4', 'WATCH-1', 'GET-1', 'CLOSE-1', 'ASYNC-3', 'SYNC-4'],
  modes: ['async', 'sync'],
  weights: { set: 4, get: 3, close: 2, abort: 1, reads: 1 },
  check(run) {
    for (const set of run.sets) {
      if (set.rejectedAt !== undefined && set.abortedAt === undefined) violation('VAL-4', `set ${set.version}'s promise rejected, though the producer aborted no signal of it`);
      // ASYNC-3: resolved without waiting for anyone, so by the end of the command that set it.
      if (!run.sync && set.settledAt === undefined && set.rejectedAt === undefined) {
        violation('ASYNC-3', `set ${set.version}'s promise had not resolved once the microtasks of its call had run`);
      }
    }
    if (!run.sync) return;
    run.sets.forEach((set, index) => {
      const earlier = run.sets[index - 1];
      if (earlier === undefined || set.settledAt === undefined) return;
      const earlierDone = earlier.settledAt ?? earlier.rejectedAt;
      if (earlierDone === undefined || earlierDone > set.settledAt) {
        violation('SYNC-4', `set ${set.version} resolved before set ${earlier.version}`);
      }
    });
  },
});
