/**
 * The watcher of a {@link MemoryValue}: a state machine of three states. Every transition is one
 * small method below, and every `switch` names every state, so a new state cannot be forgotten.
 *
 * ```
 *            get (nothing newer)                set hands over a version
 *   idle  ─────────────────────────▶ waiting ─────────────────────────▶ idle
 *    │  ◀────────────────────────────  │      signal aborts (cursor kept)
 *    │ close                           │ close
 *    ▼                                 ▼
 *  closed ◀────────────────────────────┘
 * ```
 *
 * A get with a predicate (PRED-1 to PRED-7) adds a fourth state, `judging`, while its predicate
 * examines a version: the get is pending but on no waiting list. The verdict leads to `idle`
 * (accepted, thrown, or rejected after an abort), back to `waiting` (rejected, nothing newer), or
 * to `judging` the next version; a close from inside the predicate leads to `closed`.
 *
 * @module
 */

import { ConcurrentGetError, WatcherClosedError } from './errors.js';
import { iterate } from './iteration.js';
import { parseGetOptions } from './options.js';
import { Settlements } from './settlements.js';
import type { Cursor } from './store.js';
import type { GetOptions, Watcher } from './types.js';

/**
 * The options of {@link MemoryWatcher.get}: those of every {@link Watcher}, and a predicate.
 *
 * @typeParam T - The data the value holds.
 */
export interface MemoryGetOptions<T> extends GetOptions {
  /**
   * Resolve only with data this predicate accepts (returns a truthy value for). Every version it
   * examines is consumed, accepted or not, so the get resolves with the first accepted version
   * newer than the cursor (PRED-1, PRED-2). It runs inside `get` or `set`, so it should be quick;
   * if it throws, the get rejects with what it threw (PRED-4).
   */
  readonly accept?: ((data: T) => unknown) | undefined;
}
import type { WaitingList, Waiter } from './waiting-list.js';

/**
 * The state of a watcher whose get is pending: the get it owes an answer to. It is also what the
 * value's waiting list holds (a {@link Waiter}), from the moment the get begins waiting until it
 * settles, so a `set` can only ever wake a get that is still pending. A class rather than an
 * object of closures, so that a waiting get costs one small object.
 */
class Waiting<T> implements Waiter {
  readonly kind = 'waiting' as const;
  // Declared rather than written as parameter properties, so that the compiled class does not
  // declare each field a second time (the core has a size budget).
  declare readonly watcher: MemoryWatcher<T>;
  declare readonly cursor: Cursor<T>;
  declare readonly resolve: (data: T) => void;
  declare readonly reject: (reason: unknown) => void;
  declare readonly accept: ((data: T) => unknown) | undefined;
  /** The listener on the get's signal, if it has one (ABORT-1). */
  declare readonly listener: AbortListener<T> | undefined;

  constructor(
    watcher: MemoryWatcher<T>,
    cursor: Cursor<T>,
    resolve: (data: T) => void,
    reject: (reason: unknown) => void,
    signal: AbortSignal | undefined,
    accept: ((data: T) => unknown) | undefined,
  ) {
    this.watcher = watcher;
    this.cursor = cursor;
    this.resolve = resolve;
    this.reject = reject;
    this.accept = accept;
    this.listener = signal && new AbortListener(signal, this);
  }

  wake(settlements: Settlements): void {
    this.watcher.handOver(this, settlements);
  }
}

/**
 * The abort listener of a pending get (ABORT-1). A long-lived signal holds its listeners, so this
 * one holds the pending get only through a `WeakRef` (LIFE-3): the get, and through it the watcher
 * and the value's data, stay alive because the watcher or the value references them, not because
 * the signal does. If both were dropped and collected, nobody can see the watcher's state any
 * more, and all that is still owed is the rejection of the get's promise, for whoever holds it.
 */
class AbortListener<T> {
  readonly #pending: WeakRef<Waiting<T>>;
  readonly #reject: (reason: unknown) => void;

  constructor(
    readonly signal: AbortSignal,
    pending: Waiting<T>,
  ) {
    this.#pending = new WeakRef(pending);
    this.#reject = pending.reject;
    // Implements ABORT-1. The listener is removed whichever way the get settles (ABORT-5).
    signal.addEventListener('abort', this);
  }

  /** Leaves the signal, when the get settles (ABORT-5). */
  stop(): void {
    this.signal.removeEventListener('abort', this);
  }

  /** Called by the signal, as an EventTarget listener object: no closure per get. */
  handleEvent(): void {
    // An aborted signal never fires again; whatever follows, this listener is done (ABORT-5).
    this.stop();
    const pending = this.#pending.deref();
    if (pending === undefined) this.#reject(this.signal.reason);
    else pending.watcher.abort(pending, this.signal.reason);
  }
}

/** A get whose predicate is examining a version (PRED-5): pending, but on no waiting list. */
interface Judging<T> {
  readonly kind: 'judging';
  readonly waiting: Waiting<T>;
}

/**
 * A watcher's life. Only an open watcher has a cursor; only a waiting or judging one has a
 * pending get.
 */
type WatcherState<T> = { readonly kind: 'idle'; readonly cursor: Cursor<T> } | Waiting<T> | Judging<T> | { readonly kind: 'closed' };

/**
 * A watcher of a {@link MemoryValue}, made by its `watch()`. See {@link Watcher} for the
 * contract.
 *
 * @typeParam T - The data the value holds.
 */
export class MemoryWatcher<T> implements Watcher<T> {
  #state: WatcherState<T>;

  readonly #waiting: WaitingList;

  /** @internal Made by `MemoryValue.watch()` only. */
  constructor(cursor: Cursor<T>, waiting: WaitingList) {
    this.#state = { kind: 'idle', cursor };
    this.#waiting = waiting;
  }

  /**
   * See {@link Watcher.get}. With `accept`, versions the predicate rejects are consumed and
   * skipped (PRED-1 to PRED-7).
   *
   * @example
   * ```ts
   * import { MemoryValue } from 'event-value';
   *
   * const link = new MemoryValue<string>();
   * const watcher = link.watch();
   * const online = watcher.get({ accept: (status) => status === 'online' });
   * link.set('connecting'); // examined and skipped
   * link.set('online');
   * console.log(await online); // 'online'
   * ```
   */
  get(options?: MemoryGetOptions<T>): Promise<T> {
    const settings = parseGetOptions(options);
    // Implements ERR-3 and GET-7: invalid options are reported first, and change nothing.
    if (settings instanceof TypeError) return Promise.reject(settings);
    const state = this.#state;
    switch (state.kind) {
      case 'closed':
        // Implements CLOSE-3.
        return Promise.reject(new WatcherClosedError());
      case 'waiting':
      case 'judging':
        // Implements CONC-1 and CONC-2 (and PRED-5): refuse, and leave the pending get alone.
        return Promise.reject(new ConcurrentGetError());
      case 'idle': {
        const { signal, accept } = settings as { signal: AbortSignal | undefined; accept: MemoryGetOptions<T>['accept'] };
        // Implements ABORT-3 (and PRED-7): an aborted signal wins over an available version, and
        // consumes nothing.
        if (signal?.aborted === true) return Promise.reject(signal.reason);
        // A get with a predicate always starts pending: its predicate may reject what is at hand.
        if (accept !== undefined || !state.cursor.hasNext()) return this.#startPending(state.cursor, signal, accept);
        // Implements GET-5: a version is available, so the promise is resolved when returned.
        return Promise.resolve(receive(state.cursor));
      }
    }
  }

  close(): void {
    const state = this.#state;
    switch (state.kind) {
      case 'closed':
        // Implements CLOSE-1: closing again does nothing.
        return;
      case 'idle':
        return this.#closeWith(undefined, state.cursor);
      case 'waiting':
        return this.#closeWith(state);
      case 'judging':
        // PRED-6: the verdict of the running predicate will be ignored.
        return this.#closeWith(state.waiting);
    }
  }

  /**
   * Iterates the watcher: each step is one get, a closed watcher ends the loop, and leaving the
   * loop early closes the watcher (ITER-1 to ITER-4).
   *
   * @example
   * ```ts
   * import { MemoryValue } from 'event-value';
   *
   * const status = new MemoryValue<string>();
   * status.set('starting');
   * for await (const current of status.watch()) {
   *   console.log(current); // 'starting'
   *   break; // closes the watcher
   * }
   * ```
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return iterate(this);
  }

  /** Closes the watcher, for `using watcher = value.watch()` (DISPOSE-1). */
  [Symbol.dispose](): void {
    this.close();
  }

  /** → closed, rejecting the pending get if there is one; a pending get holds the cursor. */
  #closeWith(pending: Waiting<T> | undefined, cursor = (pending as Waiting<T>).cursor): void {
    const settlements = new Settlements();
    this.#state = { kind: 'closed' };
    if (pending !== undefined) {
      this.#stopWaiting(pending);
      // Implements CLOSE-2.
      settlements.add(pending.reject, new WatcherClosedError());
    }
    // Implements CLOSE-5 (after CLOSE-2, as ORDER-2 requires).
    cursor.release(settlements);
    settlements.settleAll();
  }

  /** idle → waiting, or (with a predicate and a version available) idle → judging. */
  #startPending(cursor: Cursor<T>, signal: AbortSignal | undefined, accept: MemoryGetOptions<T>['accept']): Promise<T> {
    let waiting: Waiting<T> | undefined;
    const promise = new Promise<T>((resolve, reject) => {
      waiting = new Waiting(this, cursor, resolve, reject, signal, accept);
    });
    // The executor ran synchronously, so the state exists.
    const pending = waiting as Waiting<T>;
    if (!cursor.hasNext()) {
      this.#wait(pending);
      return promise;
    }
    // Implements PRED-3: versions available at the call are examined inside get.
    const judging: Judging<T> = { kind: 'judging', waiting: pending };
    this.#state = judging;
    this.#judge(judging, receive(cursor));
    return promise;
  }

  /** → waiting: the get goes on the value's waiting list. */
  #wait(waiting: Waiting<T>): void {
    this.#state = waiting;
    this.#waiting.add(waiting);
  }

  /**
   * @internal waiting → idle (or → judging, with a predicate), when a set hands the pending get a
   * version (GET-6). Only a pending get is on the value's waiting list, so this runs only while
   * `waiting` is the current state.
   */
  handOver(waiting: Waiting<T>, settlements: Settlements): void {
    // ABORT-4, PRED-2: the version is consumed here, when it is handed over.
    const data = waiting.cursor.next(settlements);
    if (waiting.accept === undefined) {
      this.#idle(waiting);
      settlements.add(waiting.resolve, data);
      return;
    }
    // Implements PRED-3 and PRED-5: the predicate runs once the set has handed every waiting get
    // its version, as one of the set's settlements; until then the get is judging, so a set made
    // by another get's predicate does not hand it a second version.
    const judging: Judging<T> = { kind: 'judging', waiting };
    this.#state = judging;
    settlements.add((handed: T) => this.#judge(judging, handed), data);
  }

  /**
   * judging → idle, waiting, closed or judging the next version: the predicate examines `data`,
   * which is consumed already (PRED-2), and then each newer version available, until it accepts
   * one, throws, or nothing newer is left (PRED-1 to PRED-6).
   */
  #judge(judging: Judging<T>, examined: T): void {
    // PRED-6: another get's predicate, run earlier by the same set, may have closed this watcher.
    if (this.#state !== judging) return;
    const waiting = judging.waiting;
    const accept = waiting.accept as (data: T) => unknown;
    for (let data = examined; ; data = receive(waiting.cursor)) {
      let accepted: unknown;
      try {
        accepted = accept(data);
      } catch (error) {
        // Implements PRED-4, unless the predicate closed the watcher first (PRED-6).
        if (this.#state === judging) this.#settle(waiting, waiting.reject, error);
        return;
      }
      // Implements PRED-6: a close inside the predicate has settled the get already.
      if (this.#state !== judging) return;
      // Implements PRED-1.
      if (accepted) return this.#settle(waiting, waiting.resolve, data);
      // Implements PRED-6: an abort during the predicate counts once the version is rejected.
      const signal = waiting.listener?.signal;
      if (signal?.aborted === true) return this.#settle(waiting, waiting.reject, signal.reason);
      // Implements PRED-5: wait only when nothing newer is available.
      if (!waiting.cursor.hasNext()) return this.#wait(waiting);
    }
  }

  /** A pending get settles: → idle, then `settle(result)`. */
  #settle<R>(waiting: Waiting<T>, settle: (result: R) => void, result: R): void {
    this.#idle(waiting);
    settle(result);
  }

  /** → idle, once the pending get is answered: off the waiting list and the signal. */
  #idle(waiting: Waiting<T>): void {
    this.#state = { kind: 'idle', cursor: waiting.cursor };
    this.#stopWaiting(waiting);
  }

  /** @internal waiting → idle, when the get's signal aborts (ABORT-1, ABORT-2). */
  abort(waiting: Waiting<T>, reason: unknown): void {
    // RE-2: another listener of the signal may have settled this get (and even started another)
    // before this one ran; then the abort changes nothing (ABORT-4).
    // A judging get ignores the abort until its predicate has given its verdict (PRED-6).
    if (this.#state !== waiting) return;
    this.#settle(waiting, waiting.reject, reason);
  }

  /** Leaves the value's waiting list and the signal, when a pending get settles (ABORT-5). */
  #stopWaiting(waiting: Waiting<T>): void {
    this.#waiting.remove(waiting);
    waiting.listener?.stop();
  }
}

/**
 * Receives the next version now (GET-5, PRED-3): sync-mode sets this receipt completes settle
 * before the caller settles the get, as ORDER-2 requires.
 */
function receive<T>(cursor: Cursor<T>): T {
  const settlements = new Settlements();
  const data = cursor.next(settlements);
  settlements.settleAll();
  return data;
}
