/**
 * The local mirror of one etcd key: its newest revision and what it held then. Watchers of an
 * {@link EtcdValue} stand in it exactly as watchers of a MemoryValue stand in its async store
 * (a cursor is the revision received last), so the watcher's state machine is MemoryValue's own.
 *
 * @module
 */

import { deliver, handOver } from '../memory-watcher.js';
import { LatestWatcher, type Latest } from '../latest-store.js';
import type { Snapshot } from '../types.js';
import { WaitingList } from '../waiting-list.js';

/** What one revision of the key holds, as a watcher receives it. */
export type Revision<T> =
  | { readonly kind: 'data'; readonly data: T }
  | { readonly kind: 'deleted'; readonly revision: number }
  | { readonly kind: 'undecodable'; readonly revision: number; readonly error: unknown };

/**
 * The newest revision of the key that this process has seen, and what it holds. Watchers stand in
 * it exactly as in MemoryValue's async store (their cursor is the revision received last), so
 * they are MemoryValue's own async watchers.
 */
export class RevisionStore<T> implements Latest<Revision<T>> {
  /** The newest revision seen; 0 while unset, older than every revision. */
  version = 0;
  /** What the newest revision holds; meaningless while {@link version} is 0. */
  data: Revision<T> | undefined = undefined;
  readonly waiting = new WaitingList();

  /**
   * Records a revision if it is newer than the newest seen, and says whether it was. A revision
   * that arrives twice (from a put's response and from the watch) or late (from a re-read) is
   * ignored, so revisions only ever increase (GET-4).
   */
  apply(revision: number, entry: Revision<T>): boolean {
    if (revision <= this.version) return false;
    this.version = revision;
    this.data = entry;
    // GET-6: the waiting gets receive the new revision, as a set hands over a version.
    const first = this.waiting.takeAll();
    if (first !== undefined) {
      const deferred = handOver(first, entry);
      if (deferred !== undefined) deliver(deferred, entry);
    }
    return true;
  }

  /** The newest revision and what it holds, or `undefined` while unset (PEEK-1). */
  peek(): Snapshot<Revision<T>> | undefined {
    return this.version === 0 ? undefined : { version: this.version, data: this.data as Revision<T> };
  }

  /** A watcher for a new consumer, which has seen nothing yet (GET-2). */
  watch(): LatestWatcher<Revision<T>> {
    return new LatestWatcher(this);
  }
}
