/**
 * The pending gets of one value, in the order they began waiting (GET-6). It is the only place a
 * value references its watchers, and a get leaves it as soon as it settles, so idle and closed
 * watchers are never held (CLOSE-4, LIFE-1).
 *
 * The list is threaded through the pending gets themselves (each has a `previous` and a `next`),
 * so joining it, leaving it (an abort, a close) and taking it whole (a set) cost O(1) and
 * allocate nothing (COST-1, COST-2).
 *
 * @module
 */

/** A pending get, as the list sees it: a link to its neighbours. */
export interface Waiter {
  /** The get that began waiting just before this one, while both are on the list. */
  previous: Waiter | undefined;
  /** The get that began waiting just after this one; after {@link WaitingList.takeAll}, the next one taken. */
  next: Waiter | undefined;
}

/** The pending gets of one value. */
export class WaitingList<W extends Waiter> {
  #first: W | undefined = undefined;
  #last: W | undefined = undefined;

  /** Puts a get at the end: it began waiting after every other. */
  add(waiter: W): void {
    const last = this.#last;
    waiter.previous = last;
    if (last === undefined) this.#first = waiter;
    else last.next = waiter;
    this.#last = waiter;
  }

  /** Takes a get off the list; it must be on it. */
  remove(waiter: W): void {
    const { previous, next } = waiter;
    if (previous === undefined) this.#first = next as W | undefined;
    else previous.next = next;
    if (next === undefined) this.#last = previous as W | undefined;
    else next.previous = previous;
    waiter.previous = undefined;
    waiter.next = undefined;
  }

  /**
   * Empties the list and returns its first get, oldest first: follow `next` for the others. The
   * chain stays intact until the caller has handed every get its version.
   */
  takeAll(): W | undefined {
    const first = this.#first;
    this.#first = undefined;
    this.#last = undefined;
    return first;
  }
}
