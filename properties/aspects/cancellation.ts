/**
 * Cancellation: an abort before handover rejects with the signal's reason and consumes nothing, an
 * already-aborted signal rejects at once, an abort after handover changes nothing, the watcher
 * stays usable, and no abort listener remains once a get has settled (ABORT-1 to ABORT-5).
 *
 * @module
 */

import { aspect, noNeedlessWait, rejectedWithOwnReason, settlementMatchesAudience, violation } from './aspect.js';

export const cancellation = aspect({
  title: 'cancellation',
  clauses: ['ABORT-1', 'ABORT-2', 'ABORT-3', 'ABORT-4', 'ABORT-5'],
  modes: ['async', 'sync'],
  weights: { set: 3, get: 5, abort: 4, close: 1 },
  check(run) {
    for (const get of run.gets) {
      const alreadyAborted = get.controller?.signal.aborted === true && get.abortedAt === undefined;
      if (alreadyAborted && !get.closedAtStart && !get.concurrent) {
        if (!(rejectedWithOwnReason(get) && get.settledAt === get.command)) {
          violation('ABORT-3', `get#${get.id} was made with an aborted signal but was not rejected at once with its reason`);
        }
      }
      if (get.abortedWhilePending && !(rejectedWithOwnReason(get) && get.settledAt === get.abortedAt)) {
        violation('ABORT-1', `get#${get.id} was aborted while pending but was not rejected with its signal's reason at the abort`);
      }
      if (get.outcome.state !== 'pending' && run.listenersOf(get) > 0) {
        violation('ABORT-5', `get#${get.id} has settled but left ${run.listenersOf(get)} abort listener(s) on its signal`);
      }
    }
    // ABORT-2: an aborted get consumed nothing and changed nothing, so the watcher is not
    // stuck and no set is kept waiting or released by it.
    noNeedlessWait(run, 'ABORT-2');
    settlementMatchesAudience(run, 'ABORT-2');
  },
});
