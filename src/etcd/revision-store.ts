/**
 * The local mirror of one etcd key: its newest revision and what it held then. Watchers of an
 * {@link EtcdValue} stand in it exactly as watchers of a MemoryValue stand in its async store
 * (a cursor is the revision received last), so the watcher's state machine is MemoryValue's own.
 *
 * @module
 */

import { deliver, handOver } from '../memory-watcher.js';
import type { Cursor, Store } from '../store.js';
import type { Snapshot } from '../types.js';
import { WaitingList } from '../waiting-list.js';

/** What one revision of the key holds, as a watcher receives it. */
export type Revision<T> =
  | { readonly kind: 'data'; readonly data: T }
  | { readonly kind: 'deleted'; readonly revision: number }
  | { readonly kind: 'undecodable'; readonly revision: number; readonly error: unknown };

/** The key's state: never seen set, or at a revision. */
type Current<T> = { readonly kind: 'unset' } | { readonly kind: 'at'; readonly revision: number; readonly entry: Revision<T> };

/** The newest revision of the key that this process has seen. */
export class RevisionStore<T> implements Store<Revision<T>> {
  #current: Current<T> = { kind: 'unset' };
  readonly waiting = new WaitingList();

  /** The newest revision seen; 0 while unset, older than every revision. */
  revision(): number {
    const current = this.#current;
    return current.kind === 'unset' ? 0 : current.revision;
  }

  /** What the newest revision holds; only called by cursors that checked there is one. */
  entry(): Revision<T> {
    return (this.#current as Extract<Current<T>, { kind: 'at' }>).entry;
  }

  /**
   * Records a revision if it is newer than the newest seen, and says whether it was. A revision
   * that arrives twice (from a put's response and from the watch) or late (from a re-read) is
   * ignored, so revisions only ever increase (GET-4).
   */
  apply(revision: number, entry: Revision<T>): boolean {
    if (revision <= this.revision()) return false;
    this.#current = { kind: 'at', revision, entry };
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
    const current = this.#current;
    return current.kind === 'unset' ? undefined : { version: current.revision, data: current.entry };
  }

  /** A cursor for a new watcher, which has seen nothing yet (GET-2). */
  open(): Cursor<Revision<T>> {
    return new RevisionCursor(this);
  }
}

/** A watcher's position: the revision it received last. */
class RevisionCursor<T> implements Cursor<Revision<T>> {
  declare readonly kind: 'idle';
  readonly store: RevisionStore<T>;
  #seen = 0;

  constructor(store: RevisionStore<T>) {
    this.store = store;
  }

  hasNext(): boolean {
    return this.store.revision() > this.#seen;
  }

  next(): Revision<T> {
    // ASYNC-1: the newest revision, skipping any in between.
    this.#seen = this.store.revision();
    return this.store.entry();
  }

  take(): void {
    this.#seen = this.store.revision();
  }

  release(): void {
    // Nothing is held for a watcher.
  }
}
// Every cursor is the state of an idle watcher, so the kind lives on the prototype: 8 bytes less per watcher.
(RevisionCursor.prototype as { kind: 'idle' }).kind = 'idle';
