/**
 * {@link MemoryValue}: an Event Value kept in memory.
 *
 * @module
 */

import { readOnly } from './idioms/with-idioms.js';
import { LatestStore } from './latest-store.js';
import { LogStore } from './log-store.js';
import type { MemoryWatcher } from './memory-watcher.js';
import { parseSignalOptions, parseValueOptions, type MemoryValueOptions, type SetOptions } from './options.js';
import type { Backlog, ReadOnlyValue, Snapshot, Value } from './types.js';

/**
 * An Event Value kept in memory: producers {@link MemoryValue.set | set} it, and each consumer
 * {@link MemoryValue.watch | watches} it through its own {@link Watcher}, whose `get` resolves with
 * the newest data that consumer has not seen.
 *
 * In async mode (the default) a slow consumer skips versions and gets the newest (ASYNC-1). In
 * sync mode (`{ sync: true }`) every consumer receives every version in order, and `set` returns a
 * promise that resolves once the consumers have received it (SYNC-1, SYNC-2).
 *
 * No timers and no background work: every change happens inside a call, and a value references
 * only the watchers that have a get pending (LIFE-1).
 *
 * @typeParam T - The data the value holds; any type (VAL-3).
 *
 * @example
 * ```ts
 * import { MemoryValue } from 'event-value';
 *
 * const address = new MemoryValue<string>();
 * const watcher = address.watch();
 * address.set('203.0.113.24');
 * address.set('203.0.113.103');
 * console.log(await watcher.get()); // '203.0.113.103': the newest, the older one is skipped
 * watcher.close();
 * ```
 */
export class MemoryValue<T> implements Value<T> {
  /** `true` in sync mode (VAL-6). */
  readonly sync: boolean;
  readonly #store: LatestStore<T> | LogStore<T>;

  /**
   * @param options - `{ sync: true }` for sync mode, async mode otherwise (VAL-6); `initial` for
   *   data that is current from the start, as version 1 (VAL-7).
   * @throws TypeError if `options` is not an object, has an unknown key, or `sync` is not a
   *   boolean (ERR-2).
   */
  constructor(options?: MemoryValueOptions<T>) {
    const settings = parseValueOptions<T>(options);
    this.sync = settings.sync;
    this.#store = this.sync ? new LogStore<T>() : new LatestStore<T>();
    // Implements VAL-7: nobody watches yet, so this set waits for nobody.
    if (settings.initial !== undefined) void this.#store.set(settings.initial.data, undefined);
  }

  /**
   * Makes `data` the current data, as a new version, and hands it to every waiting get before it
   * returns (VAL-2, VAL-5, GET-6). It never fails (VAL-4); only invalid options are refused.
   *
   * @param data - Any data, `undefined` and `null` included; delivered as is (VAL-3).
   * @param options - In sync mode, a `signal` that bounds the producer's wait (SYNC-7).
   * @returns In async mode, a promise that is already resolved (ASYNC-3). In sync mode, a promise
   *   that resolves once every watcher open now has received this version or been closed
   *   (SYNC-2); resolved already if none is open (SYNC-3). Awaiting it is optional: sets that are
   *   not awaited are still delivered in order (SYNC-5). It rejects only with the reason of the
   *   `signal`, if one was given and aborted first (SYNC-7).
   * @throws TypeError if `options` is not an object with at most a `signal` (ERR-2); nothing is
   *   set then.
   */
  set(data: T, options?: SetOptions): Promise<void> {
    let signal: AbortSignal | undefined;
    if (options !== undefined) {
      const parsed = parseSignalOptions('MemoryValue.set', options);
      if (parsed instanceof TypeError) throw parsed;
      signal = parsed;
    }
    return this.#store.set(data, signal);
  }

  /** See {@link ValueCore.peek}: the current version and data, without waiting (PEEK-1 to PEEK-3). */
  peek(): Snapshot<T> | undefined {
    return this.#store.peek();
  }

  /**
   * What holds a sync-mode producer up (SYNC-8): how many sets have not resolved yet, and how
   * many open watchers have not received all of them. A watcher dropped without `close` stays in
   * the count for good (LIFE-2), which is how a hang shows itself. In async mode both are 0.
   *
   * @example
   * ```ts
   * import { MemoryValue } from 'event-value';
   *
   * const log = new MemoryValue<string>({ sync: true });
   * const slow = log.watch();
   * void log.set('one'); // waits for `slow`
   * console.log(log.backlog()); // { sets: 1, watchers: 1 }
   * slow.close(); // releases the set (CLOSE-5)
   * console.log(log.backlog()); // { sets: 0, watchers: 0 }
   * ```
   */
  backlog(): Backlog {
    return this.#store.backlog();
  }

  /**
   * Makes a new watcher. It never waits, not even behind a sync-mode set that has not resolved,
   * and never fails (WATCH-1).
   */
  watch(): MemoryWatcher<T> {
    return this.#store.watch();
  }

  /**
   * A read-only view to hand to consumers: its only members are `watch` and `peek`; it cannot set
   * the value, and it is not the value itself (VIEW-1). The same as `readOnly(value)`.
   *
   * @example
   * ```ts
   * import { MemoryValue } from 'event-value';
   *
   * const leader = new MemoryValue<string>();
   * const forConsumers = leader.readOnly(); // no set in sight
   * leader.set('node-2');
   * using watcher = forConsumers.watch(); // closed at the end of the scope
   * console.log(await watcher.get()); // 'node-2'
   * ```
   */
  readOnly(): ReadOnlyValue<T> {
    return readOnly(this);
  }
}
