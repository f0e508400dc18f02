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
 * The state is a tag, and the waiting state's data (the pending get's resolving functions, its
 * abort listener, its place in the value's waiting list) lives in fields of the watcher that only
 * the transitions into and out of `waiting` write: {@link MemoryWatcher} sets them all when it
 * starts waiting and clears them all when it stops. So a fan-out allocates nothing per delivery
 * but the promise, and an idle watcher is one object. The cursor (the version received last) is
 * the watcher's too, in the subclass of its mode: `LatestWatcher` (async, `latest-store.ts`) and
 * `LogWatcher` (sync, `log-store.ts`).
 *
 * The idioms (`for await`, `using`, `waitFor`) are not states: they come from
 * {@link IdiomaticWatcher}, written once over `get` and `close` for every implementation.
 *
 * @module
 */

import { ConcurrentGetError, WatcherClosedError } from './errors.js';
import { IdiomaticWatcher } from './idioms/idiomatic-watcher.js';
import { parseSignalOptions } from './options.js';
import type { GetOptions } from './types.js';
import type { WaitingList } from './waiting-list.js';

/** A watcher's life: the tag of its state. */
type State = 'idle' | 'waiting' | 'closed';

/**
 * The abort listener of a pending get (ABORT-1). A long-lived signal holds its listeners, so this
 * one holds its watcher only through a `WeakRef` (LIFE-3): the watcher, and through it the value's
 * data, stay alive because the value's waiting list or the user references them, not because the
 * signal does. If the watcher was dropped and collected, nobody can see its state any more, and
 * all that is still owed is the rejection of the get's promise, for whoever holds it.
 */
class AbortListener {
  readonly #watcher: WeakRef<MemoryWatcher<never>>;
  /** The get's reject function: it settles the promise, and it names the get (see `abort`). */
  readonly #reject: (reason: unknown) => void;

  constructor(
    readonly signal: AbortSignal,
    watcher: MemoryWatcher<never>,
    reject: (reason: unknown) => void,
  ) {
    this.#watcher = new WeakRef(watcher);
    this.#reject = reject;
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
    const watcher = this.#watcher.deref();
    if (watcher === undefined) this.#reject(this.signal.reason);
    else abort(watcher, this.#reject, this.signal.reason);
  }
}

/** The watcher whose waiting get is making its promise, while {@link capture} runs; see there. */
let capturing: MemoryWatcher<never> | undefined;

/**
 * The executor of a waiting get's promise: it stores the promise's resolving functions straight
 * into the watcher that {@link capturing} names, so that a get that waits makes no closure. The
 * executor runs synchronously inside `new Promise`, so nothing can come between the naming of the
 * watcher and the storing. Measured in the fan-out: a closure per get took about a sixth more
 * time than a shared executor, and a shared executor that handed the functions over through two
 * variables about a twentieth more than this one, which stores each function once (a function
 * made by the get, stored into a long-lived watcher, costs V8's garbage collector a note each
 * time).
 *
 * Defined inside {@link MemoryWatcher}, which alone may write a watcher's fields.
 */
let capture: (resolve: (data: never) => void, reject: (reason: unknown) => void) => void;

/** The gets a `set` handed over but did not resolve yet, because that can run user code (ORDER-1). */
export type Deferred = readonly ((data: unknown) => void)[];

/**
 * @internal waiting → idle, for every watcher a `set` took off the waiting list, oldest first
 * (GET-6): its cursor moves onto the version just set (ABORT-4: it is consumed now) and its abort
 * listener leaves. Every woken get had nothing newer than its cursor, so in either mode the
 * version it receives is the one just set, and `data` is its data.
 *
 * Resolving with data can run user code (a `then` getter on an object), which must never see a
 * half-made change (ORDER-1). So for data that is an object or a function the resolutions are put
 * off: their functions are returned, and the caller calls {@link deliver} once every state change
 * of its call is made. Other data cannot run user code, so each get is resolved as it is handed
 * over, which spares the second pass.
 *
 * Defined inside {@link MemoryWatcher}, which alone may change a watcher's state.
 */
export let handOver: (first: MemoryWatcher<never>, data: unknown) => Deferred | undefined;

/** @internal Resolves the gets {@link handOver} put off, in the same order, with `data`. */
export function deliver(deferred: Deferred, data: unknown): void {
  for (const resolve of deferred) resolve(data);
}

/** waiting → idle, when the get's signal aborts (ABORT-1, ABORT-2); see {@link MemoryWatcher}. */
let abort: (watcher: MemoryWatcher<never>, reject: (reason: unknown) => void, reason: unknown) => void;

/**
 * A watcher of a {@link MemoryValue}, made by its `watch()`. See {@link WatcherCore} for the
 * contract of `get` and `close`, and {@link IdiomaticWatcher} for the idioms.
 *
 * @typeParam T - The data the value holds.
 */
export abstract class MemoryWatcher<T> extends IdiomaticWatcher<T> {
  #state: State;
  // The waiting state's data: set by #wait, cleared by #stopWaiting, undefined in other states.
  #resolve: ((data: T) => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  #listener: AbortListener | undefined;
  /** The watchers that began waiting just before and just after this one (GET-6). */
  #previous: MemoryWatcher<never> | undefined;
  #next: MemoryWatcher<never> | undefined;

  /** @internal Made by the subclass of a mode. */
  constructor() {
    super();
    // Assigned here rather than by field initializers, which V8 runs as a separate step.
    this.#state = 'idle';
    this.#resolve = undefined;
    this.#reject = undefined;
    this.#listener = undefined;
    this.#previous = undefined;
    this.#next = undefined;
  }

  /** @internal The value's waiting list. */
  protected abstract list(): WaitingList;

  /** @internal Whether a version this watcher may receive exists now (GET-3, GET-5). */
  protected abstract hasNext(): boolean;

  /**
   * @internal Receives the next version now and moves past it; only when {@link hasNext} is
   * true. Sync-mode sets whose audience this completes are resolved first (SYNC-2, ORDER-2).
   */
  protected abstract receive(): T;

  /**
   * @internal Moves past the version a `set` just made, for a watcher whose get was waiting
   * (GET-6). It resolves nothing: the new version's promise does not exist yet, and older ones
   * are settled already.
   */
  protected abstract take(): void;

  /** @internal Gives up the cursor when the watcher closes; in sync mode this releases sets (CLOSE-5). */
  protected abstract release(): void;

  /** See {@link WatcherCore.get}. */
  get(options?: GetOptions): Promise<T> {
    let signal: AbortSignal | undefined;
    if (options !== undefined) {
      const parsed = parseSignalOptions('Watcher.get', options);
      // Implements ERR-3 and GET-7: invalid options are reported first, and change nothing.
      if (parsed instanceof TypeError) return Promise.reject(parsed);
      signal = parsed;
    }
    // The idle case first: a switch tests its cases in order, and a get is usually made idle.
    switch (this.#state) {
      case 'idle':
        // Implements ABORT-3: an aborted signal wins over an available version, and consumes
        // nothing.
        if (signal?.aborted === true) return Promise.reject(signal.reason);
        // Implements GET-5: a version is available, so the promise is resolved when returned.
        // Resolving with data comes last, after every state change (ORDER-1, ORDER-2).
        if (this.hasNext()) return Promise.resolve(this.receive());
        return MemoryWatcher.#wait(this, signal);
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
    switch (this.#state) {
      case 'closed':
        // Implements CLOSE-1: closing again does nothing.
        return;
      case 'idle':
        this.#state = 'closed';
        // Implements CLOSE-5.
        return this.release();
      case 'waiting': {
        const reject = this.#reject as (reason: unknown) => void;
        MemoryWatcher.#stopWaiting(this);
        this.#state = 'closed';
        // Implements CLOSE-2, then CLOSE-5, in the order ORDER-2 requires.
        reject(new WatcherClosedError());
        return this.release();
      }
    }
  }

  // The transitions below are static rather than instance methods: a class with private instance
  // methods gives each of its objects a hidden field (its brand), 8 bytes per watcher.

  /** idle → waiting: the get goes on the value's waiting list, last (GET-6). */
  static #wait<T>(watcher: MemoryWatcher<T>, signal: AbortSignal | undefined): Promise<T> {
    const self = watcher as unknown as MemoryWatcher<never>;
    capturing = self;
    const promise = new Promise<T>(capture);
    // Not left naming the watcher, which would keep it alive after its user dropped it (LIFE-1).
    capturing = undefined;
    watcher.#state = 'waiting';
    watcher.#listener = signal && new AbortListener(signal, self, watcher.#reject as (reason: unknown) => void);
    const list = watcher.list();
    const last = list.last;
    watcher.#previous = last;
    if (last === undefined) list.first = self;
    else last.#next = self;
    list.last = self;
    return promise;
  }

  /**
   * waiting → idle, the part every way out of `waiting` shares: the get's data is cleared, it
   * leaves the signal (ABORT-5) and, if still on it, the value's waiting list.
   */
  static #stopWaiting<T>(watcher: MemoryWatcher<T>): void {
    watcher.#state = 'idle';
    watcher.#resolve = undefined;
    watcher.#reject = undefined;
    watcher.#listener?.stop();
    watcher.#listener = undefined;
    const previous = watcher.#previous;
    const next = watcher.#next;
    const list = watcher.list();
    if (previous === undefined) list.first = next;
    else previous.#next = next;
    if (next === undefined) list.last = previous;
    else next.#previous = previous;
    watcher.#previous = watcher.#next = undefined;
  }

  static {
    capture = (resolve, reject) => {
      const watcher = capturing as MemoryWatcher<never>;
      watcher.#resolve = resolve;
      watcher.#reject = reject;
    };

    handOver = (first, data) => {
      // Only an object or a function, the values equal to their own Object(), can carry a getter.
      // Stryker disable next-line ConditionalExpression: its `true` mutant defers primitive data too, which is only slower (resolving with a primitive runs no user code, so no test can tell); its `false` mutant resolves at once an object with a `then` getter, which test/reentrancy.test.ts catches (checked by hand).
      const deferred: ((data: unknown) => void)[] | undefined = Object(data) === data ? [] : undefined;
      for (let watcher: MemoryWatcher<never> | undefined = first; watcher !== undefined; ) {
        // The list was taken whole, so its links only say who comes next.
        const next: MemoryWatcher<never> | undefined = watcher.#next;
        watcher.#previous = watcher.#next = undefined;
        const resolve = watcher.#resolve as (data: unknown) => void;
        watcher.#state = 'idle';
        watcher.#resolve = undefined;
        watcher.#reject = undefined;
        watcher.#listener?.stop();
        watcher.#listener = undefined;
        watcher.take();
        if (deferred === undefined) resolve(data);
        else deferred.push(resolve);
        watcher = next;
      }
      return deferred;
    };

    abort = (watcher, reject, reason) => {
      // RE-2: another listener of the signal may have settled this get (and even started another)
      // before this one ran; then the abort changes nothing (ABORT-4). A get is known by its
      // reject function, which no other get shares.
      // A watcher that is not waiting holds no reject function at all.
      if (watcher.#reject !== reject) return;
      MemoryWatcher.#stopWaiting(watcher);
      reject(reason);
    };
  }
}
