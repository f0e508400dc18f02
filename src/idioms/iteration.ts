/**
 * Async iteration over any watcher (ITER-1 to ITER-4): `for await (const data of watcher)`.
 *
 * @module
 */

import type { WatcherCore } from '../types.js';

/** The result of a step that ends the iteration; one shared object, since nobody may change it. */
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** Whether a get failed because its watcher is closed; recognised by name, as ERR-1 allows. */
function isClosedError(error: unknown): boolean {
  return error instanceof Error && error.name === 'WatcherClosedError';
}

/**
 * An iterator whose every step is one get of `watcher` (ITER-1). A closed watcher ends the
 * iteration (ITER-2); leaving the loop early closes the watcher (ITER-3); other failures of a
 * get, such as a concurrent get (ITER-4), reject the step.
 */
export function iterate<T>(watcher: WatcherCore<T>): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: () =>
      watcher.get().then(
        (value): IteratorResult<T> => ({ done: false, value }),
        (error: unknown): IteratorResult<T> => {
          if (isClosedError(error)) return DONE;
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
