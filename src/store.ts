/**
 * The seam between a value and its mode. A {@link Store} keeps what has been set and the value's
 * waiting gets. Async mode keeps only the newest version (`latest-store.ts`); sync mode keeps a
 * log (`log-store.ts`). Each mode has its watcher, a subclass of `MemoryWatcher` that keeps its
 * cursor (the version it received last) in the mode's terms; the state machine is the same.
 *
 * @module
 */

import type { WaitingList } from './waiting-list.js';

/** What a value has been set to, as seen by its watchers. */
export interface Store {
  /** The gets waiting for a version newer than their cursor. */
  readonly waiting: WaitingList;
}

/**
 * The one promise every already-settled `set` returns. Sharing it means an async-mode `set`
 * allocates no promise at all.
 */
export const SETTLED: Promise<void> = Promise.resolve();
