/**
 * Cancellation: an abort before handover rejects with the signal's reason and consumes nothing, an
 * already-aborted signal rejects at once, an abort after handover changes nothing, the watcher
 * stays usable, and no abort listener remains once a get has settled (ABORT-1 to ABORT-5).
 *
 * @module
 */

import type { GetRecord } from '../harness/run.js';
import { aspect, noNeedlessWait, rejectedWithOwnReason, settlementMatchesAudience, violation } from './aspect.js';

/** An abort ends a wait for data of a kind (PRED-5) and a loop (ITER-5) as it ends a plain get. */
function clauseOfAbort(get: GetRecord, plain: string): string {
  return get.via === 'waitFor' ? 'PRED-5' : get.via === 'step' ? 'ITER-5' : plain;
}

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
          violation(clauseOfAbort(get, 'ABORT-3'), `get#${get.id} was made with an aborted signal but was not rejected at once with its reason`, 'ABORT-3');
        }
      }
      if (get.abortedWhilePending && !(rejectedWithOwnReason(get) && get.settledAt === get.abortedAt)) {
        violation(clauseOfAbort(get, 'ABORT-1'), `get#${get.id} was aborted while pending but was not rejected with its signal's reason at the abort`, 'ABORT-1');
      }
      if (get.outcome.state !== 'pending' && run.listenersOf(get) > 0) {
        violation('ABORT-5', `get#${get.id} has settled but left ${run.listenersOf(get)} abort listener(s) on its signal`);
      }
    }
    // ABORT-2: an aborted get consumed nothing and changed nothing, so the watcher is not
    // stuck and no set is kept waiting or released by it; a wait that an abort caused is
    // reported as ABORT-2 or ABORT-3, any other under the clause it breaks.
    noNeedlessWait(run);
    settlementMatchesAudience(run);
  },
});
