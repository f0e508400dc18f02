/**
 * Single faults in implementations written from docs/spec.md (`properties/alternatives/`), not in
 * the model: the faults an outside implementer reported the kit misfiled. Two of them break only
 * the profile `'strict-order'` (the order and timing within one call), so their modules declare
 * it; the third breaks the first delivery of a sync-mode watcher.
 *
 * @module
 */

import { QueueValue, type QueueWatcher } from '../alternatives/queue-value.js';
import { SpecValue, type SpecWatcher } from '../alternatives/spec-value.js';

/** A sync set's promise resolves a microtask after the call that completes its audience (SYNC-6). */
export class LateSyncSet<T> extends SpecValue<T> {
  override completeSets(settlements: (() => void)[]): void {
    const onTime: (() => void)[] = [];
    super.completeSets(onTime);
    for (const resolve of onTime) settlements.push(() => queueMicrotask(resolve));
  }
}

/** One set hands its version to the waiting gets last-in-first-out (GET-6's order). */
export class LifoWaking<T> extends SpecValue<T> {
  override wakeOrder(waiting: readonly SpecWatcher<T>[]): readonly SpecWatcher<T>[] {
    return [...waiting].reverse();
  }
}

/** A sync-mode watcher starts with an empty queue: it skips the version current at its watch (GET-2). */
export class SyncSkipsCurrent<T> extends QueueValue<T> {
  override watch(): QueueWatcher<T> {
    const watcher = super.watch();
    watcher.queue.length = 0;
    return watcher;
  }
}

/** One fault written from the spec, the clause it breaks first, and its module for `npm run conform`. */
export interface SpecFault {
  readonly name: string;
  readonly clause: string;
  readonly module: string;
}

/** The faults of this file, with their modules in properties/faulty/modules/. */
export const specGallery: readonly SpecFault[] = [
  { name: 'a sync set resolves a microtask late', clause: 'SYNC-6', module: 'properties/faulty/modules/late-sync-set.ts' },
  { name: 'one set wakes the waiting gets last-in-first-out', clause: 'GET-6', module: 'properties/faulty/modules/lifo-waking.ts' },
  { name: 'a sync watcher skips the version current at its watch', clause: 'GET-2', module: 'properties/faulty/modules/sync-skips-current.ts' },
];
