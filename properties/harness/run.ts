/**
 * One implementation driven by a command sequence, with everything it did written down.
 *
 * A {@link Run} wraps any {@link Value} implementation. Every command goes through it, and every
 * promise the implementation returns is tracked the moment it is returned, so the run knows, after
 * each command, exactly which gets and sets have settled, how, and in what order. The data of
 * the k-th set is the number k, so a received value names its version.
 *
 * @module
 */

import { getEventListeners } from 'node:events';
import { idiomatic, readOnly } from '../../src/idioms/with-idioms.js';
import type { ValueCore, Watcher, WatcherCore } from '../../src/types.js';
import type { Action } from './commands.js';
import { violation } from './violation.js';

/**
 * Makes the implementation under test, in the mode asked for; with `initial`, set at version 1 to
 * that data from the start (VAL-7).
 */
export type Factory = (options: { readonly sync: boolean; readonly initial?: number }) => ValueCore<number>;

/** What a promise has done so far. */
export type Outcome =
  | { readonly state: 'pending' }
  | { readonly state: 'fulfilled'; readonly value: number }
  | { readonly state: 'rejected'; readonly reason: unknown };

/** How a get's signal was made. */
export type SignalKind = 'none' | 'fresh' | 'aborted';

/**
 * The predicate of a `waitFor` (PRED-1), an idiom of the layer over every implementation. The
 * data of version k is k, so each predicate is a rule on version numbers:
 * - `none`: a plain get, no predicate;
 * - `even`: accepts even versions;
 * - `throws`: throws a `PredicateError` on multiples of 3, accepts the others (PRED-4).
 *
 * A predicate that calls the value is ordinary user code in a continuation (PRED-3, RE-1); the
 * aspects' bookkeeping could not tell its set from the command's, so the scenario tests and the
 * scheduled races check those instead.
 */
export type PredicateKind = 'none' | 'even' | 'throws';

/** The predicates of `waitFor`. */
export const predicates: readonly PredicateKind[] = ['even', 'throws'];

/** One call of a get's predicate. */
export interface Judgement {
  readonly version: number;
  readonly verdict: 'accept' | 'reject' | 'throw';
  /** The newest version when the predicate was called. */
  readonly latest: number;
  /** The command during which it was called. */
  readonly command: number;
}

/** One get, as the run saw it. */
export interface GetRecord {
  readonly id: number;
  readonly watcher: WatcherRecord;
  /** The index of the command that started it. */
  readonly command: number;
  readonly controller: AbortController | undefined;
  /** Whether the watcher had another get pending when this one started. */
  readonly concurrent: boolean;
  /** The latest version when the get started. */
  readonly latestAtStart: number;
  /** What the watcher had received when the get started (its cursor, by WATCH-3). */
  readonly cursorAtStart: number;
  /** Whether the watcher was closed when the get started. */
  readonly closedAtStart: boolean;
  outcome: Outcome;
  /** The command during which the outcome was recorded. */
  settledAt: number | undefined;
  /** The latest version when the outcome was recorded. */
  latestAtSettle: number;
  /** The get's predicate. */
  readonly predicate: PredicateKind;
  /** How it was made: a plain get, a `waitFor` (PRED), or a step of a loop (ITER). */
  readonly via: 'get' | 'waitFor' | 'step';
  /** Each call of its predicate, in order (PRED-1, PRED-2). */
  readonly judgements: Judgement[];
  /** The command that aborted the signal, if one did. */
  abortedAt: number | undefined;
  /** Whether the get was still pending when its signal was aborted. */
  abortedWhilePending: boolean;
}

/** One watcher, as the run saw it. */
export interface WatcherRecord {
  readonly id: number;
  /** The watcher, with the idioms of the layer (its own, or the layer's wrapper around it). */
  readonly watcher: Watcher<number>;
  /** The version current when it was made (0: unset). */
  readonly watchedAt: number;
  /** The command during which it was made. */
  readonly madeAt: number;
  closedAt: number | undefined;
  /**
   * How it was closed: by `close`, by leaving a loop (ITER-3), by disposal (DISPOSE-1), or by the
   * abort of its loop's signal (ITER-5); what a failure to close is reported under.
   */
  closedHow: 'close' | 'leave' | 'dispose' | 'loop-abort' | undefined;
  readonly gets: GetRecord[];
  /** The versions it received, in the order its gets were fulfilled. */
  readonly received: number[];
  /**
   * The versions it consumed, in order: those received, and those its predicates examined and
   * did not accept (PRED-2). Its last entry is the cursor.
   */
  readonly consumed: number[];
  /** Its async iterator, once a step was taken (ITER-1), and the signal of its loop (ITER-5). */
  iterator: AsyncIterator<number> | undefined;
  iteratorSignal: AbortController | undefined;
  /** The loop step whose abort closed the watcher (ITER-5), if that is how it closed. */
  closedBy: GetRecord | undefined;
}

/** One set, as the run saw it. */
export interface SetRecord {
  readonly version: number;
  readonly command: number;
  /** The watchers open when it was called: its audience in sync mode (SYNC-2). */
  readonly audience: readonly WatcherRecord[];
  /** The command during which its promise resolved. */
  settledAt: number | undefined;
  /** Its signal's controller, when the producer bounded its wait (SYNC-7). */
  readonly controller: AbortController | undefined;
  /** The command that aborted its signal, and whether the promise was still pending then. */
  abortedAt: number | undefined;
  abortedWhilePending: boolean;
  /** The command during which its promise rejected (SYNC-7), if it did. */
  rejectedAt: number | undefined;
}

/** One peek, as the run saw it (PEEK-1 to PEEK-3). */
export interface PeekRecord {
  readonly command: number;
  /** The newest version at the peek, by the run's own count. */
  readonly latest: number;
  /** What the peek returned. */
  readonly snapshot: unknown;
}

/** SYNC-2, CLOSE-5: whether every watcher of a set's audience has received it or closed. */
export function audienceComplete(set: SetRecord): boolean {
  return set.audience.every((watcher) => watcher.closedAt !== undefined || cursorOf(watcher) >= set.version);
}

/**
 * The cursor of a watcher from what it consumed: WATCH-3 and PRED-2, and before anything, GET-2.
 */
export function cursorOf(watcher: WatcherRecord): number {
  return watcher.consumed.at(-1) ?? Math.max(watcher.watchedAt - 1, 0);
}

/**
 * A watcher with the idioms of the layer: its own, if it offers them (MemoryValue's inherit them;
 * a faulty layer of `properties/faulty/` brings its own), or the layer wrapped around it.
 */
function withLayer(watcher: WatcherCore<number>): Watcher<number> {
  const candidate = watcher as Partial<Watcher<number>>;
  const own = [candidate.waitFor, candidate.values, candidate[Symbol.asyncIterator], candidate[Symbol.dispose]].every((member) => typeof member === 'function');
  return own ? (watcher as Watcher<number>) : idiomatic(watcher);
}

/** Drives one implementation and records what it does. */
export class Run {
  readonly value: ValueCore<number>;
  readonly watchers: WatcherRecord[] = [];
  readonly gets: GetRecord[] = [];
  readonly sets: SetRecord[] = [];
  readonly peeks: PeekRecord[] = [];
  /** Every call and every settlement, in order: what two runs are compared on. */
  readonly log: string[] = [];
  /** The length of the log at the end of each command so far: where each command's entries end. */
  readonly marks: number[] = [];
  /** What each command so far was, where the harness knows it. */
  readonly actions: (Action | undefined)[] = [];
  /** The index of the command being run. */
  command = 0;
  /** The promises of the sets made during the current command, for remote timing. */
  readonly inflight: Promise<unknown>[] = [];

  constructor(
    readonly name: string,
    readonly sync: boolean,
    factory: Factory,
    /** Whether the value starts set, at version 1 with the data 1 (VAL-7). */
    readonly initial = false,
  ) {
    this.value = initial ? factory({ sync, initial: 1 }) : factory({ sync });
  }

  /** The newest version: the number of sets so far, and the initial version (VAL-2, VAL-7). */
  latest(): number {
    return this.sets.length + (this.initial ? 1 : 0);
  }

  /** Reads the value without waiting, and writes down what it returned (PEEK-1). */
  peek(): void {
    const snapshot = guarded('PEEK-1', 'peek()', () => this.value.peek(), undefined);
    this.peeks.push({ command: this.command, latest: this.latest(), snapshot });
    // Only the data is compared across implementations: a version's number is the
    // implementation's own (an etcd revision, for EtcdValue); the reading aspect checks its order.
    this.log.push(`peek ${snapshot === undefined ? 'unset' : String(snapshot.data)}`);
  }

  /** Asks a sync value what holds its producer up (SYNC-8), if it can say. */
  backlog(): void {
    const value = this.value as ValueCore<number> & { backlog?: () => { sets: number; watchers: number } };
    if (value.backlog === undefined) return;
    const { sets, watchers } = guarded('SYNC-8', 'backlog()', () => value.backlog?.() ?? { sets: 0, watchers: 0 }, { sets: Number.NaN, watchers: Number.NaN });
    // Not logged: an implementation may have no backlog (EtcdValue has no sync mode), and the
    // comparison of logs is between implementations; the sync-log aspect checks the counts.
    this.backlogs.push({ command: this.command, sets, watchers, expected: this.expectedBacklog() });
  }

  /** What `backlog()` must say, from the run's own records (SYNC-8). */
  expectedBacklog(): { readonly sets: number; readonly watchers: number } {
    if (!this.sync) return { sets: 0, watchers: 0 };
    const incomplete = this.sets.filter((set) => !audienceComplete(set));
    const holding = this.watchers.filter(
      (watcher) => watcher.closedAt === undefined && incomplete.some((set) => set.audience.includes(watcher) && cursorOf(watcher) < set.version),
    );
    return { sets: incomplete.length, watchers: holding.length };
  }

  /** Every backlog asked for, with what it should have said. */
  readonly backlogs: { readonly command: number; readonly sets: number; readonly watchers: number; readonly expected: { readonly sets: number; readonly watchers: number } }[] = [];

  /** Makes a watcher, through the value or (VIEW-1) through the layer's read-only view of it. */
  watch(throughView = false): void {
    const id = this.watchers.length;
    const value = this.value;
    const watchCore = (): Watcher<number> => withLayer(guardedWatch(value));
    const watcher = throughView ? readOnly({ watch: watchCore, peek: () => value.peek() }).watch() : watchCore();
    this.watchers.push({
      id,
      watcher,
      watchedAt: this.latest(),
      madeAt: this.command,
      closedAt: undefined,
      closedHow: undefined,
      gets: [],
      received: [],
      consumed: [],
      iterator: undefined,
      iteratorSignal: undefined,
      closedBy: undefined,
    });
    this.log.push(`watch w${id}${throughView ? ' (view)' : ''}`);
  }

  /** Sets the next version; with a signal, the producer bounds its wait (SYNC-7). */
  set(withSignal = false): void {
    const version = this.latest() + 1;
    const controller = withSignal ? new AbortController() : undefined;
    const record: SetRecord = {
      version,
      command: this.command,
      audience: this.watchers.filter((watcher) => watcher.closedAt === undefined),
      settledAt: undefined,
      controller,
      abortedAt: undefined,
      abortedWhilePending: false,
      rejectedAt: undefined,
    };
    this.sets.push(record);
    this.log.push(`set ${version}${withSignal ? ' with a signal' : ''}`);
    const set = this.value.set as (data: number, options?: { signal: AbortSignal }) => void | Promise<void>;
    const returned = guarded('VAL-4', `set(${version})`, () => (controller === undefined ? set.call(this.value, version) : set.call(this.value, version, { signal: controller.signal })), undefined);
    this.inflight.push(Promise.resolve(returned).catch(() => undefined));
    Promise.resolve(returned).then(
      () => {
        record.settledAt = this.command;
        this.log.push(`set ${version} settled`);
      },
      (reason: unknown) => {
        record.rejectedAt = this.command;
        const own = controller !== undefined && reason === controller.signal.reason;
        this.log.push(`set ${version} REJECTED ${own ? 'with its signal reason' : describeReason(reason)}`);
      },
    );
  }

  /** Aborts the signal of the newest set that has one not yet aborted; otherwise nothing. */
  abortSet(): void {
    const record = this.sets.findLast((set) => set.controller !== undefined && !set.controller.signal.aborted);
    this.log.push(`abort ${record === undefined ? 'no set' : `set ${record.version}`}`);
    if (record === undefined) return;
    record.abortedAt = this.command;
    record.abortedWhilePending = record.settledAt === undefined && record.rejectedAt === undefined;
    record.controller?.abort(new Error(`abort of set ${record.version}`));
  }

  get(index: number, signal: SignalKind, predicate: PredicateKind = 'none'): void {
    this.startGet(index, signal, (watcher, options, record) => {
      if (predicate === 'none') return watcher.watcher.get(options);
      return watcher.watcher.waitFor((version) => this.judge(record, version), options);
    }, predicate);
  }

  /** Runs a get's predicate on `version` and writes the call down. */
  private judge(record: GetRecord, version: number): boolean {
    const verdict = (judged: Judgement['verdict']): void => {
      record.judgements.push({ version, verdict: judged, latest: this.latest(), command: this.command });
      this.log.push(`get#${record.id} judges ${version}: ${judged}`);
    };
    // Whatever the verdict, the version is consumed (PRED-2).
    const previous = record.watcher.consumed.at(-1) ?? 0;
    record.watcher.consumed.push(version);
    // A wait handed a version not newer than the last would loop for ever on an implementation
    // that hands it again and again (PRED-2 says why that is wrong): end the wait, so that the
    // checks can say so instead of the run never reaching them.
    if (!(version > previous)) throw Object.assign(new Error(`the wait was handed version ${String(version)} after version ${previous}`), { name: 'RunawayWait' });
    switch (record.predicate) {
      case 'none':
        throw new Error('harness: a get without a predicate was judged');
      case 'even':
        verdict(version % 2 === 0 ? 'accept' : 'reject');
        return version % 2 === 0;
      case 'throws':
        if (version % 3 === 0) {
          verdict('throw');
          throw Object.assign(new Error(`the predicate refuses ${version}`), { name: 'PredicateError' });
        }
        verdict('accept');
        return true;
    }
  }

  /**
   * One step of the watcher's async iterator (ITER-1), recorded as a get: a step that ends the
   * iteration counts as a get rejected with WatcherClosedError (ITER-2).
   */
  step(index: number, signal: SignalKind = 'none'): void {
    const record = this.watcherAt(index);
    // The first step makes the loop's iterator: with a signal, that of values({ signal }), and
    // every later step of that loop carries the same signal (ITER-5).
    if (record.iterator === undefined && signal !== 'none') {
      record.iteratorSignal = new AbortController();
      if (signal === 'aborted') record.iteratorSignal.abort(new Error('aborted before the loop'));
    }
    this.startGet(
      index,
      record.iteratorSignal === undefined ? 'none' : 'fresh',
      (watcher, options) => {
        watcher.iterator ??= options === undefined ? watcher.watcher[Symbol.asyncIterator]() : watcher.watcher.values(options);
        return watcher.iterator.next().then((result) => {
          if (result.done === true) throw Object.assign(new Error('the iteration ended'), { name: 'WatcherClosedError' });
          return result.value;
        });
      },
      'none',
      record.iteratorSignal,
      'step',
    );
  }

  /** Leaves a loop early: the iterator's return() closes the watcher (ITER-3). */
  leave(index: number): void {
    const watcher = this.watcherAt(index);
    this.closing(watcher, 'leave');
    this.log.push(`leave w${watcher.id}`);
    guarded('ITER-3', `leaving the loop of w${watcher.id}`, () => {
      watcher.iterator ??= watcher.watcher[Symbol.asyncIterator]();
      void watcher.iterator.return?.();
    }, undefined);
  }

  /** Disposes the watcher, as `using` does at the end of its scope (DISPOSE-1). */
  dispose(index: number): void {
    const watcher = this.watcherAt(index);
    this.closing(watcher, 'dispose');
    this.log.push(`dispose w${watcher.id}`);
    guarded('DISPOSE-1', `w${watcher.id}[Symbol.dispose]()`, () => watcher.watcher[Symbol.dispose](), undefined);
  }

  private startGet(
    index: number,
    signal: SignalKind,
    get: (watcher: WatcherRecord, options: { signal: AbortSignal } | undefined, record: GetRecord) => Promise<number>,
    predicate: PredicateKind = 'none',
    /** A loop's signal, shared by its steps (ITER-5), instead of one made for this get. */
    loopSignal?: AbortController,
    via: GetRecord['via'] = predicate === 'none' ? 'get' : 'waitFor',
  ): void {
    const watcher = this.watcherAt(index);
    const controller = loopSignal ?? (signal === 'none' ? undefined : new AbortController());
    if (signal === 'aborted' && loopSignal === undefined) controller?.abort(new Error('aborted before the get'));
    const record: GetRecord = {
      id: this.gets.length,
      watcher,
      command: this.command,
      controller,
      concurrent: watcher.gets.some((get) => get.outcome.state === 'pending'),
      latestAtStart: this.latest(),
      cursorAtStart: cursorOf(watcher),
      closedAtStart: watcher.closedAt !== undefined,
      outcome: { state: 'pending' },
      settledAt: undefined,
      latestAtSettle: 0,
      predicate,
      via,
      judgements: [],
      abortedAt: undefined,
      abortedWhilePending: false,
    };
    this.gets.push(record);
    watcher.gets.push(record);
    this.log.push(`get#${record.id} w${watcher.id} signal=${signal}${predicate === 'none' ? '' : ` accept=${predicate}`}`);
    const options = controller === undefined ? undefined : { signal: controller.signal };
    callGet(() => get(watcher, options, record), `get#${record.id}`).then(
      (value) => {
        record.outcome = { state: 'fulfilled', value };
        this.settled(record);
        watcher.received.push(value);
        // A waitFor's versions were consumed when its predicate examined them (PRED-2).
        if (predicate === 'none') watcher.consumed.push(value);
        this.log.push(`get#${record.id} fulfilled ${value}`);
      },
      (reason: unknown) => {
        record.outcome = { state: 'rejected', reason };
        this.settled(record);
        const own = controller !== undefined && reason === controller.signal.reason;
        // ITER-5: an aborted loop is over, and its watcher closed, as leaving a loop closes it.
        if (own && loopSignal !== undefined && watcher.closedAt === undefined) {
          this.closing(watcher, 'loop-abort');
          watcher.closedBy = record;
        }
        this.log.push(`get#${record.id} rejected ${own ? 'with its signal reason' : describeReason(reason)}`);
      },
    );
  }

  /** Aborts the newest get of a watcher that has a signal not yet aborted; otherwise nothing. */
  abort(index: number): void {
    const watcher = this.watcherAt(index);
    const record = watcher.gets.findLast((get) => get.controller !== undefined && !get.controller.signal.aborted);
    this.log.push(`abort w${watcher.id} ${record === undefined ? 'nothing' : `get#${record.id}`}`);
    if (record === undefined) return;
    // The steps of one loop share its signal (ITER-5): its abort is an abort of each of them.
    for (const get of watcher.gets) {
      if (get.controller !== record.controller) continue;
      get.abortedAt = this.command;
      get.abortedWhilePending = get.outcome.state === 'pending';
    }
    record.controller?.abort(new Error(`abort of get#${record.id}`));
  }

  close(index: number): void {
    const watcher = this.watcherAt(index);
    this.closing(watcher, 'close');
    this.log.push(`close w${watcher.id}`);
    guarded('CLOSE-1', `w${watcher.id}.close()`, () => watcher.watcher.close(), undefined);
  }

  /** Writes down that a watcher closes now, and how, unless it was closed already. */
  private closing(watcher: WatcherRecord, how: NonNullable<WatcherRecord['closedHow']>): void {
    if (watcher.closedAt !== undefined) return;
    watcher.closedAt = this.command;
    watcher.closedHow = how;
  }

  /** How many abort listeners remain on a get's signal (ABORT-5). */
  listenersOf(get: GetRecord): number {
    const controller = get.controller;
    if (controller === undefined) return 0;
    // The steps of one loop share its signal (ITER-5): the ones still pending may listen on it.
    const sharing = this.gets.filter((other) => other.controller === controller && other.outcome.state === 'pending').length;
    return getEventListeners(controller.signal, 'abort').length - sharing;
  }

  private watcherAt(index: number): WatcherRecord {
    const watcher = this.watchers[index % this.watchers.length];
    if (watcher === undefined) throw new Error('harness: a watcher command ran before any watch');
    return watcher;
  }

  private settled(record: GetRecord): void {
    record.settledAt = this.command;
    record.latestAtSettle = this.latest();
  }
}

/**
 * Calls one of the calls that never fail; a throw breaks `clause` (VAL-4 for `set`, WATCH-1,
 * CLOSE-1, PEEK-1, ...), and when that clause is set aside the run goes on as if the call had
 * returned `fallback`.
 */
function guarded<R>(clause: string, what: string, call: () => R, fallback: R): R {
  try {
    return call();
  } catch (error) {
    violation(clause, `${what} threw ${describeReason(error)}`);
    return fallback;
  }
}

/** A watcher that stands in for one that `watch` failed to make, so the run can go on. */
const standIn: WatcherCore<number> = { get: () => new Promise<number>(() => {}), close: () => {} };

/** WATCH-1: `watch()` returns a watcher (an object with `get` and `close`) and never throws. */
function guardedWatch(value: ValueCore<number>): WatcherCore<number> {
  const made = guarded('WATCH-1', 'watch()', () => value.watch(), standIn);
  const shape = made as Partial<WatcherCore<number>> | null;
  if (typeof shape === 'object' && shape !== null && typeof shape.get === 'function' && typeof shape.close === 'function') return made;
  violation('WATCH-1', `watch() returned ${shape === null ? 'null' : typeof shape}, not a watcher with get and close`);
  return standIn;
}

/** GET-1: a get returns a promise, which rejects rather than the call throwing. */
function callGet(get: () => Promise<number>, name: string): Promise<number> {
  const returned = guarded('GET-1', name, get, new Promise<number>(() => {}));
  if (typeof (returned as Partial<Promise<number>> | null)?.then === 'function') return returned;
  violation('GET-1', `${name} returned ${String(returned)}, not a promise`);
  return Promise.resolve(returned);
}

/** A rejection reason, by `name` (ERR-1). */
export function describeReason(reason: unknown): string {
  return reason instanceof Error ? reason.name : `non-error ${String(reason)}`;
}
