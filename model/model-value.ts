/**
 * The reference model: `docs/spec.md` written as the plainest program that could follow it.
 *
 * It keeps every version ever set in an array and every watcher as an index into it; every sync
 * set keeps the list of watchers it waits for, and is re-checked after every call. Nothing here
 * is fast, and nothing is shared with `src/`: the model is what `MemoryValue` is checked against,
 * so it must be right at a glance. Each rule is one method named after the clauses it follows;
 * the faulty implementations of `properties/faulty/` override one rule each.
 *
 * The model has the core only (set, watch, get with a signal, close). The idioms of spec section
 * 12 are a layer over any implementation (`withIdioms` in `src/`), and the properties check that
 * layer over the model as over everything else.
 *
 * @module
 */

import type { GetOptions, ValueCore, WatcherCore } from '../src/types.js';

/** An error recognised by its `name`, as ERR-1 allows. */
function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** One sync-mode set: the version it made and the watchers it waits for (SYNC-2). */
export interface ModelSet<T> {
  /** The version the set made. */
  readonly version: number;
  /** Every watcher open at the set; closed ones count as done (CLOSE-5). */
  readonly audience: readonly ModelWatcher<T>[];
  /** Resolves the promise the set returned. */
  readonly resolve: () => void;
}

/** A get that is waiting. */
export interface ModelPendingGet<T> {
  /** Resolves the get with the data of a version. */
  readonly resolve: (data: T) => void;
  /** Rejects the get. */
  readonly reject: (reason: unknown) => void;
  /** The get's signal, if it has one. */
  readonly signal: AbortSignal | undefined;
  /** The listener on the signal (ABORT-1). */
  readonly onAbort: () => void;
  /** When the get began waiting, to hand versions out in that order (GET-6). */
  readonly since: number;
}

/** Promise settlements a call collects, to run once all its state changes are made (ORDER-1). */
type Settlements = (() => void)[];

/** Runs the settlements, in the order collected (ORDER-2). */
function settleAll(settlements: Settlements): void {
  for (const settle of settlements) settle();
}

/**
 * The reference model of an Event Value. It implements {@link ValueCore}, so it can run anywhere
 * an implementation can, and the conformance kit can judge it like any other.
 *
 * @typeParam T - The data the value holds.
 */
export class ModelValue<T> implements ValueCore<T> {
  /** VAL-6: the mode, fixed at construction. */
  readonly sync: boolean;
  /** VAL-1, VAL-2: `versions[k - 1]` is the data of version k; empty while unset. */
  readonly versions: T[] = [];
  /** Every watcher ever made, closed ones included. */
  readonly watchers: ModelWatcher<T>[] = [];
  /** Sync mode: every set ever made, in version order. */
  readonly sets: ModelSet<T>[] = [];
  /** Counts the gets that began waiting, to order them (GET-6). */
  waits = 0;

  /** @param options - `{ sync: true }` for sync mode (VAL-6); checked as ERR-2 requires. */
  constructor(options?: { readonly sync?: boolean | undefined }) {
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      throw new TypeError('ModelValue: options must be an object');
    }
    for (const key of Object.keys(options ?? {})) {
      if (key !== 'sync') throw new TypeError(`ModelValue: unknown option '${key}'`);
    }
    const sync: unknown = options?.sync;
    if (sync !== undefined && typeof sync !== 'boolean') throw new TypeError("ModelValue: option 'sync' must be a boolean");
    this.sync = sync === true;
  }

  /** The current version; 0 while unset. */
  latest(): number {
    return this.versions.length;
  }

  /** VAL-2, GET-6, SYNC-2: a new version, handed to the waiting gets in the order they began waiting. */
  set(data: T): Promise<void> {
    this.versions.push(data);
    let own: Promise<void> = Promise.resolve(); // ASYNC-3
    if (this.sync) {
      own = new Promise((resolve) => {
        this.sets.push({ version: this.latest(), audience: this.watchers.filter((watcher) => !watcher.closed), resolve });
      });
    }
    const settlements: Settlements = [];
    const waiting = this.watchers.filter((watcher) => watcher.pending !== undefined);
    waiting.sort((a, b) => (a.pending as ModelPendingGet<T>).since - (b.pending as ModelPendingGet<T>).since);
    for (const watcher of waiting) watcher.handOver(settlements);
    this.settleCompleteSets(settlements); // ORDER-2: the set's own promise after the gets.
    settleAll(settlements);
    return own;
  }

  /** WATCH-1, GET-2: a new independent watcher, never waiting. */
  watch(): ModelWatcher<T> {
    const watcher = this.makeWatcher(this.firstCursor(this.latest()));
    this.watchers.push(watcher);
    return watcher;
  }

  /** Makes a watcher with the given cursor; the faulty variants make their own kind. */
  makeWatcher(cursor: number): ModelWatcher<T> {
    return new ModelWatcher(this, cursor);
  }

  /** GET-2, SYNC-1: a watcher made at version `current` has, in effect, received the one before. */
  firstCursor(current: number): number {
    return Math.max(current - 1, 0);
  }

  /** GET-3, ASYNC-1, SYNC-1: the version a get of `watcher` receives now, if any. */
  nextVersionFor(watcher: ModelWatcher<T>): number | undefined {
    if (this.latest() <= watcher.cursor) return undefined;
    return this.sync ? watcher.cursor + 1 : this.latest();
  }

  /** SYNC-2, CLOSE-5: a set's audience is complete when each member has received it or closed. */
  audienceComplete(record: ModelSet<T>): boolean {
    return record.audience.every((watcher) => watcher.closed || watcher.cursor >= record.version);
  }

  /**
   * SYNC-4, SYNC-6: settle every set whose audience is complete, in version order. A set settled
   * before is settled again, which does nothing: a promise settles once.
   */
  settleCompleteSets(settlements: Settlements): void {
    for (const record of this.sets) if (this.audienceComplete(record)) settlements.push(record.resolve);
  }
}

/** A watcher of the model: a cursor (the version received last), a pending get, or closed. */
export class ModelWatcher<T> implements WatcherCore<T> {
  /** CLOSE-1 to CLOSE-3: closed for good. */
  closed = false;
  /** CONC-1: the get that is waiting, if any. */
  pending: ModelPendingGet<T> | undefined = undefined;

  constructor(
    /** The value this watcher watches. */
    readonly value: ModelValue<T>,
    /** WATCH-3: the version received last (0 for none). */
    public cursor: number,
  ) {}

  /** GET-7: the first reason that applies, in the spec's order; then GET-5 or a wait. */
  get(options?: GetOptions): Promise<T> {
    const problem = this.checkOptions(options); // ERR-3
    if (problem !== undefined) return Promise.reject(problem);
    if (this.closed) return Promise.reject(namedError('WatcherClosedError', 'the watcher is closed')); // CLOSE-3
    if (this.pending !== undefined) return Promise.reject(namedError('ConcurrentGetError', 'a get is pending')); // CONC-1
    const signal = options?.signal;
    if (signal?.aborted === true) return Promise.reject(signal.reason); // ABORT-3
    const version = this.nextVersion();
    if (version !== undefined) {
      // GET-5: answered at once; ORDER-2: completed sets settle before this get's promise exists.
      const settlements: Settlements = [];
      const data = this.receive(version, settlements);
      settleAll(settlements);
      return Promise.resolve(data);
    }
    return new Promise<T>((resolve, reject) => {
      const since = (this.value.waits += 1);
      const pending: ModelPendingGet<T> = { resolve, reject, signal, onAbort: () => this.abort(pending), since };
      this.pending = pending;
      signal?.addEventListener('abort', pending.onAbort); // ABORT-1
    });
  }

  /** CLOSE-1, CLOSE-2, CLOSE-5: a pending get rejects, then the sets it held settle. */
  close(): void {
    // CLOSE-1: closing again finds no pending get and no set left to release, so does nothing.
    const settlements: Settlements = [];
    const pending = this.leaveWaiting();
    this.closed = true;
    if (pending !== undefined) settlements.push(() => pending.reject(namedError('WatcherClosedError', 'closed')));
    this.value.settleCompleteSets(settlements);
    settleAll(settlements);
  }

  /** ERR-3: what is wrong with a get's options, if anything. */
  checkOptions(options: unknown): TypeError | undefined {
    if (options === undefined) return undefined;
    if (typeof options !== 'object' || options === null || Array.isArray(options)) return new TypeError('Watcher.get: options must be an object');
    for (const key of Object.keys(options)) if (key !== 'signal') return new TypeError(`Watcher.get: unknown option '${key}'`);
    const signal = (options as { signal?: unknown }).signal as Partial<Record<'aborted' | 'addEventListener' | 'removeEventListener', unknown>> | null | undefined;
    if (signal === undefined) return undefined;
    const looksLikeSignal =
      typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
    return looksLikeSignal ? undefined : new TypeError("Watcher.get: option 'signal' must be an AbortSignal");
  }

  /** The version this watcher receives now, if any (GET-3). */
  nextVersion(): number | undefined {
    return this.value.nextVersionFor(this);
  }

  /** GET-1, ABORT-4: the version becomes the cursor at the very moment it is handed over. */
  receive(version: number, settlements: Settlements): T {
    this.cursor = version;
    this.value.settleCompleteSets(settlements);
    return this.value.versions[version - 1] as T;
  }

  /** GET-6: a set hands the waiting get its version. */
  handOver(settlements: Settlements): void {
    const pending = this.leaveWaiting() as ModelPendingGet<T>;
    // The get waited because nothing was newer than the cursor; after a set, something is.
    const data = this.receive(this.nextVersion() as number, settlements);
    settlements.push(() => pending.resolve(data));
  }

  /** ABORT-1, ABORT-2: the abort rejects a waiting get and consumes nothing. */
  abort(pending: ModelPendingGet<T>): void {
    if (this.pending !== pending) return; // ABORT-4, RE-2: that get has settled already.
    this.leaveWaiting();
    pending.reject(pending.signal?.reason);
  }

  /** ABORT-5: forgets the pending get and removes its abort listener. */
  leaveWaiting(): ModelPendingGet<T> | undefined {
    const pending = this.pending;
    this.pending = undefined;
    pending?.signal?.removeEventListener('abort', pending.onAbort);
    return pending;
  }
}
