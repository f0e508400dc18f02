/**
 * The spec as a state machine over instants, for the search. Each method is one instant of
 * docs/trace-format.md's model of linearization: a set, watch, close or abort takes effect; a get
 * makes its request (GET-7: closed, then concurrent, then aborted, then a version at hand, else it
 * waits); the abort of a waiting get's signal ends its wait (the follow-up). A set ends the wait of
 * every waiting get at its own instant (GET-6), and a close the wait of its watcher's get
 * (CLOSE-2), so those follow-ups are part of the set's or the close's instant.
 *
 * Every instant is checked against what the trace recorded (a get's outcome), and refused if it
 * contradicts it. The state lives in typed arrays and every write is logged, so the search undoes
 * any number of instants exactly by rewinding the log: nothing linearized on a path survives a
 * backtrack past it.
 *
 * @module
 */

import { Kind, Outcome, type Timeline } from './timeline.js';

/** How a get came to an end, for the linearization and the explanation of a violation. */
export const Ending = {
  /** Not ended: never requested, or waiting. */
  none: 0,
  /** Rejected at its request: its watcher was closed (CLOSE-3). */
  closedAtRequest: 1,
  /** Rejected at its request: another get of its watcher was pending (CONC-1). */
  concurrent: 2,
  /** Rejected at its request: its signal was aborted (ABORT-3). */
  abortedAtRequest: 3,
  /** Resolved at its request with a version at hand (GET-5). */
  receivedAtRequest: 4,
  /** Resolved by a set while it waited (GET-6). */
  receivedFromSet: 5,
  /** Rejected by the close of its watcher while it waited (CLOSE-2). */
  closedWhileWaiting: 6,
  /** Rejected because its signal was aborted while it waited (ABORT-1). */
  abortedWhileWaiting: 7,
} as const;

/** An operation's progress: not taken effect, waiting (a get after its request), or done. */
export const Progress = { none: 0, waiting: 1, done: 2 } as const;

// The arrays of the state, by number, so that one log can undo writes to any of them.
const scalar = 0;
const exists = 1;
const closed = 2;
const cursor = 3;
const madeAt = 4;
const closedAt = 5;
const waitingGet = 6;
const aborted = 7;
const progress = 8;
const ending = 9;
const versionOf = 10;
const nextWaiting = 11;
const previousWaiting = 12;
const versionSet = 13;
const owing = 14;

// The scalars: the current version (0 while unset), the first and last waiting get, and (sync
// mode) how many watchers are open.
const version = 0;
const head = 1;
const tail = 2;
const open = 3;

/** The state of the value, its watchers and signals, and every operation's progress. */
export class Machine {
  private readonly arrays: Int32Array[];
  /** The undo log: for each write, the array, the index and the value it had, in triples. */
  private log = new Int32Array(3 * 1024);
  private logged = 0;
  /** The version before the timeline's first set: the sets of a part of a history may start late. */
  private readonly base: number;

  constructor(private readonly timeline: Timeline) {
    const operations = timeline.operations.length;
    const watchers = timeline.watcherNames.length;
    this.base = timeline.firstVersion - 1;
    this.arrays = [
      Int32Array.of(this.base, -1, -1, 0),
      new Int32Array(watchers),
      new Int32Array(watchers),
      new Int32Array(watchers),
      new Int32Array(watchers),
      new Int32Array(watchers),
      new Int32Array(watchers).fill(-1),
      new Int32Array(timeline.signals),
      new Int32Array(operations),
      new Int32Array(operations),
      new Int32Array(operations),
      new Int32Array(operations),
      new Int32Array(operations),
      new Int32Array(timeline.sets + 1).fill(-1),
      new Int32Array(timeline.sets + 1),
    ];
  }

  /** A mark to come back to with `undo`. */
  mark(): number {
    return this.logged;
  }

  /** Undoes every write since `mark`. */
  undo(mark: number): void {
    const log = this.log;
    for (let at = this.logged - 3; at >= mark; at -= 3) (this.arrays[log[at] as number] as Int32Array)[log[at + 1] as number] = log[at + 2] as number;
    this.logged = mark;
  }

  private write(array: number, index: number, value: number): void {
    const target = this.arrays[array] as Int32Array;
    // The log's length and `logged` are multiples of 3, so the log is full exactly when they meet.
    if (this.logged === this.log.length) {
      const larger = new Int32Array(this.log.length * 2);
      larger.set(this.log);
      this.log = larger;
    }
    this.log[this.logged] = array;
    this.log[this.logged + 1] = index;
    this.log[this.logged + 2] = target[index] as number;
    this.logged += 3;
    target[index] = value;
  }

  private read(array: number, index: number): number {
    return (this.arrays[array] as Int32Array)[index] as number;
  }

  /** The current version: 0 while unset. */
  get version(): number {
    return this.read(scalar, version);
  }

  /** An operation's progress (`Progress`). */
  progress(operation: number): number {
    return this.read(progress, operation);
  }

  /** How a get ended (`Ending`). */
  ending(operation: number): number {
    return this.read(ending, operation);
  }

  /** The version a set made, or the version a get received. */
  versionOf(operation: number): number {
    return this.read(versionOf, operation);
  }

  /** The set that made a version (-1 for one before the timeline's first set). */
  setOf(number: number): number {
    // Stryker disable next-line EqualityOperator: `<` reads versionSet[0] for the version `base`, which no set writes (a set writes index `version - base`, at least 1) and which holds -1 from the start, the same answer.
    return number <= this.base ? -1 : this.read(versionSet, number - this.base);
  }

  /** Whether a watcher has been made. */
  exists(watcher: number): boolean {
    return this.read(exists, watcher) === 1;
  }

  /** Whether a watcher is closed. */
  closed(watcher: number): boolean {
    return this.read(closed, watcher) === 1;
  }

  /** A watcher's cursor: the version it received last, or the one before the current at its watch. */
  cursor(watcher: number): number {
    return this.read(cursor, watcher);
  }

  /** The version current when a watcher was made. */
  madeAt(watcher: number): number {
    return this.read(madeAt, watcher);
  }

  /** The version current when a watcher was closed. */
  closedAt(watcher: number): number {
    return this.read(closedAt, watcher);
  }

  /** The get waiting on a watcher, or -1. */
  waitingGet(watcher: number): number {
    return this.read(waitingGet, watcher);
  }

  /** Whether a signal has been aborted. */
  aborted(signal: number): boolean {
    // A get without a signal has signal -1, and a typed array read out of bounds is undefined,
    // never 1.
    return this.read(aborted, signal) === 1;
  }

  /** The gets waiting, in the order they began waiting (GET-6). */
  waiting(): number[] {
    const gets: number[] = [];
    for (let get = this.read(scalar, head); get >= 0; get = this.read(nextWaiting, get)) gets.push(get);
    return gets;
  }

  /**
   * Whether the audience of a sync-mode version is complete (SYNC-2): every watcher open when it
   * was set has received it or been closed. Each version counts the watchers that still owe it.
   */
  audienceComplete(number: number): boolean {
    return this.read(owing, number - this.base) === 0;
  }

  /** In sync mode: a watcher of the audience of `number` (made before it) received it or closed. */
  private settleFor(watcher: number, number: number): void {
    if (this.read(madeAt, watcher) < number) this.write(owing, number - this.base, this.read(owing, number - this.base) - 1);
  }

  /**
   * The version a get of this watcher would receive now, or 0 if none is newer than its cursor:
   * the newest in async mode (ASYNC-1), the next in the log in sync mode (SYNC-1).
   */
  available(watcher: number): number {
    const current = this.version;
    const seen = this.read(cursor, watcher);
    if (current <= seen) return 0;
    return this.timeline.sync ? seen + 1 : current;
  }

  /**
   * Whether a get's recorded outcome allows it to receive `number`: it is still pending (it may
   * have received anything), or it returned that version's datum. The datum alone decides the
   * second: a get that rejected, or resolved with data no set wrote, has datum -1, and every
   * set's datum is at least 0.
   */
  private receives(get: number, number: number): boolean {
    return this.timeline.outcome[get] === Outcome.pending || this.timeline.datum[get] === this.timeline.datum[this.setOf(number)];
  }

  /** Whether a get's recorded outcome is `expected`, or it is still pending. */
  private ends(get: number, expected: number): boolean {
    const outcome = this.timeline.outcome[get];
    return outcome === Outcome.pending || outcome === expected;
  }

  /**
   * The set that a waiting get keeps from taking effect, because that set would hand it a version
   * (GET-6) that is not what it returned; -1 when there is none.
   */
  blockingSet(datum: number): number {
    // As in `receives`, a get that did not return a set's data has datum -1, never a set's.
    for (let get = this.read(scalar, head); get >= 0; get = this.read(nextWaiting, get)) {
      if (this.timeline.outcome[get] !== Outcome.pending && this.timeline.datum[get] !== datum) return get;
    }
    return -1;
  }

  /** A set takes effect (VAL-2), and hands its version to every waiting get (GET-6). */
  set(operation: number): boolean {
    if (this.blockingSet(this.timeline.datum[operation] as number) >= 0) return false;
    const number = this.version + 1;
    const sync = this.timeline.sync;
    this.write(scalar, version, number);
    this.write(versionSet, number - this.base, operation);
    this.write(versionOf, operation, number);
    this.write(progress, operation, Progress.done);
    // SYNC-2: the audience is every watcher open now.
    if (sync) this.write(owing, number - this.base, this.read(scalar, open));
    for (let get = this.read(scalar, head); get >= 0; get = this.read(nextWaiting, get)) {
      this.write(progress, get, Progress.done);
      this.write(ending, get, Ending.receivedFromSet);
      this.write(versionOf, get, number);
      const watcher = this.timeline.watcher[get] as number;
      this.write(cursor, watcher, number);
      this.write(waitingGet, watcher, -1);
      if (sync) this.settleFor(watcher, number);
    }
    this.write(scalar, head, -1);
    this.write(scalar, tail, -1);
    return true;
  }

  /** A watch takes effect: a new watcher, whose first get receives the current version (GET-2). */
  watch(operation: number): boolean {
    const watcher = this.timeline.watcher[operation] as number;
    const current = this.version;
    this.write(exists, watcher, 1);
    this.write(cursor, watcher, Math.max(current - 1, 0));
    this.write(madeAt, watcher, current);
    this.write(scalar, open, this.read(scalar, open) + 1);
    this.write(progress, operation, Progress.done);
    return true;
  }

  /** A close takes effect (CLOSE-1), rejecting the get waiting on its watcher (CLOSE-2). */
  close(operation: number): boolean {
    const watcher = this.timeline.watcher[operation] as number;
    if (!this.exists(watcher)) return false;
    const get = this.waitingGet(watcher);
    if (get >= 0 && !this.ends(get, Outcome.closed)) return false;
    if (get >= 0) this.endWait(get, Ending.closedWhileWaiting);
    if (!this.closed(watcher)) {
      this.write(closed, watcher, 1);
      this.write(closedAt, watcher, this.version);
      this.write(scalar, open, this.read(scalar, open) - 1);
      // CLOSE-5: it owes the versions of its audience nothing any more.
      if (this.timeline.sync) for (let number = this.cursor(watcher) + 1; number <= this.version; number++) this.settleFor(watcher, number);
    }
    this.write(progress, operation, Progress.done);
    return true;
  }

  /** An abort takes effect: its signal is aborted from now on. */
  abort(operation: number): boolean {
    this.write(aborted, this.timeline.signal[operation] as number, 1);
    this.write(progress, operation, Progress.done);
    return true;
  }

  /** A get makes its request, deciding in the order of GET-7 (after ERR-3, which a trace cannot show). */
  request(operation: number): boolean {
    const watcher = this.timeline.watcher[operation] as number;
    if (!this.exists(watcher)) return false;
    if (this.closed(watcher)) return this.endAtRequest(operation, Outcome.closed, Ending.closedAtRequest);
    if (this.waitingGet(watcher) >= 0) return this.endAtRequest(operation, Outcome.concurrent, Ending.concurrent);
    if (this.aborted(this.timeline.signal[operation] as number)) return this.endAtRequest(operation, Outcome.aborted, Ending.abortedAtRequest);
    const number = this.available(watcher);
    if (number > 0) {
      if (!this.receives(operation, number)) return false;
      this.write(progress, operation, Progress.done);
      this.write(ending, operation, Ending.receivedAtRequest);
      this.write(versionOf, operation, number);
      this.write(cursor, watcher, number);
      if (this.timeline.sync) this.settleFor(watcher, number);
      return true;
    }
    // It waits: what it returned must be something a follow-up can give.
    const outcome = this.timeline.outcome[operation];
    if (outcome === Outcome.concurrent || outcome === Outcome.other) return false;
    if (outcome === Outcome.aborted && this.timeline.signal[operation] === -1) return false;
    this.write(progress, operation, Progress.waiting);
    this.write(waitingGet, watcher, operation);
    const last = this.read(scalar, tail);
    this.write(previousWaiting, operation, last);
    this.write(nextWaiting, operation, -1);
    if (last >= 0) this.write(nextWaiting, last, operation);
    else this.write(scalar, head, operation);
    this.write(scalar, tail, operation);
    return true;
  }

  /** Whether the abort of its signal can end a waiting get now (ABORT-1): the follow-up is enabled. */
  canAbort(operation: number): boolean {
    return this.progress(operation) === Progress.waiting && this.aborted(this.timeline.signal[operation] as number);
  }

  /**
   * The abort of its signal ends a waiting get's wait (ABORT-1): the get rejects. Only for a get
   * that {@link canAbort} allows: it trusts that the get waits, as the search does.
   */
  abortWait(operation: number): boolean {
    if (!this.ends(operation, Outcome.aborted)) return false;
    this.endWait(operation, Ending.abortedWhileWaiting);
    return true;
  }

  private endAtRequest(operation: number, expected: number, how: number): boolean {
    if (!this.ends(operation, expected)) return false;
    this.write(progress, operation, Progress.done);
    this.write(ending, operation, how);
    return true;
  }

  /** Takes a waiting get out of the waiting list, ended `how`. */
  private endWait(operation: number, how: number): void {
    const before = this.read(previousWaiting, operation);
    const after = this.read(nextWaiting, operation);
    if (before >= 0) this.write(nextWaiting, before, after);
    else this.write(scalar, head, after);
    if (after >= 0) this.write(previousWaiting, after, before);
    else this.write(scalar, tail, before);
    this.write(progress, operation, Progress.done);
    this.write(ending, operation, how);
    this.write(waitingGet, this.timeline.watcher[operation] as number, -1);
  }

  /** The primary instant of an operation: a set, watch, close or abort takes effect, a get requests. */
  takeEffect(operation: number): boolean {
    switch (this.timeline.kind[operation]) {
      case Kind.set:
        return this.set(operation);
      case Kind.watch:
        return this.watch(operation);
      case Kind.get:
        return this.request(operation);
      case Kind.close:
        return this.close(operation);
      default:
        return this.abort(operation);
    }
  }
}
