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
 * @module
 */

import { ConcurrentGetError, WatcherClosedError } from './errors.js';
import { iterate } from './iteration.js';
import { parseGetOptions } from './options.js';
import { Settlements } from './settlements.js';
import type { Cursor } from './store.js';
import type { GetOptions, Watcher } from './types.js';
import type { WaitingList, Waiter } from './waiting-list.js';

/**
 * The state of a watcher whose get is pending: the get it owes an answer to. It is also what the
 * value's waiting list holds (a {@link Waiter}), from the moment the get begins waiting until it
 * settles, so a `set` can only ever wake a get that is still pending. A class rather than an
 * object of closures, so that a waiting get costs one small object.
 */
class Waiting<T> implements Waiter {
  readonly kind = 'waiting' as const;

  constructor(
    private readonly watcher: MemoryWatcher<T>,
    readonly cursor: Cursor<T>,
    readonly resolve: (data: T) => void,
    readonly reject: (reason: unknown) => void,
    readonly signal: AbortSignal | undefined,
  ) {}

  wake(settlements: Settlements): void {
    this.watcher.handOver(this, settlements);
  }

  /**
   * The abort listener (ABORT-1): the state itself is registered on the signal, as an
   * EventTarget listener object, so a get with a signal needs no closure either.
   */
  handleEvent(): void {
    this.watcher.abort(this);
  }
}

/** A watcher's life. Only an open watcher has a cursor; only a waiting one has a pending get. */
type WatcherState<T> = { readonly kind: 'idle'; readonly cursor: Cursor<T> } | Waiting<T> | { readonly kind: 'closed' };

/**
 * A watcher of a {@link MemoryValue}, made by its `watch()`. See {@link Watcher} for the
 * contract.
 *
 * @typeParam T - The data the value holds.
 */
export class MemoryWatcher<T> implements Watcher<T> {
  private state: WatcherState<T>;

  /** @internal Made by `MemoryValue.watch()` only. */
  constructor(
    cursor: Cursor<T>,
    private readonly waiting: WaitingList,
  ) {
    this.state = { kind: 'idle', cursor };
  }

  get(options?: GetOptions): Promise<T> {
    const settings = parseGetOptions(options);
    // Implements ERR-3 and GET-7: invalid options are reported first, and change nothing.
    if (settings instanceof TypeError) return Promise.reject(settings);
    const state = this.state;
    switch (state.kind) {
      case 'closed':
        // Implements CLOSE-3.
        return Promise.reject(new WatcherClosedError());
      case 'waiting':
        // Implements CONC-1 and CONC-2: refuse, and leave the pending get alone.
        return Promise.reject(new ConcurrentGetError());
      case 'idle':
        return this.getWhileIdle(state.cursor, settings.signal);
    }
  }

  close(): void {
    const state = this.state;
    const settlements = new Settlements();
    switch (state.kind) {
      case 'closed':
        // Implements CLOSE-1: closing again does nothing.
        return;
      case 'idle':
        this.state = { kind: 'closed' };
        break;
      case 'waiting':
        this.state = { kind: 'closed' };
        this.stopWaiting(state);
        // Implements CLOSE-2.
        settlements.add(state.reject, new WatcherClosedError());
        break;
    }
    // Implements CLOSE-5 (after CLOSE-2, as ORDER-2 requires).
    state.cursor.release(settlements);
    settlements.settleAll();
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

  /** The get of an idle watcher: answer now, refuse an aborted signal, or start waiting. */
  private getWhileIdle(cursor: Cursor<T>, signal: AbortSignal | undefined): Promise<T> {
    // Implements ABORT-3: an aborted signal wins over an available version, and consumes nothing.
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    if (!cursor.hasNext()) return this.startWaiting(cursor, signal);
    // Implements GET-5: a version is available, so the promise is resolved when returned.
    const settlements = new Settlements();
    const data = cursor.next(settlements);
    // Implements ORDER-2: sets this receipt completes settle before the get's own promise, which
    // is only created afterwards.
    settlements.settleAll();
    return Promise.resolve(data);
  }

  /** idle → waiting. */
  private startWaiting(cursor: Cursor<T>, signal: AbortSignal | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiting = new Waiting(this, cursor, resolve, reject, signal);
      this.state = waiting;
      this.waiting.add(waiting);
      // Implements ABORT-1. The listener is removed whichever way the get settles (ABORT-5).
      signal?.addEventListener('abort', waiting);
    });
  }

  /**
   * @internal waiting → idle, when a set hands the pending get a version (GET-6). Only a pending
   * get is on the value's waiting list, so this runs only while `waiting` is the current state.
   */
  handOver(waiting: Waiting<T>, settlements: Settlements): void {
    this.state = { kind: 'idle', cursor: waiting.cursor };
    this.stopWaiting(waiting);
    // ABORT-4: the version is consumed here, together with the resolution, never apart.
    settlements.add(waiting.resolve, waiting.cursor.next(settlements));
  }

  /** @internal waiting → idle, when the get's signal aborts (ABORT-1, ABORT-2). */
  abort(waiting: Waiting<T>): void {
    // RE-2: another listener of the signal may have settled this get (and even started another)
    // before this one ran; then the abort changes nothing (ABORT-4).
    if (this.state !== waiting) return;
    this.state = { kind: 'idle', cursor: waiting.cursor };
    this.stopWaiting(waiting);
    waiting.reject(waiting.signal?.reason);
  }

  /** Leaves the value's waiting list and the signal, when a pending get settles (ABORT-5). */
  private stopWaiting(waiting: Waiting<T>): void {
    this.waiting.remove(waiting);
    waiting.signal?.removeEventListener('abort', waiting);
  }
}
