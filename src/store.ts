/**
 * The seam between a value and its mode. A {@link Store} keeps what has been set and the value's
 * waiting gets; a {@link Cursor} is one watcher's position in it. Async mode keeps only the newest
 * version (`latest-store.ts`); sync mode keeps a log (`log-store.ts`). The watcher's state machine
 * (`memory-watcher.ts`) is the same for both.
 *
 * @module
 */

import type { WaitingList } from './waiting-list.js';

/**
 * Where one watcher stands in a store. Owned by exactly one open watcher; while that watcher is
 * idle, the cursor is its whole state, hence the `kind`.
 */
export interface Cursor<T> {
  /** The watcher's state while idle (see `memory-watcher.ts`). */
  readonly kind: 'idle';

  /** The store the cursor stands in. */
  readonly store: Store<T>;

  /** Whether a version this watcher may receive exists now (GET-3, GET-5). */
  hasNext(): boolean;

  /**
   * Receives the next version now and moves past it; call only when {@link hasNext} is true.
   * Sync-mode sets whose audience this completes are resolved first (SYNC-2, SYNC-6, ORDER-2).
   */
  next(): T;

  /**
   * Moves past the version a `set` just made, for a watcher whose get was waiting: it had nothing
   * newer, so the new version is the one it receives (GET-6). It resolves nothing: the new
   * version's promise does not exist yet, and older versions are settled already.
   */
  take(): void;

  /**
   * Gives up the cursor when its watcher closes; in sync mode this resolves every set that was
   * waiting only for it, in version order (CLOSE-5).
   */
  release(): void;
}

/**
 * What a value has been set to, as seen by its watchers. Each store also has its own way to
 * record a version (a `set`, or an etcd revision arriving), which hands it to the waiting gets.
 */
export interface Store<T> {
  /** The gets waiting for a version newer than their cursor. */
  readonly waiting: WaitingList;

  /** Opens a cursor for a new watcher, positioned as GET-2 and SYNC-1 require. */
  open(): Cursor<T>;
}

/**
 * The one promise every already-settled `set` returns. Sharing it means an async-mode `set`
 * allocates no promise at all.
 */
export const SETTLED: Promise<void> = Promise.resolve();
