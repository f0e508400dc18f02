/**
 * Async iteration over any watcher (ITER-1 to ITER-4): `for await (const data of watcher)`.
 *
 * @module
 */

import type { GetOptions, WatcherCore } from '../types.js';

/** The result of a step that ends the iteration; one shared object, since nobody may change it. */
const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/** Whether a get failed because its watcher is closed; recognised by name, as ERR-1 allows. */
function isClosedError(error: unknown): boolean {
  return error instanceof Error && error.name === 'WatcherClosedError';
}

/**
 * An iterator whose every step is one get of `watcher` with `options` (ITER-1). A closed watcher
 * ends the iteration (ITER-2); leaving the loop early closes the watcher (ITER-3), and so does an
 * abort of the options' signal, whose reason the step rejects with (ITER-5); other failures of a
 * get, such as a concurrent get (ITER-4), reject the step and leave the watcher open.
 */
export function iterate<T>(watcher: WatcherCore<T>, options?: GetOptions): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: () =>
      watcher.get(options).then(
        (value): IteratorResult<T> => ({ done: false, value }),
        (error: unknown): IteratorResult<T> => {
          if (isClosedError(error)) return DONE;
          // Implements ITER-5: the loop is over, so the watcher is closed as a break would.
          if (options?.signal?.aborted === true && error === options.signal.reason) watcher.close();
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
