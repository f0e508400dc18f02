/**
 * The typed errors of Event Values. Other implementations are recognised by `name` alone (ERR-1),
 * so code that must work with any implementation should test `error.name`, not `instanceof`.
 *
 * @module
 */

/**
 * Rejects a get made while another get on the same watcher is still pending (CONC-1). The
 * pending get is not disturbed and nothing is consumed (CONC-2).
 *
 * @example
 * ```ts
 * import { ConcurrentGetError, MemoryValue } from 'event-value';
 *
 * const watcher = new MemoryValue<number>().watch();
 * const first = watcher.get(); // waits: the value was never set
 * await watcher.get().catch((error: unknown) => {
 *   console.log(error instanceof ConcurrentGetError); // true
 * });
 * watcher.close();
 * await first.catch(() => {}); // rejected by the close
 * ```
 */
export class ConcurrentGetError extends Error {
  /** Always `'ConcurrentGetError'` (ERR-1). */
  override readonly name = 'ConcurrentGetError';

  constructor() {
    super('Watcher.get: a get is pending');
  }
}

/**
 * Rejects a get pending when its watcher is closed (CLOSE-2), and every get made after (CLOSE-3).
 */
export class WatcherClosedError extends Error {
  /** Always `'WatcherClosedError'` (ERR-1). */
  override readonly name = 'WatcherClosedError';

  constructor() {
    super('Watcher.get: the watcher is closed');
  }
}
