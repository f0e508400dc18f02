/**
 * The pending gets of one value's watchers, in the order they began waiting (GET-6). It is the
 * only place a value references its watchers, and a get leaves it as soon as it settles, so idle
 * and closed watchers are never held (CLOSE-4, LIFE-1).
 *
 * @module
 */

import type { Settlements } from './settlements.js';

/** A pending get, which a `set` can hand a new version to. */
export interface Waiter {
  /** Hands over the version just recorded, collecting the promise settlements that causes. */
  wake(settlements: Settlements): void;
}

/** The pending gets of one value. */
export class WaitingList {
  #waiters = new Set<Waiter>();

  add(waiter: Waiter): void {
    this.#waiters.add(waiter);
  }

  remove(waiter: Waiter): void {
    this.#waiters.delete(waiter);
  }

  /** Empties the list and returns what it held, oldest first. */
  takeAll(): Iterable<Waiter> {
    const waiters = this.#waiters;
    this.#waiters = new Set();
    return waiters;
  }
}
