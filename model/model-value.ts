/**
 * The reference model: `docs/spec.md` written as the plainest program that could follow it.
 *
 * It keeps every version ever set in an array and every watcher as an index into it; every sync
 * set keeps the list of watchers it waits for, and is re-checked after every call. Nothing here
 * is fast, and nothing is shared with `src/`: the model is what `MemoryValue` is checked against,
 * so it must be right at a glance. Each rule is one method named after the clauses it follows;
 * the faulty implementations of `properties/faulty/` override one rule each.
 *
 * @module
 */

import type { GetOptions, Value, Watcher } from '../src/types.js';

/** An error recognised by its `name`, as ERR-1 allows. */
function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** The read-only view of a {@link ModelValue} (VIEW-1). */
export interface ModelValueView<T> {
  /** Makes a watcher of the value (WATCH-1). */
  watch(): ModelWatcher<T>;
}

/** One sync-mode set: the version it made and the watchers it waits for (SYNC-2). */
export interface ModelSet<T> {
  /** The version the set made. */
  readonly version: number;
  /** Every watcher made before the set; closed ones count as done (CLOSE-5). */
  readonly audience: readonly ModelWatcher<T>[];
  /** Resolves the promise the set returned. */
  resolve: () => void;
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
  since: number;
  /** PRED-1: the predicate, if the get has one. */
  readonly accept: ((data: T) => unknown) | undefined;
}

/** What a predicate answered (PRED-1), or what it threw (PRED-4). */
export type ModelAnswer =
  | {
      /** It returned. */
      readonly threw: false;
      /** What it returned; truthy accepts. */
      readonly accepted: unknown;
    }
  | {
      /** It threw. */
      readonly threw: true;
      /** What it threw. */
      readonly error: unknown;
    };

/** The options of a model get: a signal (ABORT) and a predicate (PRED). */
export interface ModelGetOptions<T> extends GetOptions {
  /** PRED-1: resolve only with data this accepts. */
  readonly accept?: ((data: T) => unknown) | undefined;
}

/**
 * The reference model of an Event Value. It implements {@link Value}, so it can run anywhere an
 * implementation can, and the conformance kit can judge it like any other.
 *
 * @typeParam T - The data the value holds.
 */
export class ModelValue<T> implements Value<T> {
  /** VAL-6: the mode, fixed at construction. */
  readonly sync: boolean;
  /** VAL-1, VAL-2: `versions[k - 1]` is the data of version k; empty while unset. */
  readonly versions: T[] = [];
  /** Every watcher ever made, closed ones included. */
  readonly watchers: ModelWatcher<T>[] = [];
  /** Sync mode: every set ever made, in version order. */
  readonly sets: ModelSet<T>[] = [];
  /** Counts the gets that began waiting, to order them (GET-6). */
  waitCount = 0;

  /** @param options - `{ sync: true }` for sync mode (VAL-6); checked as ERR-2 requires. */
  constructor(options?: { readonly sync?: boolean | undefined }) {
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      throw new TypeError('ModelValue: options must be an object');
    }
    for (const key of Object.keys(options ?? {})) {
      if (key !== 'sync') throw new TypeError(`ModelValue: unknown option '${key}'`);
    }
    const sync: unknown = options?.sync;
    if (sync !== undefined && typeof sync !== 'boolean') {
      throw new TypeError("ModelValue: option 'sync' must be a boolean");
    }
    this.sync = sync === true;
  }

  /** The current version; 0 while unset. */
  latest(): number {
    return this.versions.length;
  }

  /** Sets a new version and hands it to the waiting gets (VAL-2, GET-6, SYNC-2). */
  set(data: T): Promise<void> {
    // VAL-2: a new version, even for identical data.
    this.versions.push(data);
    const version = this.latest();
    const settlements: (() => void)[] = [];
    let own: Promise<void> = Promise.resolve();
    if (this.sync) {
      // SYNC-2: the audience is every watcher open at the call.
      // SYNC-2: the audience is every watcher open at the call. Closed watchers are listed too,
      // which changes nothing: a closed watcher counts as done (CLOSE-5).
      const record: ModelSet<T> = { version, audience: [...this.watchers], resolve: () => {} };
      own = new Promise((resolve) => {
        record.resolve = resolve;
      });
      this.sets.push(record);
    }
    // GET-6: waiting gets take the new version, in the order they began waiting.
    const waiting = this.watchers.flatMap((watcher) =>
      this.isWaiting(watcher) && watcher.pending !== undefined ? [{ watcher, pending: watcher.pending }] : [],
    );
    waiting.sort((a, b) => a.pending.since - b.pending.since);
    for (const { watcher, pending } of waiting) watcher.handOver(pending, settlements);
    // ORDER-2: the set's own promise after the gets. ASYNC-3: in async mode it is resolved.
    this.settleCompleteSets(settlements);
    for (const settle of settlements) settle();
    return own;
  }

  /** GET-6, PRED-5: whether a set hands `watcher` its version; a judging get is not waiting. */
  isWaiting(watcher: ModelWatcher<T>): boolean {
    return watcher.status === 'waiting';
  }

  /** Makes a watcher (WATCH-1, GET-2). */
  watch(): ModelWatcher<T> {
    // WATCH-1: a new independent watcher, never waiting.
    const watcher = this.makeWatcher(this.firstCursor(this.latest()));
    this.watchers.push(watcher);
    return watcher;
  }

  /** VIEW-1: a view whose only member is `watch`. */
  readOnly(): ModelValueView<T> {
    return Object.freeze({ watch: () => this.watch() });
  }

  /** Makes a watcher with the given cursor; the faulty variants make their own kind. */
  makeWatcher(cursor: number): ModelWatcher<T> {
    return new ModelWatcher(this, cursor);
  }

  /**
   * GET-2, SYNC-1: a watcher made at version `current` has, in effect, received the version before
   * it, so that its first get takes `current` (or, in async mode, anything newer).
   */
  firstCursor(current: number): number {
    return Math.max(current - 1, 0);
  }

  /**
   * The version a get of `watcher` receives now, or undefined if it must wait (GET-3). ASYNC-1:
   * the newest version; SYNC-1: the one after the cursor.
   */
  nextVersionFor(watcher: ModelWatcher<T>): number | undefined {
    if (this.latest() <= watcher.cursor) return undefined;
    return this.sync ? watcher.cursor + 1 : this.latest();
  }

  /** SYNC-2, CLOSE-5: a set's audience is complete when each member has received it or closed. */
  audienceComplete(record: ModelSet<T>): boolean {
    return record.audience.every((watcher) => watcher.status === 'closed' || watcher.cursor >= record.version);
  }

  /**
   * SYNC-4, SYNC-6: settle every set whose audience is complete, in version order. A set settled
   * before is settled again, which does nothing: a promise settles once.
   */
  settleCompleteSets(settlements: (() => void)[]): void {
    for (const record of this.sets) {
      if (this.audienceComplete(record)) settlements.push(record.resolve);
    }
  }
}

/** A watcher of the model: a status, a cursor (the version received last), and a pending get. */
export class ModelWatcher<T> implements Watcher<T> {
  /** Where the watcher is in its life; `judging` while a get's predicate runs (PRED-5). */
  status: 'idle' | 'waiting' | 'judging' | 'closed' = 'idle';
  /** The get that is waiting, if any. */
  pending: ModelPendingGet<T> | undefined = undefined;

  constructor(
    /** The value this watcher watches. */
    readonly value: ModelValue<T>,
    /** WATCH-3: the version received last (0 for none). */
    public cursor: number,
  ) {}

  /** A get, decided by the rules below in the spec's order (GET-1 to GET-7, ABORT, CLOSE-3). */
  get(options?: ModelGetOptions<T>): Promise<T> {
    // GET-7: report the first reason that applies, in the spec's order.
    const problem = this.checkOptions(options);
    if (problem !== undefined) return Promise.reject(problem);
    if (this.status === 'closed') {
      return Promise.reject(namedError('WatcherClosedError', 'the watcher is closed')); // CLOSE-3
    }
    if (this.status === 'waiting' || this.status === 'judging') {
      return Promise.reject(namedError('ConcurrentGetError', 'a get is pending')); // CONC-1, PRED-5
    }
    const signal = options?.signal;
    if (signal?.aborted === true) return Promise.reject(signal.reason); // ABORT-3
    const accept = options?.accept;
    const version = this.nextVersion();
    if (accept !== undefined) return this.getWithPredicate(accept, signal);
    if (version !== undefined) {
      // GET-5: answered at once; ORDER-2: completed sets settle before this get's promise exists.
      const settlements: (() => void)[] = [];
      const data = this.receive(version, settlements);
      for (const settle of settlements) settle();
      return Promise.resolve(data);
    }
    return new Promise<T>((resolve, reject) => {
      const pending: ModelPendingGet<T> = { resolve, reject, signal, onAbort: () => this.abort(pending), since: 0, accept };
      this.pending = pending;
      this.startWaiting();
      signal?.addEventListener('abort', pending.onAbort); // ABORT-1
    });
  }

  /** PRED-3: a get with a predicate examines what is available now, then waits. */
  getWithPredicate(accept: (data: T) => unknown, signal: AbortSignal | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending: ModelPendingGet<T> = { resolve, reject, signal, onAbort: () => this.abort(pending), since: 0, accept };
      this.pending = pending;
      this.status = 'judging';
      signal?.addEventListener('abort', pending.onAbort); // ABORT-1
      this.judgeAvailable(pending);
    });
  }

  /** Puts the pending get at the end of the waiting order (GET-6). */
  startWaiting(): void {
    this.value.waitCount += 1;
    (this.pending as ModelPendingGet<T>).since = this.value.waitCount;
    this.status = 'waiting';
  }

  /**
   * PRED-1 to PRED-6: while a version newer than the cursor exists, receive it (PRED-2: consumed
   * whatever the verdict) and ask the predicate; then wait if nothing was accepted.
   */
  judgeAvailable(pending: ModelPendingGet<T>): void {
    for (;;) {
      const version = this.nextVersion();
      if (version === undefined) {
        this.startWaiting(); // PRED-5: nothing newer, so wait again.
        return;
      }
      const settlements: (() => void)[] = [];
      const data = this.receive(version, settlements);
      for (const settle of settlements) settle();
      if (this.judge(pending, data)) return;
    }
  }

  /**
   * Asks the predicate about `data`, which is consumed already, and settles the get if the
   * verdict ends it. Returns whether the get is over (PRED-1, PRED-4, PRED-6).
   */
  judge(pending: ModelPendingGet<T>, data: T): boolean {
    const answer = this.ask(pending.accept as (data: T) => unknown, data);
    if (this.pending !== pending) return true; // PRED-6: closed inside the predicate.
    if (answer.threw) {
      this.finish(() => pending.reject(answer.error)); // PRED-4
      return true;
    }
    const accepted = answer.accepted;
    if (accepted) {
      this.finish(() => pending.resolve(data)); // PRED-1
      return true;
    }
    if (pending.signal?.aborted === true) {
      this.finish(() => pending.reject(pending.signal?.reason)); // PRED-6
      return true;
    }
    return false;
  }

  /** Calls the predicate, and says whether it threw. */
  ask(accept: (data: T) => unknown, data: T): ModelAnswer {
    try {
      return { threw: false, accepted: accept(data) };
    } catch (error) {
      return { threw: true, error };
    }
  }

  /** Ends the pending get: idle, no listener, then settle. */
  finish(settle: () => void): void {
    this.leaveWaiting();
    this.status = 'idle';
    settle();
  }

  /** Closes the watcher (CLOSE-1, CLOSE-2, CLOSE-5). */
  close(): void {
    // CLOSE-1: closing again finds no pending get and no set left to release, so does nothing.
    const settlements: (() => void)[] = [];
    const pending = this.leaveWaiting();
    this.status = 'closed';
    // CLOSE-2, then CLOSE-5 (ORDER-2).
    if (pending !== undefined) settlements.push(() => pending.reject(namedError('WatcherClosedError', 'closed')));
    this.value.settleCompleteSets(settlements);
    for (const settle of settlements) settle();
  }

  /** ITER-1 to ITER-4: each step a get; a closed watcher ends it; leaving early closes it. */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    const iterator: AsyncIterableIterator<T> = {
      next: () =>
        this.get().then(
          (value): IteratorResult<T> => ({ done: false, value }),
          (error: unknown): IteratorResult<T> => {
            if (error instanceof Error && error.name === 'WatcherClosedError') return { done: true, value: undefined };
            throw error;
          },
        ),
      return: () => {
        this.close();
        return Promise.resolve({ done: true, value: undefined });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** DISPOSE-1: disposing closes. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** ERR-3: what is wrong with a get's options, if anything. */
  checkOptions(options: unknown): TypeError | undefined {
    if (options === undefined) return undefined;
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      return new TypeError('Watcher.get: options must be an object');
    }
    for (const key of Object.keys(options)) {
      if (key !== 'signal' && key !== 'accept') return new TypeError(`Watcher.get: unknown option '${key}'`);
    }
    const accept: unknown = (options as { accept?: unknown }).accept;
    if (accept !== undefined && typeof accept !== 'function') return new TypeError("Watcher.get: option 'accept' must be a function"); // PRED-7
    const signal: unknown = (options as { signal?: unknown }).signal;
    if (signal === undefined) return undefined;
    const candidate = signal as { aborted?: unknown; addEventListener?: unknown; removeEventListener?: unknown };
    const looksLikeSignal =
      typeof signal === 'object' &&
      signal !== null &&
      typeof candidate.aborted === 'boolean' &&
      typeof candidate.addEventListener === 'function' &&
      typeof candidate.removeEventListener === 'function';
    return looksLikeSignal ? undefined : new TypeError("Watcher.get: option 'signal' must be an AbortSignal");
  }

  /** The version this watcher receives now, if any (GET-3). */
  nextVersion(): number | undefined {
    return this.value.nextVersionFor(this);
  }

  /** GET-1, ABORT-4: the version becomes the cursor at the very moment it is handed over. */
  receive(version: number, settlements: (() => void)[]): T {
    this.cursor = version;
    this.value.settleCompleteSets(settlements);
    return this.value.versions[version - 1] as T;
  }

  /** GET-6: a set hands the waiting get its version. */
  handOver(pending: ModelPendingGet<T>, settlements: (() => void)[]): void {
    // The get waited because nothing was newer than the cursor; after a set, something is.
    const version = this.nextVersion() as number;
    if (pending.accept !== undefined) {
      // PRED-2, PRED-3, PRED-5: consumed now, judged once the set has handed out every version.
      this.status = 'judging';
      const data = this.receive(version, settlements);
      settlements.push(() => {
        // PRED-6: another get's predicate may have closed this watcher in the meantime.
        if (this.pending === pending && !this.judge(pending, data)) this.judgeAvailable(pending);
      });
      return;
    }
    this.leaveWaiting();
    this.status = 'idle';
    const data = this.receive(version, settlements);
    settlements.push(() => pending.resolve(data));
  }

  /** ABORT-1, ABORT-2: the abort rejects a waiting get and consumes nothing. */
  abort(pending: ModelPendingGet<T>): void {
    if (this.pending !== pending) return; // ABORT-4, RE-2: that get has settled already.
    if (this.status === 'judging') return; // PRED-6: the verdict comes first.
    this.leaveWaiting();
    this.status = 'idle';
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
