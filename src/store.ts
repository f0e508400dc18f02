/**
 * The seam between a value and its mode. A {@link Store} keeps what has been set; a
 * {@link Cursor} is one watcher's position in it. Async mode keeps only the newest version
 * (`latest-store.ts`); sync mode keeps a log (`log-store.ts`). The watcher's state machine
 * (`memory-watcher.ts`) is the same for both.
 *
 * @module
 */

import type { Settlements } from './settlements.js';

/** Where one watcher stands in a store. Owned by exactly one open watcher. */
export interface Cursor<T> {
  /** Whether a version this watcher may receive exists now (GET-3, GET-5). */
  hasNext(): boolean;

  /**
   * Receives the next version and moves past it; call only when {@link hasNext} is true. Sync-mode
   * sets whose audience this completes are added to `settlements` (SYNC-2, SYNC-6).
   */
  next(settlements: Settlements): T;

  /**
   * Gives up the cursor when its watcher closes; in sync mode this releases every set that was
   * waiting for it (CLOSE-5).
   */
  release(settlements: Settlements): void;
}

/** What a value has been set to, as seen by its watchers. */
export interface Store<T> {
  /**
   * Records `data` as a new version (VAL-2). Call {@link settle} once every waiting get has
   * been handed the new version.
   */
  record(data: T): void;

  /**
   * Returns the promise the last `set` gives its producer: already resolved in async mode
   * (ASYNC-3) and in sync mode when its audience is complete (SYNC-3, SYNC-6), otherwise one
   * that the audience's last receipt or close resolves (SYNC-2).
   */
  settle(): Promise<void>;

  /** Opens a cursor for a new watcher, positioned as GET-2 and SYNC-1 require. */
  open(): Cursor<T>;
}

/**
 * The one promise every already-settled `set` returns. Sharing it means an async-mode `set`
 * allocates no promise at all.
 */
export const SETTLED: Promise<void> = Promise.resolve();
