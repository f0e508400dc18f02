/**
 * The watcher of a {@link MemoryValue}: a state machine of three states. Every transition is one
 * small function below, and every `switch` names every state, so a new state cannot be forgotten.
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
 * An idle watcher's state is its cursor, the one thing it has; a waiting one's is its pending
 * get, which holds the cursor; a closed one has nothing. So a watcher is one object and its
 * cursor, and a get that waits allocates one object besides its promise.
 *
 * The idioms (`for await`, `using`, `waitFor`) are not states: they come from
 * {@link IdiomaticWatcher}, written once over `get` and `close` for every implementation.
 *
 * @module
 */

import { ConcurrentGetError, WatcherClosedError } from './errors.js';
import { IdiomaticWatcher } from './idioms/idiomatic-watcher.js';
import { parseSignalOptions } from './options.js';
import type { Cursor } from './store.js';
import type { GetOptions } from './types.js';
import type { Waiter } from './waiting-list.js';

/** The state of a closed watcher: nothing is left, not even its cursor. */
const CLOSED = Object.freeze({ kind: 'closed' as const });

/** A watcher's life: idle (its cursor), waiting (a pending get), or closed. */
type WatcherState<T> = Cursor<T> | Waiting<T> | typeof CLOSED;

/**
 * The state of a watcher whose get is pending: the get it owes an answer to. It is also what the
 * value's waiting list holds, from the moment the get begins waiting until it settles, so a `set`
 * can only ever wake a get that is still pending.
 */
class Waiting<T> implements Waiter {
  // Declared, and assigned in the constructor rather than by field initializers, which V8 runs as
  // a separate step: a get that waits is on the hot path of every fan-out.
  declare readonly kind: 'waiting';
  declare previous: Waiter | undefined;
  declare next: Waiter | undefined;
  declare readonly watcher: MemoryWatcher<T>;
  declare readonly cursor: Cursor<T>;
  declare readonly resolve: (data: T) => void;
  declare readonly reject: (reason: unknown) => void;
  /** The listener on the get's signal, if it has one (ABORT-1). */
  declare readonly listener: AbortListener<T> | undefined;

  constructor(watcher: MemoryWatcher<T>, cursor: Cursor<T>, resolve: (data: T) => void, reject: (reason: unknown) => void, signal: AbortSignal | undefined) {
    this.previous = undefined;
    this.next = undefined;
    this.watcher = watcher;
    this.cursor = cursor;
    this.resolve = resolve;
    this.reject = reject;
    this.listener = signal && new AbortListener(signal, this);
  }
}
// The kind is the same for every waiting state, so it lives on the prototype, not in each object.
(Waiting.prototype as { kind: 'waiting' }).kind = 'waiting';

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
    else abort(pending, this.signal.reason);
  }
}

/**
 * @internal waiting → idle, for every get a `set` took off the waiting list, oldest first (GET-6): each
 * get's cursor moves onto the version just set (ABORT-4: it is consumed now) and its abort
 * listener leaves. Every woken get had nothing newer than its cursor, so in either mode the
 * version it receives is the one just set. Defined inside {@link MemoryWatcher}, which alone may
 * change a watcher's state.
 */
export let handOver: (first: Waiter) => void;

/**
 * @internal Resolves every get {@link handOver} moved with `data`, in the same order. Resolving with data
 * can run user code (a `then` getter on the data), so the caller does this last, once every state
 * change of its call is made (ORDER-1).
 */
export let deliver: <T>(first: Waiter, data: T) => void;

/** waiting → idle, when the get's signal aborts (ABORT-1, ABORT-2); see {@link MemoryWatcher}. */
let abort: <T>(waiting: Waiting<T>, reason: unknown) => void;

/**
 * A watcher of a {@link MemoryValue}, made by its `watch()`. See {@link WatcherCore} for the
 * contract of `get` and `close`, and {@link IdiomaticWatcher} for the idioms.
 *
 * @typeParam T - The data the value holds.
 */
export class MemoryWatcher<T> extends IdiomaticWatcher<T> {
  #state: WatcherState<T>;

  /** @internal Made by `MemoryValue.watch()` only. */
  constructor(cursor: Cursor<T>) {
    super();
    this.#state = cursor;
  }

  /** See {@link WatcherCore.get}. */
  get(options?: GetOptions): Promise<T> {
    let signal: AbortSignal | undefined;
    if (options !== undefined) {
      const parsed = parseSignalOptions('Watcher.get', options);
      // Implements ERR-3 and GET-7: invalid options are reported first, and change nothing.
      if (parsed instanceof TypeError) return Promise.reject(parsed);
      signal = parsed;
    }
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
        // Implements GET-5: a version is available, so the promise is resolved when returned.
        // Resolving with data comes last, after every state change (ORDER-1, ORDER-2).
        if (state.hasNext()) return Promise.resolve(state.next());
        return this.#wait(state, signal);
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
        this.#state = CLOSED;
        // Implements CLOSE-5.
        return state.release();
      case 'waiting':
        this.#state = CLOSED;
        state.cursor.store.waiting.remove(state);
        state.listener?.stop();
        // Implements CLOSE-2, then CLOSE-5, in the order ORDER-2 requires.
        state.reject(new WatcherClosedError());
        return state.cursor.release();
    }
  }

  /** idle → waiting: the get goes on the value's waiting list. */
  #wait(cursor: Cursor<T>, signal: AbortSignal | undefined): Promise<T> {
    let waiting: Waiting<T> | undefined;
    const promise = new Promise<T>((resolve, reject) => {
      waiting = new Waiting(this, cursor, resolve, reject, signal);
    });
    // The executor ran synchronously, so the state exists. (Handing the resolving functions out
    // through module variables instead of a closure was measured: a third more instructions.)
    this.#state = waiting as Waiting<T>;
    cursor.store.waiting.add(waiting as Waiting<T>);
    return promise;
  }

  static {
    handOver = (first: Waiter): void => {
      for (let waiter: Waiter | undefined = first; waiter !== undefined; waiter = waiter.next) {
        const waiting = waiter as Waiting<unknown>;
        waiting.watcher.#state = waiting.cursor;
        waiting.cursor.take();
        waiting.listener?.stop();
      }
    };

    deliver = <T>(first: Waiter, data: T): void => {
      for (let waiter: Waiter | undefined = first; waiter !== undefined; ) {
        const next: Waiter | undefined = waiter.next;
        waiter.next = undefined;
        (waiter as Waiting<T>).resolve(data);
        waiter = next;
      }
    };

    abort = <T>(waiting: Waiting<T>, reason: unknown): void => {
      // RE-2: another listener of the signal may have settled this get (and even started another)
      // before this one ran; then the abort changes nothing (ABORT-4).
      const watcher = waiting.watcher;
      if (watcher.#state !== waiting) return;
      watcher.#state = waiting.cursor;
      waiting.cursor.store.waiting.remove(waiting);
      waiting.reject(reason);
    };
  }
}
