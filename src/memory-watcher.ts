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
import type { WaitingList } from './waiting-list.js';

/** The state of a closed watcher: nothing is left, not even its cursor. */
const CLOSED = Object.freeze({ kind: 'closed' as const });

/** A watcher's life: idle (its cursor), waiting (a pending get), or closed. */
type WatcherState<T> = Cursor<T> | Waiting<T> | typeof CLOSED;

/**
 * The state of a watcher whose get is pending: the get it owes an answer to, and the cursor it
 * will go on from. A `set` reaches it through the waiting watcher, which the value's waiting list
 * holds while the get waits.
 */
class Waiting<T> {
  // Declared, and assigned in the constructor rather than by field initializers, which V8 runs as
  // a separate step: a get that waits is on the hot path of every fan-out.
  declare readonly kind: 'waiting';
  declare readonly watcher: MemoryWatcher<T>;
  declare readonly cursor: Cursor<T>;
  declare readonly resolve: (data: T) => void;
  declare readonly reject: (reason: unknown) => void;
  /** The listener on the get's signal, if it has one (ABORT-1). */
  declare readonly listener: AbortListener<T> | undefined;
  /** The next get a `set` handed over, while their resolutions wait for the set's end (ORDER-1). */
  declare next: Waiting<T> | undefined;

  constructor(watcher: MemoryWatcher<T>, cursor: Cursor<T>, resolve: (data: T) => void, reject: (reason: unknown) => void, signal: AbortSignal | undefined) {
    this.watcher = watcher;
    this.cursor = cursor;
    this.resolve = resolve;
    this.reject = reject;
    this.listener = signal && new AbortListener(signal, this);
    this.next = undefined;
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

let capturedResolve: ((data: never) => void) | undefined;
let capturedReject: ((reason: unknown) => void) | undefined;
function capture(resolve: (data: never) => void, reject: (reason: unknown) => void): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/** A resolution a set put off to its end, because it can run user code (ORDER-1). */
export type Deferred = Waiting<unknown>;

/**
 * @internal waiting → idle, for every watcher a `set` took off the waiting list, oldest first
 * (GET-6): its cursor moves onto the version just set (ABORT-4: it is consumed now) and its abort
 * listener leaves. Every woken get had nothing newer than its cursor, so in either mode the
 * version it receives is the one just set, and `data` is its data.
 *
 * Resolving with data can run user code (a `then` getter on an object), which must never see a
 * half-made change (ORDER-1). So for data that is an object or a function the resolutions are put
 * off: the chain of gets to resolve is returned, and the caller resolves them with
 * {@link deliver} once every state change of its call is made. Other data cannot run user code,
 * so each get is resolved as it is handed over, which spares the second pass.
 *
 * Defined inside {@link MemoryWatcher}, which alone may change a watcher's state.
 */
export let handOver: (first: MemoryWatcher<never>, data: unknown) => Deferred | undefined;

/** @internal Resolves the gets {@link handOver} put off, in the same order, with `data`. */
export let deliver: (chain: Deferred, data: unknown) => void;

/** @internal Puts a waiting watcher at the end of the list (GET-6); see {@link MemoryWatcher}. */
let join: (list: WaitingList, watcher: MemoryWatcher<never>) => void;

/** @internal Takes a watcher off the list, when its get settles otherwise (abort, close). */
let leave: (list: WaitingList, watcher: MemoryWatcher<never>) => void;

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
  /** While waiting: the watchers that began waiting just before and just after this one. */
  #previous: MemoryWatcher<never> | undefined;
  #next: MemoryWatcher<never> | undefined;

  /** @internal Made by `MemoryValue.watch()` only. */
  constructor(cursor: Cursor<T>) {
    super();
    this.#state = cursor;
    this.#previous = undefined;
    this.#next = undefined;
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
    // The idle case first: a switch tests its cases in order, and a get is usually made idle.
    switch (state.kind) {
      case 'idle':
        // Implements ABORT-3: an aborted signal wins over an available version, and consumes
        // nothing.
        if (signal?.aborted === true) return Promise.reject(signal.reason);
        // Implements GET-5: a version is available, so the promise is resolved when returned.
        // Resolving with data comes last, after every state change (ORDER-1, ORDER-2).
        if (state.hasNext()) return Promise.resolve(state.next());
        return this.#wait(state, signal);
      case 'closed':
        // Implements CLOSE-3.
        return Promise.reject(new WatcherClosedError());
      case 'waiting':
        // Implements CONC-1 and CONC-2: refuse, and leave the pending get alone.
        return Promise.reject(new ConcurrentGetError());
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
        leave(state.cursor.store.waiting, this as unknown as MemoryWatcher<never>);
        state.listener?.stop();
        // Implements CLOSE-2, then CLOSE-5, in the order ORDER-2 requires.
        state.reject(new WatcherClosedError());
        return state.cursor.release();
    }
  }

  /** idle → waiting: the get goes on the value's waiting list. */
  #wait(cursor: Cursor<T>, signal: AbortSignal | undefined): Promise<T> {
    const promise = new Promise<T>(capture);
    const waiting = new Waiting(this, cursor, capturedResolve as (data: T) => void, capturedReject as (reason: unknown) => void, signal);
    capturedResolve = capturedReject = undefined;
    // The executor ran synchronously, so the state exists. (Handing the resolving functions out
    // through module variables instead of a closure was measured: a third more instructions.)
    this.#state = waiting as Waiting<T>;
    join(cursor.store.waiting, this as unknown as MemoryWatcher<never>);
    return promise;
  }

  static {
    handOver = (first, data) => {
      const deferring = (typeof data === 'object' && data !== null) || typeof data === 'function';
      let chain: Deferred | undefined;
      let last: Deferred | undefined;
      for (let watcher: MemoryWatcher<never> | undefined = first; watcher !== undefined; ) {
        const next: MemoryWatcher<never> | undefined = watcher.#next;
        watcher.#previous = watcher.#next = undefined;
        const waiting = watcher.#state as unknown as Deferred;
        watcher.#state = waiting.cursor as Cursor<never>;
        waiting.cursor.take();
        waiting.listener?.stop();
        if (!deferring) waiting.resolve(data);
        else if (last === undefined) chain = last = waiting;
        else last = last.next = waiting;
        watcher = next;
      }
      return chain;
    };

    deliver = (chain, data) => {
      for (let waiting: Deferred | undefined = chain; waiting !== undefined; ) {
        const next: Deferred | undefined = waiting.next;
        waiting.next = undefined;
        waiting.resolve(data);
        waiting = next;
      }
    };

    join = (list, watcher) => {
      const last = list.last;
      watcher.#previous = last;
      if (last === undefined) list.first = watcher;
      else last.#next = watcher;
      list.last = watcher;
    };

    leave = (list, watcher) => {
      const previous = watcher.#previous;
      const next = watcher.#next;
      if (previous === undefined) list.first = next;
      else previous.#next = next;
      if (next === undefined) list.last = previous;
      else next.#previous = previous;
      watcher.#previous = watcher.#next = undefined;
    };

    abort = <T>(waiting: Waiting<T>, reason: unknown): void => {
      // RE-2: another listener of the signal may have settled this get (and even started another)
      // before this one ran; then the abort changes nothing (ABORT-4).
      const watcher = waiting.watcher;
      if (watcher.#state !== waiting) return;
      watcher.#state = waiting.cursor;
      leave(waiting.cursor.store.waiting, watcher as unknown as MemoryWatcher<never>);
      waiting.reject(reason);
    };
  }
}
