/**
 * An implementation of the core written from docs/spec.md alone, the plain way: every version in
 * an array, a cursor per watcher, a list of waiting gets, and in sync mode a list of the sets
 * whose audience is not complete yet. It settles the promises of one call in the order of the
 * strict profile (ORDER-2), and conforms with `'strict-order'`. Its one hook, {@link
 * SpecValue.wakeOrder}, is where other designs differ (see `creation-order.ts`), and the faulty
 * variants of `properties/faulty/from-spec.ts` break one rule each.
 *
 * @module
 */

import type { GetOptions, Snapshot, ValueCore, WatcherCore } from '../../src/types.js';
import { namedError, refusal, waitingGet, type Waiting } from './rules.js';

/** A sync-mode set whose audience is not complete yet (SYNC-2). */
interface WaitingSet<T> {
  readonly version: number;
  /** The watchers open at the call that have neither received the version nor closed. */
  readonly audience: Set<SpecWatcher<T>>;
  readonly resolve: () => void;
}

/** The promise settlements one call collects, run last (ORDER-1). */
type Settlements = (() => void)[];

/** A value of the plain design. */
export class SpecValue<T> implements ValueCore<T> {
  /** VAL-6. */
  readonly sync: boolean;
  /** VAL-2: the data of version k is `versions[k - 1]`. */
  readonly versions: T[] = [];
  /** GET-6: the watchers whose get waits, in the order the gets began waiting. */
  waiting: SpecWatcher<T>[] = [];
  /** Sync mode: the open watchers (LIFE-2), and the sets waiting for some of them. */
  readonly open = new Set<SpecWatcher<T>>();
  readonly sets: WaitingSet<T>[] = [];
  /** How many watchers were made, to number them. */
  made = 0;
  #snapshot: Snapshot<T> | undefined;

  constructor(options?: { readonly sync?: boolean; readonly initial?: T }) {
    this.sync = options?.sync === true;
    if (options !== undefined && 'initial' in options) this.versions.push(options.initial as T); // VAL-7
  }

  /** The current version; 0 while unset (VAL-1). */
  latest(): number {
    return this.versions.length;
  }

  /** GET-6: the order in which one set hands its version to the waiting gets. */
  wakeOrder(waiting: readonly SpecWatcher<T>[]): readonly SpecWatcher<T>[] {
    return waiting;
  }

  set(data: T): Promise<void> {
    this.versions.push(data);
    const version = this.latest();
    let own: Promise<void> = Promise.resolve(); // ASYNC-3, SYNC-3
    if (this.sync && this.open.size > 0) {
      own = new Promise<void>((resolve) => this.sets.push({ version, audience: new Set(this.open), resolve }));
    }
    const settlements: Settlements = [];
    const woken = this.wakeOrder(this.waiting);
    this.waiting = [];
    for (const watcher of woken) watcher.handOver(settlements); // GET-6
    this.completeSets(settlements); // SYNC-6: a set that handed its version to every member.
    for (const settle of settlements) settle();
    return own;
  }

  peek(): Snapshot<T> | undefined {
    const version = this.latest();
    if (version === 0) return undefined;
    if (this.#snapshot?.version !== version) this.#snapshot = Object.freeze({ version, data: this.versions[version - 1] as T });
    return this.#snapshot; // PEEK-3
  }

  watch(): SpecWatcher<T> {
    const watcher = new SpecWatcher(this, (this.made += 1), Math.max(this.latest() - 1, 0)); // GET-2
    if (this.sync) this.open.add(watcher);
    return watcher;
  }

  /** SYNC-2: a watcher received `version`, or closed (`Infinity`); sets it completes settle. */
  leftAudience(watcher: SpecWatcher<T>, version: number, settlements: Settlements): void {
    for (const set of this.sets) if (set.version <= version) set.audience.delete(watcher);
    this.completeSets(settlements);
  }

  /**
   * SYNC-4: the sets whose audience is complete settle, in version order. A later set's audience
   * holds every watcher of an earlier one that is still open, and each receives the earlier
   * version first (SYNC-1), so only the oldest sets can be complete.
   */
  completeSets(settlements: Settlements): void {
    while (this.sets[0] !== undefined && this.sets[0].audience.size === 0) settlements.push((this.sets.shift() as WaitingSet<T>).resolve);
  }
}

/** A watcher of the plain design: a cursor, and the get that waits, if any. */
export class SpecWatcher<T> implements WatcherCore<T> {
  closed = false;
  pending: Waiting<T> | undefined;

  constructor(
    readonly value: SpecValue<T>,
    /** The order in which it was made, from 1. */
    readonly id: number,
    /** WATCH-3: the version received last. */
    public cursor: number,
  ) {}

  get(options?: GetOptions): Promise<T> {
    const decided = refusal(options, this.closed, this.pending !== undefined); // GET-7
    if ('refused' in decided) return Promise.reject(decided.refused);
    const version = this.next();
    if (version !== undefined) {
      // GET-5: answered at once; ORDER-2: the sets this receipt completes settle first.
      const settlements: Settlements = [];
      const data = this.receive(version, settlements);
      for (const settle of settlements) settle();
      return Promise.resolve(data);
    }
    const { signal } = decided;
    return new Promise<T>((resolve, reject) => {
      this.pending = waitingGet(this, signal, resolve, reject);
      this.value.waiting.push(this);
    });
  }

  close(): void {
    if (this.closed) return; // CLOSE-1
    this.closed = true;
    const settlements: Settlements = [];
    const waiting = this.leave();
    if (waiting !== undefined) settlements.push(() => waiting.reject(namedError('WatcherClosedError'))); // CLOSE-2
    this.value.open.delete(this); // CLOSE-4
    this.value.leftAudience(this, Number.POSITIVE_INFINITY, settlements); // CLOSE-5
    for (const settle of settlements) settle();
  }

  /** ASYNC-1, SYNC-1: the version a get would receive now, if any. */
  next(): number | undefined {
    const latest = this.value.latest();
    if (latest <= this.cursor) return undefined;
    return this.value.sync ? this.cursor + 1 : latest;
  }

  /** GET-1, ABORT-4: the version is consumed at the moment it is handed over. */
  receive(version: number, settlements: Settlements): T {
    this.cursor = version;
    if (this.value.sync) this.value.leftAudience(this, version, settlements);
    return this.value.versions[version - 1] as T;
  }

  /** GET-6: a set hands its version to this watcher's waiting get. */
  handOver(settlements: Settlements): void {
    const waiting = this.leave();
    if (waiting === undefined) return;
    const data = this.receive(this.next() as number, settlements);
    settlements.push(() => waiting.resolve(data));
  }

  /** ABORT-1, ABORT-2: an abort rejects the waiting get and consumes nothing; after a handover, nothing (ABORT-4). */
  abort(waiting: Waiting<T>, reason: unknown): void {
    if (this.pending !== waiting) return;
    this.leave();
    waiting.reject(reason);
  }

  /** Forgets the waiting get, off the value's list and off its signal. */
  private leave(): Waiting<T> | undefined {
    const waiting = this.pending;
    if (waiting === undefined) return undefined;
    this.pending = undefined;
    const index = this.value.waiting.indexOf(this);
    if (index !== -1) this.value.waiting.splice(index, 1);
    waiting.stopListening();
    return waiting;
  }
}
