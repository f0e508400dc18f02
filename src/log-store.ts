/**
 * Sync mode: a log of versions shared by all watchers.
 *
 * The log is a singly linked list from the oldest version some open watcher still needs to the
 * current version. Each open watcher stands at one *position* in it: the version it received last,
 * or, for a watcher made after a set, the version current when it was made (it *owes* itself that
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

import { deliver, handOver, MemoryWatcher } from './memory-watcher.js';
import { SETTLED, type Store } from './store.js';
import type { Backlog, Snapshot } from './types.js';
import { WaitingList } from './waiting-list.js';

/** A place in the log where watchers can stand: the origin (nothing set yet) or a version. */
interface Position<T> {
  /** The following version, once set. */
  next: Entry<T> | undefined;
  /** How many open watchers stand here. */
  standing: number;
}

/** One version in the log. */
interface Entry<T> extends Position<T> {
  readonly data: T;
  /** Resolves the promise its `set` returned, once the audience is complete; then cleared. */
  resolve: (() => void) | undefined;
}

/** The full log of versions in sync mode (SYNC-1). */
export class LogStore<T> implements Store {
  /** The current version, or the origin while unset (VAL-1). */
  #tail: Position<T> = { next: undefined, standing: 0 };
  /** The newest settled position: every version up to it has a complete audience. */
  #frontier: Position<T> = this.#tail;
  readonly waiting = new WaitingList();
  /** How many sets there were: the current version (VAL-2), 0 while unset. */
  #version = 0;
  /** The snapshot of the current version, once asked for (PEEK-3). */
  #snapshot: Snapshot<T> | undefined = undefined;

  /** See `MemoryValue.set`; `signal` bounds the producer's wait (SYNC-7). */
  set(data: T, signal: AbortSignal | undefined): Promise<void> {
    // Implements VAL-2 and SYNC-5: every set appends a version, in call order. A version's number
    // is its place in the list; nothing needs it written down.
    const entry: Entry<T> = { next: undefined, standing: 0, data, resolve: undefined };
    this.#tail.next = entry;
    this.#tail = entry;
    this.#version += 1;
    // Implements GET-6: the waiting gets move onto the new version (resolved at once when that
    // runs no user code, otherwise put off)...
    const first = this.waiting.takeAll();
    const deferred = first === undefined ? undefined : handOver(first, data);
    // ...then the set's own settlement is decided (SYNC-3, SYNC-6): the frontier reaches the new
    // version if every watcher of its audience has received it, and nothing older can settle now,
    // since the gets that moved had nothing older to receive...
    this.advance();
    const settled = this.#frontier === entry ? SETTLED : signal === undefined ? waitFor(entry) : waitUntilAborted(entry, signal);
    // ...and only then do the gets resolve whose resolution can run user code (ORDER-1, ORDER-2).
    if (deferred !== undefined) deliver(deferred, data);
    return settled;
  }

  /** See {@link LatestStore.peek}: the tail, read without moving anything (PEEK-1 to PEEK-3). */
  peek(): Snapshot<T> | undefined {
    if (this.#version === 0) return undefined;
    if (this.#snapshot?.version !== this.#version) this.#snapshot = Object.freeze({ version: this.#version, data: (this.#tail as Entry<T>).data });
    return this.#snapshot;
  }

  /**
   * What holds the producer up (SYNC-8): the sets not yet settled, which are the versions after
   * the frontier, and the open watchers that have not received all of them, which are those
   * standing before the current version. It walks the unsettled part of the log, so it costs
   * O(1) per unsettled set: a diagnostic, not for every call.
   */
  backlog(): Backlog {
    let sets = 0;
    let watchers = 0;
    for (let position = this.#frontier; position !== this.#tail; position = position.next as Entry<T>) {
      sets += 1;
      watchers += position.standing;
    }
    return { sets, watchers };
  }

  /** A watcher for a new consumer, standing at the current version (GET-2, SYNC-1). */
  watch(): LogWatcher<T> {
    return new LogWatcher(this, this.#tail);
  }

  /**
   * Moves the frontier past every position nobody stands on, resolving each version it passes
   * (SYNC-2, SYNC-4: in version order, and only once its audience is complete). Resolving a set's
   * promise runs no user code, so it is done at once.
   */
  advance(): void {
    let frontier = this.#frontier;
    while (frontier.standing === 0 && frontier.next !== undefined) {
      frontier = frontier.next;
      const resolve = (frontier as Entry<T>).resolve;
      if (resolve !== undefined) {
        (frontier as Entry<T>).resolve = undefined;
        resolve();
      }
    }
    this.#frontier = frontier;
  }
}

/** The promise of a set whose audience is not complete: the frontier's passing resolves it. */
function waitFor<T>(entry: Entry<T>): Promise<void> {
  return new Promise<void>((resolve) => {
    entry.resolve = resolve;
  });
}

/**
 * The same, for a producer that bounds its wait with a signal (SYNC-7): an abort before the
 * frontier passes rejects the promise with the signal's reason, and the version stands. The
 * listener leaves the signal whichever comes first, so a long-lived signal collects nothing.
 */
function waitUntilAborted<T>(entry: Entry<T>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      entry.resolve = undefined;
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    entry.resolve = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
  });
}

/** Where a closed watcher stands: no place in any log. */
const NOWHERE: Position<never> = Object.freeze({ next: undefined, standing: 0 });

/**
 * A watcher in sync mode. Its place in the log: it stands on `at`, counted there. A watcher made
 * after a set stands on the version current when it was made and *owes* itself that version
 * (SYNC-1): it has not received it, but is not in that set's audience, so it stands there all the
 * same.
 */
export class LogWatcher<T> extends MemoryWatcher<T> {
  readonly #store: LogStore<T>;
  #at: Position<T>;
  #owes: boolean;

  /** @internal Made by the store's `watch()` only. */
  constructor(store: LogStore<T>, tail: Position<T>) {
    super();
    this.#store = store;
    this.#at = tail;
    // Implements SYNC-1 and GET-2: a watcher made after a set first receives the current version.
    this.#owes = 'data' in tail;
    tail.standing += 1;
  }

  /** @internal */
  protected list(): LogStore<T>['waiting'] {
    return this.#store.waiting;
  }

  /** @internal */
  protected hasNext(): boolean {
    return this.#owes || this.#at.next !== undefined;
  }

  /** @internal */
  protected receive(): T {
    if (this.#owes) {
      // The owed version is not in this watcher's audience, so no set is waiting for it.
      this.#owes = false;
      return (this.#at as Entry<T>).data;
    }
    const entry = LogWatcher.#step(this);
    // Implements SYNC-2: this receipt may complete the audience of this and older versions.
    this.#store.advance();
    return entry.data;
  }

  /** @internal */
  protected take(): void {
    LogWatcher.#step(this);
  }

  /**
   * Moves onto the next version; only called when it exists. Static, as a private instance method
   * would give every watcher a hidden field (its brand).
   */
  static #step<T>(watcher: LogWatcher<T>): Entry<T> {
    const entry = watcher.#at.next as Entry<T>;
    watcher.#at.standing -= 1;
    entry.standing += 1;
    watcher.#at = entry;
    return entry;
  }

  /** @internal */
  protected release(): void {
    // Implements CLOSE-5: a closed watcher leaves every audience it was in...
    this.#at.standing -= 1;
    // ...and lets go of its place, which would keep every later version alive (COST-3).
    this.#at = NOWHERE;
    this.#store.advance();
  }
}
