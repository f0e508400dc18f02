/**
 * Reading without waiting: a peek returns the current version and its data, or nothing while the
 * value is unset, and the same frozen snapshot until the next set (PEEK-1, PEEK-3). That a peek
 * moves nothing (PEEK-2) is what every other aspect checks with peeks mixed in, and the
 * comparison with the model.
 *
 * @module
 */

import { aspect, violation } from './aspect.js';

/** The shape of a snapshot, as a peek of any implementation returns it. */
interface SnapshotShape {
  readonly version: unknown;
  readonly data: unknown;
}

export const reading = aspect({
  title: 'reading without waiting',
  clauses: ['PEEK-1', 'PEEK-3'],
  modes: ['async', 'sync'],
  weights: { reads: 4, set: 3, get: 3 },
  check(run) {
    run.peeks.forEach((peek, index) => {
      const snapshot = peek.snapshot as SnapshotShape | undefined;
      if (peek.latest === 0) {
        if (snapshot !== undefined) violation('PEEK-1', `peek during command ${peek.command} returned a snapshot, but the value is unset`);
        return;
      }
      // The data of version k is k in every run; a value made with data starts at version 1 (VAL-7).
      if (snapshot?.version !== peek.latest || snapshot.data !== peek.latest) {
        violation(run.initial && peek.latest === 1 && run.sets.length === 0 ? 'VAL-7' : 'PEEK-1', `peek during command ${peek.command} returned ${JSON.stringify(snapshot)}, but version ${peek.latest} with data ${peek.latest} is current`, 'PEEK-1');
      }
      if (!Object.isFrozen(snapshot)) violation('PEEK-3', `peek during command ${peek.command} returned a snapshot that is not frozen`);
      const previous = run.peeks[index - 1];
      if (previous !== undefined && previous.latest === peek.latest && previous.snapshot !== snapshot) {
        violation('PEEK-3', `two peeks of version ${peek.latest} with no set between returned different snapshot objects`);
      }
    });
  },
});
