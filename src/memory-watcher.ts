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
 * The idioms (`for await`, `using`, `waitFor`) are not states: they come from
 * {@link IdiomaticWatcher}, written once over `get` and `close` for every implementation.
 *
 * @module
 */

import { ConcurrentGetError, WatcherClosedError } from './errors.js';
import { IdiomaticWatcher } from './idioms/idiomatic-watcher.js';
import { parseGetOptions } from './options.js';
import { Settlements } from './settlements.js';
import type { Cursor } from './store.js';
import type { GetOptions } from './types.js';
import type { WaitingList, Waiter } from './waiting-list.js';

/**
 * The state of a watcher whose get is pending: the get it owes an answer to. It is also what the
 * value's waiting list holds (a {@link Waiter}), from the moment the get begins waiting until it
 * settles, so a `set` can only ever wake a get that is still pending. A class rather than an
 * object of closures, so that a waiting get costs one small object, plus an {@link AbortListener}
 * and its `WeakRef` when the get has a signal.
 */
class Waiting<T> implements Waiter {
  readonly kind = 'waiting' as const;
  // Declared rather than written as parameter properties, so that the compiled class does not
  // declare each field a second time (the core has a size budget).
  declare readonly watcher: MemoryWatcher<T>;
  declare readonly cursor: Cursor<T>;
  declare readonly resolve: (data: T) => void;
  declare readonly reject: (reason: unknown) => void;
  /** The listener on the get's signal, if it has one (ABORT-1). */
  declare readonly listener: AbortListener<T> | undefined;

  constructor(watcher: MemoryWatcher<T>, cursor: Cursor<T>, resolve: (data: T) => void, reject: (reason: unknown) => void, signal: AbortSignal | undefined) {
    this.watcher = watcher;
    this.cursor = cursor;
    this.resolve = resolve;
    this.reject = reject;
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

/** A watcher's life. Only an open watcher has a cursor; only a waiting one has a pending get. */
type WatcherState<T> = { readonly kind: 'idle'; readonly cursor: Cursor<T> } | Waiting<T> | { readonly kind: 'closed' };

/**
 * A watcher of a {@link MemoryValue}, made by its `watch()`. See {@link WatcherCore} for the
 * contract of `get` and `close`, and {@link IdiomaticWatcher} for the idioms.
 *
 * @typeParam T - The data the value holds.
 */
export class MemoryWatcher<T> extends IdiomaticWatcher<T> {
  #state: WatcherState<T>;

  readonly #waiting: WaitingList;

  /** @internal Made by `MemoryValue.watch()` only. */
  constructor(cursor: Cursor<T>, waiting: WaitingList) {
    super();
    this.#state = { kind: 'idle', cursor };
    this.#waiting = waiting;
  }

  /** See {@link WatcherCore.get}. */
  get(options?: GetOptions): Promise<T> {
    const signal = parseGetOptions(options);
    // Implements ERR-3 and GET-7: invalid options are reported first, and change nothing.
    if (signal instanceof TypeError) return Promise.reject(signal);
    const state = this.#state;
    switch (state.kind) {
      case 'closed':
        // Implements CLOSE-3.
        return Promise.reject(new WatcherClosedError());
      case 'waiting':
        // Implements CONC-1 and CONC-2: refuse, and leave the pending get alone.
        return Promise.reject(new ConcurrentGetError());
      case 'idle':
        // Implements ABORT-3: an aborted signal wins over an available version, and consumes
        // nothing.
        if (signal?.aborted === true) return Promise.reject(signal.reason);
        if (!state.cursor.hasNext()) return this.#wait(state.cursor, signal);
        // Implements GET-5: a version is available, so the promise is resolved when returned.
        return Promise.resolve(receive(state.cursor));
    }
  }

  /** See {@link WatcherCore.close}. */
  close(): void {
    const state = this.#state;
    switch (state.kind) {
      case 'closed':
        // Implements CLOSE-1: closing again does nothing.
        return;
      case 'idle':
        return this.#closeWith(undefined, state.cursor);
      case 'waiting':
        return this.#closeWith(state, state.cursor);
    }
  }

  /** → closed, rejecting the pending get if there is one. */
  #closeWith(pending: Waiting<T> | undefined, cursor: Cursor<T>): void {
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

  /** idle → waiting: the get goes on the value's waiting list. */
  #wait(cursor: Cursor<T>, signal: AbortSignal | undefined): Promise<T> {
    let waiting: Waiting<T> | undefined;
    const promise = new Promise<T>((resolve, reject) => {
      waiting = new Waiting(this, cursor, resolve, reject, signal);
    });
    // The executor ran synchronously, so the state exists.
    this.#state = waiting as Waiting<T>;
    this.#waiting.add(waiting as Waiting<T>);
    return promise;
  }

  /**
   * @internal waiting → idle, when a set hands the pending get a version (GET-6). Only a pending
   * get is on the value's waiting list, so this runs only while `waiting` is the current state.
   */
  handOver(waiting: Waiting<T>, settlements: Settlements): void {
    // ABORT-4: the version is consumed here, when it is handed over.
    const data = waiting.cursor.next(settlements);
    this.#idle(waiting);
    settlements.add(waiting.resolve, data);
  }

  /** @internal waiting → idle, when the get's signal aborts (ABORT-1, ABORT-2). */
  abort(waiting: Waiting<T>, reason: unknown): void {
    // RE-2: another listener of the signal may have settled this get (and even started another)
    // before this one ran; then the abort changes nothing (ABORT-4).
    if (this.#state !== waiting) return;
    this.#idle(waiting);
    waiting.reject(reason);
  }

  /** → idle, once the pending get is answered: off the waiting list and the signal. */
  #idle(waiting: Waiting<T>): void {
    this.#state = { kind: 'idle', cursor: waiting.cursor };
    this.#stopWaiting(waiting);
  }

  /** Leaves the value's waiting list and the signal, when a pending get settles (ABORT-5). */
  #stopWaiting(waiting: Waiting<T>): void {
    this.#waiting.remove(waiting);
    waiting.listener?.stop();
  }
}

/**
 * Receives the next version now (GET-5): sync-mode sets this receipt completes settle before the
 * caller settles the get, as ORDER-2 requires.
 */
function receive<T>(cursor: Cursor<T>): T {
  const settlements = new Settlements();
  const data = cursor.next(settlements);
  settlements.settleAll();
  return data;
}
