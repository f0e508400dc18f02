/**
 * The reference model: sections 2 to 12 of `docs/spec.md` as the plainest program that follows
 * them. Every version is kept in an array, a cursor is a version number, and every sync set's
 * audience is a list, re-checked after every call. Nothing is fast and nothing is shared with
 * `src/`, so it can judge `MemoryValue`; each rule is a method named after its clauses, which the
 * faulty variants of `properties/faulty/` override one at a time. The idioms of section 13 are a
 * layer over any implementation, this one included.
 * @module
 */

import type { Backlog, GetOptions, Snapshot, ValueCore, WatcherCore } from '../src/types.js';

/** One sync-mode set (SYNC-2). */
export interface ModelSet<T> {
  /** The version it made. */
  readonly version: number;
  /** The watchers open at the call; closed ones count as done (CLOSE-5). */
  readonly audience: readonly ModelWatcher<T>[];
  /** Resolves the set's promise. */
  readonly resolve: () => void;
}

/** A waiting get. */
export interface ModelPendingGet<T> {
  /** Resolves the get. */
  readonly resolve: (data: T) => void;
  /** Rejects the get. */
  readonly reject: (reason: unknown) => void;
  /** Its signal, if any. */
  readonly signal: AbortSignal | undefined;
  /** Its listener on the signal (ABORT-1). */
  readonly onAbort: () => void;
}

/** Promise settlements a call collects and runs last, in order (ORDER-1, ORDER-2). */
export type Settlements = (() => void)[];

/** ERR-1: an error recognised by its `name`. */
function namedError(name: 'WatcherClosedError' | 'ConcurrentGetError'): Error {
  return Object.assign(new Error(name === 'ConcurrentGetError' ? 'a get is pending' : 'the watcher is closed'), { name });
}

/** ERR-2, ERR-3: options are absent, or an object whose keys each pass their rule if given. */
function optionsProblem(where: string, options: unknown, rules: Record<string, [expected: string, valid: (value: unknown) => boolean] | null>): TypeError | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return new TypeError(`${where}: options must be an object`);
  if (isSignal(options as never)) return new TypeError(`${where}: pass a signal as { signal }`);
  for (const [key, given] of Object.entries(options)) {
    const rule = rules[key];
    if (rule === undefined) return new TypeError(`${where}: unknown option '${key}'`);
    if (given !== undefined && rule !== null && !rule[1](given)) return new TypeError(`${where}: option '${key}' must be ${rule[0]}`);
  }
  return undefined;
}

/** ERR-3: a signal is recognised by its shape. */
const isSignal = (signal: Partial<Record<'aborted' | 'addEventListener' | 'removeEventListener', unknown>> | null): boolean =>
  typeof signal === 'object' && typeof signal?.aborted === 'boolean' && typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
const signalRule: Record<string, [string, (value: unknown) => boolean]> = { signal: ['an AbortSignal', isSignal as (value: unknown) => boolean] };

/** The reference model of an Event Value, a {@link ValueCore} the kit can judge like any other. */
export class ModelValue<T> implements ValueCore<T> {
  /** VAL-6: the mode, fixed at construction. */
  readonly sync: boolean;
  /** VAL-1, VAL-2: `versions[k - 1]` is the data of version k; empty while unset. */
  readonly versions: T[] = [];
  /** Every watcher ever made, closed ones included. */
  readonly watchers: ModelWatcher<T>[] = [];
  /** GET-6: the watchers with a waiting get, in the order their gets began waiting. */
  readonly waiting: ModelWatcher<T>[] = [];
  /** Sync mode: every set ever made, in version order. */
  readonly sets: ModelSet<T>[] = [];
  /** PEEK-3: the snapshot of the current version, once asked for. */
  snapshot: Snapshot<T> | undefined;

  /** @param options - `sync` for sync mode (VAL-6), `initial` for version 1 (VAL-7); checked as ERR-2 requires. */
  constructor(options?: { readonly sync?: boolean | undefined; readonly initial?: T }) {
    const problem = optionsProblem('ModelValue', options, { sync: ['a boolean', (sync) => typeof sync === 'boolean'], initial: null });
    if (problem !== undefined) throw problem;
    this.sync = options?.sync === true;
    if (options !== undefined && Object.hasOwn(options, 'initial')) this.versions.push(options.initial as T);
  }

  /** The current version; 0 while unset. */
  latest(): number {
    return this.versions.length;
  }

  /** VAL-2, GET-6, SYNC-2: a new version, handed to the waiting gets in the order they began waiting; SYNC-7: a signal ends the wait. */
  set(data: T, options?: { readonly signal?: AbortSignal | undefined }): Promise<void> {
    const problem = optionsProblem('ModelValue.set', options, signalRule); // ERR-2
    if (problem !== undefined) throw problem;
    this.versions.push(data);
    const audience = this.watchers.filter((watcher) => !watcher.closed);
    const signal = options?.signal;
    let rejectOwn: (reason: unknown) => void = () => {};
    const own = this.sync
      ? new Promise<void>((resolve, reject) => {
          const onAbort = (): void => reject(signal?.reason);
          if (signal?.aborted === false) signal.addEventListener('abort', onAbort, { once: true });
          rejectOwn = reject;
          this.sets.push({ version: this.latest(), audience, resolve: () => (signal?.removeEventListener('abort', onAbort), resolve()) });
        })
      : Promise.resolve(); // ASYNC-3
    const settlements: Settlements = [];
    for (const watcher of this.waiting.slice()) {
      // GET-6: the get waited, so a version is newer now; it becomes the cursor as it is handed over.
      const pending = watcher.leaveWaiting() as ModelPendingGet<T>;
      const data = watcher.receive(watcher.nextVersion() as number, settlements);
      settlements.push(() => pending.resolve(data));
    }
    this.settleCompleteSets(settlements); // ORDER-2: the set's own promise after the gets.
    for (const settle of settlements) settle();
    if (signal?.aborted === true) rejectOwn(signal.reason); // SYNC-7: aborted already, unless settled just now.
    return own;
  }

  /** PEEK-1 to PEEK-3: the current version and data, read without moving anything; one snapshot per version. */
  peek(): Snapshot<T> | undefined {
    const version = this.latest();
    if (version === 0) return undefined;
    if (this.snapshot?.version !== version) this.snapshot = Object.freeze({ version, data: this.versions[version - 1] as T });
    return this.snapshot;
  }

  /** SYNC-8: the sets whose audience is incomplete, and the open watchers such a set waits for. */
  backlog(): Backlog {
    const incomplete = this.sets.filter((record) => !this.audienceComplete(record));
    const holding = this.watchers.filter((watcher) => !watcher.closed && incomplete.some((record) => record.audience.includes(watcher) && watcher.cursor < record.version));
    return { sets: incomplete.length, watchers: holding.length };
  }

  /** WATCH-1: a new independent watcher, never waiting. */
  watch(): ModelWatcher<T> {
    const watcher = this.makeWatcher(Math.max(this.latest() - 1, 0));
    this.watchers.push(watcher);
    return watcher;
  }

  /** GET-2, SYNC-1: a new watcher has, in effect, received the version before the current one; the faulty variants make their own kind. */
  makeWatcher(cursor: number): ModelWatcher<T> {
    return new ModelWatcher(this, cursor);
  }

  /** SYNC-2, CLOSE-5: a set's audience is complete when each member has received it or closed. */
  audienceComplete(record: ModelSet<T>): boolean {
    return record.audience.every((watcher) => watcher.closed || watcher.cursor >= record.version);
  }

  /** SYNC-4, SYNC-6: every set whose audience is complete settles, in version order (again is a no-op). */
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

  /** GET-7: the first reason that applies, in the spec's order; then GET-5, or a wait. */
  get(options?: GetOptions): Promise<T> {
    const problem = optionsProblem('Watcher.get', options, signalRule); // ERR-3
    if (problem !== undefined) return Promise.reject(problem);
    if (this.closed) return Promise.reject(namedError('WatcherClosedError')); // CLOSE-3
    if (this.pending !== undefined) return Promise.reject(namedError('ConcurrentGetError')); // CONC-1
    const signal = options?.signal;
    if (signal?.aborted === true) return Promise.reject(signal.reason); // ABORT-3
    const version = this.nextVersion();
    if (version !== undefined) {
      // GET-5: answered at once; ORDER-2: completed sets settle before this get's promise exists.
      const settlements: Settlements = [];
      const data = this.receive(version, settlements);
      for (const settle of settlements) settle();
      return Promise.resolve(data);
    }
    return new Promise<T>((resolve, reject) => {
      const pending: ModelPendingGet<T> = { resolve, reject, signal, onAbort: () => this.abort(pending) };
      this.pending = pending;
      this.value.waiting.push(this);
      signal?.addEventListener('abort', pending.onAbort); // ABORT-1
    });
  }

  /** CLOSE-1, CLOSE-2, CLOSE-5: a pending get rejects, then the sets it held settle; again, nothing. */
  close(): void {
    const settlements: Settlements = [];
    const pending = this.leaveWaiting();
    this.closed = true;
    if (pending !== undefined) settlements.push(() => pending.reject(namedError('WatcherClosedError')));
    this.value.settleCompleteSets(settlements);
    for (const settle of settlements) settle();
  }

  /** GET-3, ASYNC-1, SYNC-1: the version a get receives now (the newest, or the next), if any. */
  nextVersion(): number | undefined {
    if (this.value.latest() <= this.cursor) return undefined;
    return this.value.sync ? this.cursor + 1 : this.value.latest();
  }

  /** GET-1, ABORT-4: the version becomes the cursor at the very moment it is handed over. */
  receive(version: number, settlements: Settlements): T {
    this.cursor = version;
    this.value.settleCompleteSets(settlements);
    return this.value.versions[version - 1] as T;
  }

  /** ABORT-1, ABORT-2: the abort rejects a waiting get and consumes nothing. */
  abort(pending: ModelPendingGet<T>): void {
    if (this.pending !== pending) return; // ABORT-4, RE-2: that get has settled already.
    this.leaveWaiting();
    pending.reject(pending.signal?.reason);
  }

  /** ABORT-5: forgets the pending get, takes it off the waiting list, and removes its listener. */
  leaveWaiting(): ModelPendingGet<T> | undefined {
    const pending = this.pending;
    this.pending = undefined;
    const index = this.value.waiting.indexOf(this);
    if (index !== -1) this.value.waiting.splice(index, 1);
    pending?.signal?.removeEventListener('abort', pending.onAbort);
    return pending;
  }
}
