/**
 * A correct implementation of another design, written from docs/spec.md: in sync mode a set
 * pushes its version into a queue of every open watcher, a get takes the head of its own queue,
 * and a set's promise counts down the queues that still hold its version; in async mode a get
 * reads the current version, and the value holds only the watchers whose get waits. A set hands
 * its version to the waiting gets in the order their watchers were made, so it conforms by
 * default and fails the profile `'strict-order'` only on GET-6's order of waiting.
 * `npm run conform -- properties/alternatives/queue-value.ts`
 *
 * @module
 */

import type { GetOptions, Snapshot, ValueCore, WatcherCore } from '../../src/types.js';
import { namedError, refusal, waitingGet, type Waiting } from './rules.js';

/** A sync-mode set: how many queues still hold its version (SYNC-2). */
interface Countdown {
  remaining: number;
  readonly resolve: () => void;
}

/** A version in a watcher's queue. */
interface Queued<T> {
  readonly version: number;
  readonly data: T;
  /** The set's countdown; undefined in async mode. */
  readonly countdown: Countdown | undefined;
}

/** A value whose sync-mode watchers each keep a queue. */
export class QueueValue<T> implements ValueCore<T> {
  readonly sync: boolean;
  current: { readonly version: number; readonly data: T } | undefined;
  /** Sync mode: every open watcher, in the order they were made (LIFE-2). */
  readonly open = new Set<QueueWatcher<T>>();
  /** Async mode: the watchers whose get waits (LIFE-1). */
  readonly waiting = new Set<QueueWatcher<T>>();
  #snapshot: Snapshot<T> | undefined;

  constructor(options?: { readonly sync?: boolean; readonly initial?: T }) {
    this.sync = options?.sync === true;
    if (options !== undefined && 'initial' in options) this.current = { version: 1, data: options.initial as T };
  }

  set(data: T): Promise<void> {
    const version = (this.current?.version ?? 0) + 1;
    this.current = { version, data };
    if (!this.sync) {
      const woken = [...this.waiting];
      this.waiting.clear();
      for (const watcher of woken) watcher.wake();
      return Promise.resolve();
    }
    if (this.open.size === 0) return Promise.resolve(); // SYNC-3
    return new Promise<void>((resolve) => {
      const countdown: Countdown = { remaining: this.open.size, resolve };
      // GET-6, SYNC-5: every open watcher queues the version, and a waiting one takes it at once.
      for (const watcher of this.open) watcher.push({ version, data, countdown });
    });
  }

  peek(): Snapshot<T> | undefined {
    if (this.current === undefined) return undefined;
    if (this.#snapshot?.version !== this.current.version) this.#snapshot = Object.freeze({ ...this.current });
    return this.#snapshot;
  }

  watch(): QueueWatcher<T> {
    const watcher = new QueueWatcher(this);
    if (this.sync) {
      this.open.add(watcher);
      // GET-2, SYNC-1: the version current at the watch is the first in the queue; no set waits for it.
      if (this.current !== undefined) watcher.queue.push({ ...this.current, countdown: undefined });
    }
    return watcher;
  }
}

/** A watcher of the queue design. */
export class QueueWatcher<T> implements WatcherCore<T> {
  /** Sync mode: the versions not yet received, oldest first. */
  readonly queue: Queued<T>[] = [];
  /** Async mode: the version received last. */
  cursor: number;
  closed = false;
  pending: Waiting<T> | undefined;

  constructor(readonly value: QueueValue<T>) {
    // GET-2: in async mode the version current at the watch counts as not yet received.
    this.cursor = Math.max((value.current?.version ?? 0) - 1, 0);
  }

  get(options?: GetOptions): Promise<T> {
    const decided = refusal(options, this.closed, this.pending !== undefined); // GET-7
    if ('refused' in decided) return Promise.reject(decided.refused);
    const available = this.take();
    if (available !== undefined) return Promise.resolve(available.data); // GET-5
    const { signal } = decided;
    return new Promise<T>((resolve, reject) => {
      this.pending = waitingGet(this, signal, resolve, reject);
      if (!this.value.sync) this.value.waiting.add(this);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const waiting = this.leave();
    this.value.open.delete(this); // CLOSE-4
    waiting?.reject(namedError('WatcherClosedError')); // CLOSE-2
    // CLOSE-5: the sets still queued here wait for this watcher no more, in version order.
    for (const queued of this.queue.splice(0)) countDown(queued);
  }

  /** Sync mode: a set queues its version here, and a waiting get takes it at once (GET-6). */
  push(queued: Queued<T>): void {
    this.queue.push(queued);
    if (this.pending !== undefined) this.wake();
  }

  /** A set made a version available to the waiting get. */
  wake(): void {
    const available = this.take();
    const waiting = available === undefined ? undefined : this.leave();
    if (available !== undefined) waiting?.resolve(available.data);
  }

  /** ABORT-1, ABORT-2: the abort rejects the waiting get and consumes nothing; after a handover, nothing (ABORT-4). */
  abort(waiting: Waiting<T>, reason: unknown): void {
    if (this.pending !== waiting) return;
    this.leave();
    waiting.reject(reason);
  }

  /** The version a get receives now, consumed (ASYNC-1, SYNC-1), if there is one. */
  private take(): Queued<T> | undefined {
    if (this.value.sync) {
      const queued = this.queue.shift();
      if (queued !== undefined) countDown(queued); // SYNC-2
      return queued;
    }
    const current = this.value.current;
    if (current === undefined || current.version <= this.cursor) return undefined;
    this.cursor = current.version;
    return { ...current, countdown: undefined };
  }

  private leave(): Waiting<T> | undefined {
    const waiting = this.pending;
    this.pending = undefined;
    this.value.waiting.delete(this);
    waiting?.stopListening();
    return waiting;
  }
}

/** One queue less holds the set's version; the last resolves the set. */
function countDown(queued: Queued<unknown>): void {
  const countdown = queued.countdown;
  if (countdown === undefined) return;
  countdown.remaining -= 1;
  if (countdown.remaining === 0) countdown.resolve();
}

/** What it declares to the conformance kit. */
export const features = ['sync', 'initial'];

/** The factory the kit and `event-value conform` call. */
export default (options: { sync: boolean; initial?: unknown }) => new QueueValue<unknown>(options);
