/**
 * Sync mode: a log of versions shared by all watchers.
 *
 * The log is a singly linked list from the oldest version some open watcher still needs to the
 * current version. Each open watcher stands at one *position* in it: the version it received last,
 * or, for a watcher made after a set, the version current when it was made (it is owed that one
 * version, but is not in that set's audience). Each position counts the watchers standing on it.
 *
 * A set's audience is complete exactly when no open watcher stands on an older position. So the
 * oldest position with a watcher on it, the *frontier*, is where settlement stops: every version
 * after the frontier up to the first occupied position is settled, in version order. Moving a
 * watcher or closing it moves the frontier forward at most once per version, so settling costs
 * O(1) per version in total (COST-2), and the value needs no list of watchers at all.
 *
 * @module
 */

import { Settlements } from './settlements.js';
import { SETTLED, type Cursor, type Store } from './store.js';

/** A place in the log where watchers can stand: the origin (nothing set yet) or a version. */
type Position<T> = Origin<T> | Entry<T>;

/** The position before the first version: where watchers of a never-set value stand (VAL-1). */
interface Origin<T> {
  readonly kind: 'origin';
  /** The first version, once set. */
  next: Entry<T> | undefined;
  /** How many open watchers stand here. */
  standing: number;
}

/** One version in the log. */
interface Entry<T> {
  readonly kind: 'entry';
  readonly data: T;
  /** The following version, once set. */
  next: Entry<T> | undefined;
  /** How many open watchers stand here. */
  standing: number;
  /** Resolves the promise its `set` returned, once the audience is complete; then cleared. */
  resolve: (() => void) | undefined;
}

/** The full log of versions in sync mode (SYNC-1). */
export class LogStore<T> implements Store<T> {
  /** The current version, or the origin while unset. */
  #tail: Position<T> = { kind: 'origin', next: undefined, standing: 0 };
  /** The newest settled position: every version up to it has a complete audience. */
  #frontier: Position<T> = this.#tail;

  record(data: T): void {
    // Implements VAL-2 and SYNC-5: every set appends a version, in call order. A version's number
    // is its place in the list; nothing needs it written down.
    const entry: Entry<T> = {
      kind: 'entry',
      data,
      next: undefined,
      standing: 0,
      resolve: undefined,
    };
    this.#tail.next = entry;
    this.#tail = entry;
  }

  settle(): Promise<void> {
    // The new version has no promise yet, so advancing to it collects nothing to settle.
    this.advance(new Settlements());
    // Nothing can be waiting here: the set that made the tail has not handed out its promise.
    const tail = this.#tail as Entry<T>;
    // Implements SYNC-3 and SYNC-6: an audience that is complete already gets a resolved promise.
    if (this.#frontier === tail) return SETTLED;
    return new Promise<void>((resolve) => {
      tail.resolve = resolve;
    });
  }

  open(): Cursor<T> {
    return new LogCursor(this, this.#tail);
  }

  /**
   * Moves the frontier past every position nobody stands on, settling each version it passes
   * (SYNC-2, SYNC-4: in version order, and only once its audience is complete).
   */
  advance(settlements: Settlements): void {
    let frontier = this.#frontier;
    while (frontier.standing === 0 && frontier.next !== undefined) {
      frontier = frontier.next;
      const resolve = frontier.resolve;
      if (resolve !== undefined) {
        frontier.resolve = undefined;
        settlements.add(resolve, undefined);
      }
    }
    this.#frontier = frontier;
  }
}

/**
 * One watcher's place in the log. A watcher made after a set *owes* itself the current version
 * (SYNC-1) while standing on it, so that it is counted in the audience of every later set but not
 * in that one's; afterwards it stands *after* the version it received last.
 */
type Place<T> = { readonly kind: 'owes'; readonly at: Entry<T> } | { readonly kind: 'after'; readonly at: Position<T> };

/** A watcher's position in sync mode. */
class LogCursor<T> implements Cursor<T> {
  #place: Place<T>;
  readonly #log: LogStore<T>;

  constructor(log: LogStore<T>, tail: Position<T>) {
    this.#log = log;
    // Implements SYNC-1 and GET-2: a watcher made after a set first receives the current version.
    this.#place = tail.kind === 'entry' ? { kind: 'owes', at: tail } : { kind: 'after', at: tail };
    tail.standing += 1;
  }

  hasNext(): boolean {
    const place = this.#place;
    // A watcher that owes itself a version has one; otherwise only a version after its own counts.
    return place.kind === 'owes' || place.at.next !== undefined;
  }

  next(settlements: Settlements): T {
    const place = this.#place;
    switch (place.kind) {
      case 'owes':
        // The owed version is not in this watcher's audience, so no set is waiting for it.
        this.#place = { kind: 'after', at: place.at };
        return place.at.data;
      case 'after': {
        // Only called when hasNext() is true, so the next version exists.
        const entry = place.at.next as Entry<T>;
        place.at.standing -= 1;
        entry.standing += 1;
        this.#place = { kind: 'after', at: entry };
        // Implements SYNC-2: this receipt may complete the audience of this and older versions.
        this.#log.advance(settlements);
        return entry.data;
      }
    }
  }

  release(settlements: Settlements): void {
    // Implements CLOSE-5: a closed watcher leaves every audience it was in.
    this.#place.at.standing -= 1;
    this.#log.advance(settlements);
  }
}
