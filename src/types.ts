/**
 * The public interfaces of Event Values. `docs/spec.md` is the normative text; every member below
 * names the clauses it follows, so a reader can check the sentence it promises.
 *
 * There are two levels. {@link ValueCore} and {@link WatcherCore} are what an implementation
 * provides (set, watch, get with a signal, close): sections 2 to 12 of the spec, judged by the
 * conformance kit. {@link Value}, {@link ReadOnlyValue} and {@link Watcher} are what consumers
 * hold: the core plus the idioms built on it once, for every implementation (section 13).
 *
 * @module
 */

/**
 * Options for {@link WatcherCore.get}.
 */
export interface GetOptions {
  /**
   * Aborting this signal while the get waits rejects the get with `signal.reason` and consumes
   * nothing; a signal that is already aborted rejects at once (ABORT-1 to ABORT-5).
   */
  readonly signal?: AbortSignal | undefined;
}

/**
 * What every implementation's watcher provides: a get and a close. A watcher remembers the version
 * its consumer received last (its cursor, WATCH-3) and hands out only newer data.
 *
 * Each consumer should hold its own watcher. A watcher is idle, waiting (one get pending) or
 * closed; a second get while one is pending is refused (CONC-1) rather than queued, because two
 * consumers sharing one watcher would each silently miss the versions the other took.
 *
 * @typeParam T - The data the value holds.
 */
export interface WatcherCore<T> {
  /**
   * Resolves with data the watcher has not received yet, waiting for a `set` if there is none.
   *
   * - The first get resolves with the data current when the watcher was made, or newer data if the
   *   value was set since; on a value that was never set it waits for the first set (GET-2).
   * - Later gets resolve only with newer versions (GET-3); the versions one watcher receives
   *   strictly increase (GET-4). In async mode the newest version wins and older ones are skipped
   *   (ASYNC-1); in sync mode every version arrives in order (SYNC-1).
   * - If a version is available the returned promise is already resolved (GET-5).
   *
   * It rejects, consuming nothing, with a `TypeError` for invalid options (ERR-3), a
   * `WatcherClosedError` once the watcher is closed (CLOSE-2, CLOSE-3), a `ConcurrentGetError`
   * while another get is pending (CONC-1), and `signal.reason` when the signal aborts before a
   * version is handed over (ABORT-1 to ABORT-4), in that order of precedence (GET-7).
   *
   * @param options - An optional `signal` to give up waiting.
   * @returns The data of exactly one version, which becomes the watcher's cursor (GET-1).
   */
  get(options?: GetOptions): Promise<T>;

  /**
   * Closes the watcher: a pending get rejects with `WatcherClosedError` (CLOSE-2), every later get
   * does too (CLOSE-3), the value stops referencing the watcher (CLOSE-4), and in sync mode every
   * set waiting for this watcher is released (CLOSE-5). Calling it again does nothing (CLOSE-1).
   */
  close(): void;
}

/**
 * The current version of a value and its data, as {@link ValueCore.peek} returns it.
 *
 * @typeParam T - The data the value holds.
 */
export interface Snapshot<T> {
  /** The version (VAL-2): 1 for the first set, one more for each set after. */
  readonly version: number;
  /** The data of that version, the very data that was set (VAL-3). */
  readonly data: T;
}

/** What holds a sync-mode producer up, as `MemoryValue.backlog()` says (SYNC-8). */
export interface Backlog {
  /** How many sets have an audience that is not complete, aborted ones included. */
  readonly sets: number;
  /** How many open watchers have not received a version whose set waits for them. */
  readonly watchers: number;
}

/**
 * What every implementation's value provides: a set, a watch and a peek. This is what the conformance kit
 * judges, and what {@link withIdioms} lifts to a full {@link Value}.
 *
 * @typeParam T - The data the value holds.
 */
export interface ValueCore<T> {
  /**
   * Makes `data` the current data, as a new version (VAL-2), visible to every later watch and get
   * when `set` returns (VAL-5). It never throws and what it returns never rejects (VAL-4).
   *
   * An implementation may return nothing or a promise. In async mode such a promise is resolved
   * already (ASYNC-3); in sync mode it resolves once every watcher open at the call has received
   * this version or been closed (SYNC-2).
   *
   * @param data - The new data; delivered to watchers as is, not copied (VAL-3).
   */
  set(data: T): void | Promise<void>;

  /**
   * Makes a new watcher for one consumer. It never waits and never fails (WATCH-1).
   */
  watch(): WatcherCore<T>;

  /**
   * The current version and its data, read without waiting, or `undefined` while the value is
   * unset (PEEK-1). It marks nothing as seen: no watcher's cursor moves, and in sync mode no set
   * counts it as received (PEEK-2). The same snapshot object is returned until the next set, so
   * snapshots can be compared by identity, as React's `useSyncExternalStore` does (PEEK-3).
   */
  peek(): Snapshot<T> | undefined;
}

/**
 * A consumer's handle on a value: the core's get and close, and the idioms of section 13 of the
 * spec, which work the same on every implementation: `for await` (ITER), `using` (DISPOSE), and
 * waiting for data of a certain kind (PRED).
 *
 * @typeParam T - The data the value holds.
 */
export interface Watcher<T> extends WatcherCore<T>, AsyncIterable<T>, Disposable {
  /**
   * Waits for data that `accept` accepts, and resolves with exactly that data. It is a loop of
   * plain gets: every version it examines is consumed, accepted or not, so it never holds up a
   * sync-mode set, and the predicate runs in the waiting consumer's own continuation, never
   * inside a `set` (PRED-1 to PRED-6). A type guard narrows the result.
   *
   * @param accept - Returns a truthy value for the data to wait for.
   * @param options - An optional `signal`, passed to every get of the loop.
   * @returns The first data `accept` accepted.
   *
   * @example
   * ```ts
   * import { MemoryValue } from 'event-value';
   *
   * type Link = { state: 'down' } | { state: 'up'; address: string };
   * const link = new MemoryValue<Link>();
   * const watcher = link.watch();
   * const up = watcher.waitFor((current): current is Extract<Link, { state: 'up' }> => current.state === 'up');
   * link.set({ state: 'down' }); // examined and skipped
   * link.set({ state: 'up', address: '203.0.113.24' });
   * console.log((await up).address); // '203.0.113.24': the type is narrowed to the 'up' case
   * watcher.close();
   * ```
   */
  waitFor<S extends T>(accept: (data: T) => data is S, options?: GetOptions): Promise<S>;
  /**
   * Waits for data that `accept` accepts (returns a truthy value for), and resolves with exactly
   * that data; see the overload above (PRED-1 to PRED-6).
   *
   * @param accept - Returns a truthy value for the data to wait for.
   * @param options - An optional `signal`, passed to every get of the loop.
   * @returns The first data `accept` accepted.
   */
  waitFor(accept: (data: T) => unknown, options?: GetOptions): Promise<T>;

  /**
   * Iterates the watcher: each step is one get, a closed watcher ends the loop, and leaving the
   * loop early closes the watcher (ITER-1 to ITER-4). The same as `values()` without a signal.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<T>;

  /**
   * Iterates the watcher as `for await (const data of watcher)` does, with a signal that ends the
   * loop: every step is a get with that signal, and when it aborts the pending step (or the next
   * one) rejects with `signal.reason` and the watcher is closed, as leaving the loop closes it
   * (ITER-5).
   *
   * @param options - An optional `signal` that ends the loop.
   * @returns An iterator over the data the watcher receives.
   *
   * @example
   * ```ts
   * import { MemoryValue } from 'event-value';
   *
   * const level = new MemoryValue<string>({ initial: 'info' });
   * const stop = new AbortController();
   * try {
   *   for await (const current of level.watch().values({ signal: stop.signal })) {
   *     console.log(current); // 'info'
   *     stop.abort(new Error('shutting down')); // ends the loop at its next step
   *   }
   * } catch (error) {
   *   console.log((error as Error).message); // 'shutting down'
   * }
   * ```
   */
  values(options?: GetOptions): AsyncIterableIterator<T>;

  /** Closes the watcher, for `using watcher = value.watch()` (DISPOSE-1). */
  [Symbol.dispose](): void;
}

/**
 * What a consumer needs of a value: a way to watch it, and no way to set it. Hand this to code
 * that must not produce (see {@link readOnly}, VIEW-1).
 *
 * @typeParam T - The data the value holds.
 */
export interface ReadOnlyValue<T> {
  /**
   * Makes a new watcher for one consumer. It never waits and never fails (WATCH-1).
   */
  watch(): Watcher<T>;

  /** See {@link ValueCore.peek}: the current version and data, without waiting (PEEK-1). */
  peek(): Snapshot<T> | undefined;
}

/**
 * An Event Value: one piece of data that producers {@link Value.set | set} and many consumers
 * {@link Value.watch | watch}, each consumer receiving the newest data it has not seen yet.
 *
 * A value starts unset; every set makes a new version, even of identical data (VAL-1, VAL-2).
 *
 * @typeParam T - The data the value holds. Any type is allowed, `undefined` and `null` included
 *   (VAL-3); see the spec's note on thenables.
 */
export interface Value<T> extends ReadOnlyValue<T>, ValueCore<T> {
  /**
   * Makes a new watcher for one consumer. It never waits and never fails (WATCH-1).
   */
  watch(): Watcher<T>;
}
