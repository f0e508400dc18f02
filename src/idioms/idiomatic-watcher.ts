/**
 * The idioms of a watcher, written once over the core interface: a class that implements
 * {@link WatcherCore} extends {@link IdiomaticWatcher} and is a full {@link Watcher}. MemoryValue's
 * and EtcdValue's watchers extend it, and {@link withIdioms} wraps any other implementation's
 * watchers in it, so every implementation offers the same idioms with the same meaning.
 *
 * @module
 */

import type { GetOptions, Watcher, WatcherCore } from '../types.js';
import { iterate } from './iteration.js';

/**
 * The idioms (spec section 13) over an abstract {@link WatcherCore.get} and
 * {@link WatcherCore.close}. Extend it to give a watcher of your own implementation the idioms;
 * they use nothing but those two methods.
 *
 * @typeParam T - The data the value holds.
 */
export abstract class IdiomaticWatcher<T> implements Watcher<T> {
  /** See {@link WatcherCore.get}. */
  abstract get(options?: GetOptions): Promise<T>;

  /** See {@link WatcherCore.close}. */
  abstract close(): void;

  /** See {@link Watcher.waitFor}. */
  waitFor<S extends T>(accept: (data: T) => data is S, options?: GetOptions): Promise<S>;
  waitFor(accept: (data: T) => unknown, options?: GetOptions): Promise<T>;
  async waitFor(accept: (data: T) => unknown, options?: GetOptions): Promise<T> {
    // Implements PRED-6: a predicate that is not a function is refused before any get.
    if (typeof accept !== 'function') throw new TypeError(`Watcher.waitFor: accept must be a function, got ${accept === null ? 'null' : typeof accept}`);
    for (;;) {
      // Implements PRED-2 and PRED-5: each version is received by a plain get, so it is consumed
      // whatever the verdict, and an abort or a close ends the wait as it ends a get.
      const data = await this.get(options);
      // Implements PRED-1, PRED-3 and PRED-4: the predicate runs here, in the consumer's own
      // continuation, and what it throws rejects the wait.
      if (accept(data)) return data;
    }
  }

  /** See {@link Watcher}'s `[Symbol.asyncIterator]` (ITER-1 to ITER-4). */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return iterate(this);
  }

  /** See {@link Watcher.values} (ITER-5). */
  values(options?: GetOptions): AsyncIterableIterator<T> {
    return iterate(this, options);
  }

  /** Closes the watcher, for `using watcher = value.watch()` (DISPOSE-1). */
  [Symbol.dispose](): void {
    this.close();
  }
}
