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
      // A version's number is the implementation's own (MemoryValue counts sets, VAL-2; EtcdValue
      // uses etcd's revisions), so it is checked here by its order: a positive integer that grows
      // with every set.
      if (snapshot?.data !== peek.latest || typeof snapshot.version !== 'number' || !Number.isInteger(snapshot.version) || snapshot.version < 1) {
        violation(run.initial && peek.latest === 1 && run.sets.length === 0 ? 'VAL-7' : 'PEEK-1', `peek during command ${peek.command} returned ${JSON.stringify(snapshot)}, but the current version's data is ${peek.latest}`, 'PEEK-1');
        return;
      }
      if (!Object.isFrozen(snapshot)) violation('PEEK-3', `peek during command ${peek.command} returned a snapshot that is not frozen`);
      const previous = run.peeks[index - 1];
      const before = previous?.snapshot as SnapshotShape | undefined;
      if (previous === undefined || before === undefined) return;
      if (previous.latest === peek.latest && before !== snapshot) {
        violation('PEEK-3', `two peeks of version ${peek.latest} with no set between returned different snapshot objects`);
      }
      if (previous.latest < peek.latest && !((before.version as number) < (snapshot.version as number))) {
        violation('PEEK-1', `a peek after a set returned version ${String(snapshot.version)}, not newer than ${String(before.version)} before it`);
      }
    });
  },
});
