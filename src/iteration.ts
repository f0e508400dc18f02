/**
 * Async iteration over a watcher (ITER-1 to ITER-4): `for await (const data of watcher)`.
 *
 * @module
 */

import { WatcherClosedError } from './errors.js';
import type { Watcher } from './types.js';

/** The result of a step that ends the iteration; one shared object, since nobody may change it. */
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * An iterator whose every step is one get of `watcher` (ITER-1). A closed watcher ends the
 * iteration (ITER-2); leaving the loop early closes the watcher (ITER-3); other failures of a
 * get, such as a concurrent get (ITER-4), reject the step.
 */
export function iterate<T>(watcher: Watcher<T>): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: () =>
      watcher.get().then(
        (value): IteratorResult<T> => ({ done: false, value }),
        (error: unknown): IteratorResult<T> => {
          if (error instanceof WatcherClosedError) return DONE;
          throw error;
        },
      ),
    return: () => {
      watcher.close();
      return Promise.resolve(DONE);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
