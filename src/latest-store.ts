/**
 * Async mode: only the newest version is kept, and a watcher's cursor is a version number. An
 * idle watcher is therefore a number and a reference to the store, and the store references no
 * idle watcher at all (LIFE-1, COST-1).
 *
 * @module
 */

import { deliver, handOver, MemoryWatcher } from './memory-watcher.js';
import { SETTLED, type Store } from './store.js';
import type { Backlog, Snapshot } from './types.js';
import { WaitingList } from './waiting-list.js';

/**
 * What a {@link LatestWatcher} reads: the newest version and its data, and the waiting list. The
 * async store is one; EtcdValue's mirror of an etcd key is another.
 */
export interface Latest<T> extends Store {
  /** The newest version; 0 while unset, older than every version (VAL-1). */
  readonly version: number;
  /** The newest data; meaningless while the version is 0. */
  readonly data: T | undefined;
}

/** What {@link LatestStore.backlog} always answers. */
const NO_BACKLOG: Backlog = Object.freeze({ sets: 0, watchers: 0 });

/** The newest version, and nothing else (ASYNC-1). */
export class LatestStore<T> implements Store, Latest<T> {
  /**
   * The current version (VAL-1, VAL-2): 0 while the value is unset, which is older than every
   * version; otherwise the number of sets so far, and {@link data} is the newest data.
   */
  version = 0;
  /** The newest data; meaningless while {@link version} is 0. */
  data: T | undefined = undefined;
  readonly waiting = new WaitingList();
  /** The snapshot of the current version, once asked for (PEEK-3). */
  #snapshot: Snapshot<T> | undefined = undefined;

  /** See `MemoryValue.set`; a signal changes nothing in async mode, whose promise is settled. */
  set(data: T, _signal?: AbortSignal): Promise<void> {
    // Implements VAL-2: every set is a new version, one more than the last.
    this.version += 1;
    this.data = data;
    // Implements GET-6 (and COST-1: idle watchers cost nothing here).
    const first = this.waiting.takeAll();
    if (first !== undefined) {
      const deferred = handOver(first, data);
      if (deferred !== undefined) deliver(deferred, data);
    }
    // Implements ASYNC-3: the producer learns nothing about consumers.
    return SETTLED;
  }

  peek(): Snapshot<T> | undefined {
    // Implements PEEK-1 and PEEK-2: a read of the store, which moves no cursor.
    if (this.version === 0) return undefined;
    // Implements PEEK-3: one snapshot per version, made when first asked for, not by every set.
    if (this.#snapshot?.version !== this.version) this.#snapshot = Object.freeze({ version: this.version, data: this.data as T });
    return this.#snapshot;
  }

  /** Nothing holds a producer up in async mode (SYNC-8). */
  backlog(): Backlog {
    return NO_BACKLOG;
  }

  watch(): LatestWatcher<T> {
    // Implements GET-2: a new watcher has seen nothing, so its first get takes the current
    // version, or a newer one if the value is set before that get.
    return new LatestWatcher(this);
  }
}

/** A watcher in async mode; its cursor is the version it received last. */
export class LatestWatcher<T> extends MemoryWatcher<T> {
  readonly #store: Latest<T>;
  #seen: number;

  /** @internal Made by the store's `watch()` only. */
  constructor(store: Latest<T>) {
    super();
    // Assigned here rather than by field initializers, which V8 runs as a separate step: a watch +
    // close costs about a quarter less this way.
    this.#store = store;
    this.#seen = 0;
  }

  /** @internal */
  protected list(): Latest<T>['waiting'] {
    return this.#store.waiting;
  }

  /** @internal */
  protected hasNext(): boolean {
    // Implements GET-3: only versions newer than the cursor.
    return this.#store.version > this.#seen;
  }

  /** @internal */
  protected receive(): T {
    // Implements ASYNC-1 and ASYNC-2: jump to the newest version, skipping any in between.
    this.#seen = this.#store.version;
    return this.#store.data as T;
  }

  /** @internal */
  protected take(): void {
    this.#seen = this.#store.version;
  }

  /** @internal */
  protected release(): void {
    // Async mode holds nothing for a watcher, so there is nothing to release.
  }
}
