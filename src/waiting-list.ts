/**
 * The pending gets of one value, in the order they began waiting (GET-6). It is the only place a
 * value references its watchers, and a watcher leaves it as soon as its get settles, so idle and
 * closed watchers are never held (CLOSE-4, LIFE-1).
 *
 * The list is threaded through the waiting watchers themselves: each has a link to the one before
 * and the one after (private to `memory-watcher.ts`, which joins and leaves the list). So joining
 * it, leaving it (an abort, a close) and taking it whole (a set) cost O(1) and allocate nothing,
 * and the value's pointers are to watchers, which live as long as the value does (COST-1, COST-2).
 *
 * @module
 */

import type { MemoryWatcher } from './memory-watcher.js';

/** The pending gets of one value: the first and last watcher waiting. */
export class WaitingList {
  /** The watcher whose get began waiting first; undefined while none waits. */
  first: MemoryWatcher<never> | undefined = undefined;
  /** The watcher whose get began waiting last. */
  last: MemoryWatcher<never> | undefined = undefined;

  /**
   * Empties the list and returns its first watcher, oldest first; the others follow through their
   * links, which `handOver` walks.
   */
  takeAll(): MemoryWatcher<never> | undefined {
    const first = this.first;
    this.first = undefined;
    this.last = undefined;
    return first;
  }
}
