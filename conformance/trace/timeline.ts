/**
 * A trace compiled for the search: every operation's kind, watcher, signal and datum as small
 * numbers in typed arrays, and the events as a timeline of positions, each a call, a return or a
 * settlement. The search reads nothing else, so it compares numbers and never touches JSON.
 *
 * A timeline covers a whole trace or one part of it (see `partition.ts`): its positions are the
 * part's events in order, and `global` maps each back to its index among the trace's events.
 *
 * @module
 */

import type { Operation, Trace } from './format.js';
import { canonicalJson } from './json.js';

/** The kinds of operation, as numbers. */
export const Kind = { set: 0, watch: 1, get: 2, close: 3, abort: 4 } as const;

/** What a get returned, as a number: nothing yet, data, or one of the errors a get may give. */
export const Outcome = { pending: 0, data: 1, closed: 2, concurrent: 3, aborted: 4, other: 5 } as const;

/** What a position of the timeline is. */
export const Position = { call: 0, return: 1, settle: 2 } as const;

/** A position or event index that never comes: the return of an operation that never returned. */
export const never = 0x7fffffff;

/** A trace, or one part of it, compiled for the search. */
export interface Timeline {
  /** Sync mode (SYNC-1 to SYNC-6) rather than async mode. */
  readonly sync: boolean;
  /** The trace ends with the quiescent marker: pending operations are judged by the strict rule. */
  readonly quiescent: boolean;
  /** The operations, by their number in this timeline. */
  readonly operations: readonly Operation[];
  /** Each operation's kind (`Kind`). */
  readonly kind: Uint8Array;
  /** The position of each operation's call. */
  readonly callAt: Int32Array;
  /** The position of each operation's return, or `never`. */
  readonly returnAt: Int32Array;
  /**
   * Sets: the position by which the set must have settled (its return, unless it returned
   * unsettled, or its `settle` event), or `never`; `never` for every other operation. Only sync
   * mode checks a settlement: in async mode every audience counts as complete.
   */
  readonly settleAt: Int32Array;
  /** The watcher each watch makes and each get or close uses, as a number, or -1. */
  readonly watcher: Int32Array;
  /** The signal each get was given and each abort aborts, as a number, or -1. */
  readonly signal: Int32Array;
  /** Sets: the datum set; gets that resolved: the datum received (-1 when no set in the trace set it). */
  readonly datum: Int32Array;
  /** For each datum, the index among the trace's events of the first call of a set that set it (a part may not hold that set). */
  readonly datumFirstCall: Int32Array;
  /** Each get's outcome (`Outcome`). */
  readonly outcome: Uint8Array;
  /** Each position's type (`Position`). */
  readonly positionType: Uint8Array;
  /** Each position's operation. */
  readonly positionOperation: Int32Array;
  /** Each position's index among the trace's events. */
  readonly global: Int32Array;
  /** The watchers' names, by number. */
  readonly watcherNames: readonly string[];
  /** How many signals the timeline names. */
  readonly signals: number;
  /** How many sets the timeline holds. */
  readonly sets: number;
  /**
   * The version its first set makes: 1 for a whole history; for a part whose sets start later,
   * the set's rank among all the history's sets (every set of a split history is atomic, so the
   * order of sets is the trace's).
   */
  readonly firstVersion: number;
  /** For each watcher, the position of the first call that names it. */
  readonly watcherFirst: Int32Array;
  /** For each watcher, the last position at which one of its operations is due, or `never`. */
  readonly watcherLast: Int32Array;
  /** For each watcher, the positions of the calls of its gets that may have received a version (data, or no return), in order. */
  readonly receivingGetCalls: readonly (readonly number[])[];
  /** For each watcher, the positions of the calls of its closes, in order. */
  readonly closeCalls: readonly (readonly number[])[];
  /** The positions of the calls of every watch whose watcher has a get that may receive a version, in order. */
  readonly watchCalls: readonly number[];
  /** For each operation, whether it is such a watch. */
  readonly receivingWatch: Uint8Array;
  /** For each watcher, by datum, the positions of the calls of its gets that returned that datum, in order. */
  readonly dataGetCalls: readonly ReadonlyMap<number, readonly number[]>[];
  /** For each watcher, the positions of the calls of its gets that returned data, in order. */
  readonly anyDataGetCalls: readonly (readonly number[])[];
  /**
   * For each watcher, aligned with `anyDataGetCalls`: the earliest return among its gets that
   * returned data and were called at that position or later.
   */
  readonly dataGetEarliestReturn: readonly (readonly number[])[];
  /** For each watcher, whether one of its gets never returned (it may have received anything). */
  readonly pendingGets: Uint8Array;
}

/** Numbers names as they come. */
class Names {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();

  number(name: string): number {
    let number = this.numbers.get(name);
    if (number === undefined) {
      number = this.names.length;
      this.numbers.set(name, number);
      this.names.push(name);
    }
    return number;
  }

  /** A number of its own for something no name can refer to, with a description to show. */
  unnamed(description: string): number {
    this.names.push(description);
    return this.names.length - 1;
  }
}

const kinds = { set: Kind.set, watch: Kind.watch, get: Kind.get, close: Kind.close, abort: Kind.abort };

function outcomeOf(operation: Operation): number {
  const outcome = operation.outcome;
  if (outcome === undefined) return Outcome.pending;
  if ('data' in outcome) return Outcome.data;
  switch (outcome.error) {
    case 'WatcherClosedError':
      return Outcome.closed;
    case 'ConcurrentGetError':
      return Outcome.concurrent;
    case 'aborted':
      return Outcome.aborted;
    default:
      return Outcome.other;
  }
}

/**
 * Compiles a trace's parts into timelines. What every part shares is computed once for the whole
 * trace: each operation's kind, outcome, watcher, signal and datum as numbers.
 */
export class Compiler {
  private readonly kind: Uint8Array;
  private readonly outcome: Uint8Array;
  private readonly watcher: Int32Array;
  private readonly signal: Int32Array;
  private readonly datum: Int32Array;
  private readonly watcherNames: readonly string[];
  private readonly signals: number;
  private readonly datumFirstCall: Int32Array;
  /** Each trace event's type (`Position`) and operation (its index among the trace's). */
  private readonly eventType: Uint8Array;
  private readonly eventOperation: Int32Array;
  /** Each operation's call, return and settlement, as indices among the trace's events (the trace's length for none). */
  private readonly call: Int32Array;
  private readonly return: Int32Array;
  private readonly settlement: Int32Array;
  /**
   * Scratch: each trace event's position in the part being compiled; one slot more, at the index
   * that stands for no event (the trace's length), holds `never`.
   */
  private readonly positionOf: Int32Array;
  /** Scratch: each trace operation's number in the part being compiled. */
  private readonly numberOf: Int32Array;

  constructor(private readonly trace: Trace) {
    const count = trace.operations.length;
    this.kind = new Uint8Array(count);
    this.outcome = new Uint8Array(count);
    this.watcher = new Int32Array(count).fill(-1);
    this.signal = new Int32Array(count).fill(-1);
    this.datum = new Int32Array(count).fill(-1);
    const watchers = new Names();
    const signals = new Names();
    const data = new Map<string, number>();
    for (const operation of trace.operations) {
      const number = operation.index;
      this.kind[number] = kinds[operation.kind];
      this.outcome[number] = outcomeOf(operation);
      if (operation.kind === 'set') {
        const key = canonicalJson(operation.data);
        if (!data.has(key)) data.set(key, data.size);
        this.datum[number] = data.get(key) as number;
      }
      if (operation.watcher !== undefined) this.watcher[number] = watchers.number(operation.watcher);
      // A watch that never returned and was not named makes a watcher nobody can name: its own,
      // which no name in the trace can alias. (In sync mode it still matters: it may be in the
      // audience of later sets, and keep them unsettled.)
      else if (operation.kind === 'watch') this.watcher[number] = watchers.unnamed(`the watcher of '${operation.id}'`);
      if (operation.signal !== undefined) this.signal[number] = signals.number(operation.signal);
    }
    // Received data gets the number of the set data it equals, or -1: a get can name only data some set set.
    for (const operation of trace.operations) {
      if (operation.outcome !== undefined && 'data' in operation.outcome) this.datum[operation.index] = data.get(canonicalJson(operation.outcome.data)) ?? -1;
    }
    this.watcherNames = watchers.names;
    this.signals = signals.names.length;
    this.datumFirstCall = new Int32Array(data.size).fill(never);
    for (const operation of trace.operations) {
      const datum = this.datum[operation.index] as number;
      if (operation.kind === 'set') this.datumFirstCall[datum] = Math.min(this.datumFirstCall[datum] as number, operation.call);
    }
    const none = trace.events.length;
    this.positionOf = new Int32Array(none + 1);
    this.positionOf[none] = never;
    this.numberOf = new Int32Array(count);
    // Typed copies of what every part reads, so that compiling a part touches no event objects.
    this.eventType = Uint8Array.from(trace.events, (event) => Position[event.type]);
    this.eventOperation = Int32Array.from(trace.events, (event) => event.operation.index);
    this.call = Int32Array.from(trace.operations, (operation) => operation.call);
    this.return = Int32Array.from(trace.operations, (operation) => operation.return ?? none);
    this.settlement = Int32Array.from(trace.operations, (operation) => operation.settlement ?? none);
  }

  /**
   * Compiles a part: the trace's events at `indices` (ascending), which hold every event of each
   * operation they hold; its first set makes version `firstVersion`.
   */
  compile(indices: Int32Array | readonly number[], firstVersion = 1): Timeline {
    const { trace, positionOf, numberOf, eventType, eventOperation } = this;
    const sync = trace.header.mode === 'sync';
    const global: number[] = [];
    const positionType = new Uint8Array(indices.length);
    const positionOperation = new Int32Array(indices.length);
    // One plain pass over the indices: a part of a large trace has hundreds of thousands. A call
    // numbers its operation, and the operation's later events in the part read that number.
    let position = 0;
    for (const index of indices) {
      positionOf[index] = position;
      const type = eventType[index] as number;
      if (type === Position.call) {
        numberOf[eventOperation[index] as number] = global.length;
        global.push(eventOperation[index] as number);
      }
      positionType[position] = type;
      positionOperation[position] = numberOf[eventOperation[index] as number] as number;
      position += 1;
    }
    const operations = global.map((index) => trace.operations[index] as Operation);
    const count = operations.length;
    const kind = new Uint8Array(count);
    const outcome = new Uint8Array(count);
    const callAt = new Int32Array(count);
    const returnAt = new Int32Array(count);
    const settleAt = new Int32Array(count);
    const watcher = new Int32Array(count);
    const signal = new Int32Array(count);
    const datum = new Int32Array(count);
    let sets = 0;
    global.forEach((index, number) => {
      kind[number] = this.kind[index] as number;
      outcome[number] = this.outcome[index] as number;
      watcher[number] = this.watcher[index] as number;
      signal[number] = this.signal[index] as number;
      datum[number] = this.datum[index] as number;
      // An event the operation does not have is the trace's length, at which `positionOf` holds `never`.
      callAt[number] = positionOf[this.call[index] as number] as number;
      returnAt[number] = positionOf[this.return[index] as number] as number;
      settleAt[number] = positionOf[this.settlement[index] as number] as number;
      // Stryker disable next-line ConditionalExpression: `sets` only sizes the machine's arrays per version, which counting every operation lengthens and nothing else.
      if (kind[number] === Kind.set) sets += 1;
    });
    const watcherFirst = new Int32Array(this.watcherNames.length).fill(never);
    const watcherLast = new Int32Array(this.watcherNames.length);
    const receivingGetCalls = this.watcherNames.map((): number[] => []);
    const closeCalls = this.watcherNames.map((): number[] => []);
    const watchCalls: number[] = [];
    const dataGetCalls = this.watcherNames.map(() => new Map<number, number[]>());
    const anyDataGetCalls = this.watcherNames.map((): number[] => []);
    const pendingGets = new Uint8Array(this.watcherNames.length);
    global.forEach((_, number) => {
      const own = watcher[number] as number;
      if (kind[number] === Kind.get && outcome[number] === Outcome.pending) pendingGets[own] = 1;
      // Only a get has an outcome other than pending.
      if (outcome[number] === Outcome.data) {
        const byDatum = dataGetCalls[own] as Map<number, number[]>;
        const calls = byDatum.get(datum[number] as number);
        if (calls === undefined) byDatum.set(datum[number] as number, [callAt[number] as number]);
        else calls.push(callAt[number] as number);
        (anyDataGetCalls[own] as number[]).push(callAt[number] as number);
      }
      if (kind[number] === Kind.get && (outcome[number] === Outcome.data || outcome[number] === Outcome.pending)) (receivingGetCalls[own] as number[]).push(callAt[number] as number);
      if (kind[number] === Kind.close) (closeCalls[own] as number[]).push(callAt[number] as number);
      // A set or an abort has watcher -1, and a typed array ignores a write out of bounds.
      watcherFirst[own] = Math.min(watcherFirst[own] as number, callAt[number] as number);
      watcherLast[own] = Math.max(watcherLast[own] as number, returnAt[number] as number);
    });
    const receivingWatch = new Uint8Array(count);
    global.forEach((_, number) => {
      if (kind[number] !== Kind.watch || (receivingGetCalls[watcher[number] as number] as number[]).length === 0) return;
      watchCalls.push(callAt[number] as number);
      receivingWatch[number] = 1;
    });
    return {
      sync,
      quiescent: trace.quiescent,
      operations,
      kind,
      callAt,
      returnAt,
      settleAt,
      watcher,
      signal,
      datum,
      datumFirstCall: this.datumFirstCall,
      outcome,
      positionType,
      positionOperation,
      global: Int32Array.from(indices),
      watcherNames: this.watcherNames,
      signals: this.signals,
      sets,
      firstVersion,
      watcherFirst,
      watcherLast,
      receivingGetCalls,
      closeCalls,
      watchCalls,
      receivingWatch,
      dataGetCalls,
      anyDataGetCalls,
      dataGetEarliestReturn: anyDataGetCalls.map((calls) => {
        let least = never;
        return calls
          .map((call) => returnAt[positionOperation[call] as number] as number)
          .reverse()
          .map((due) => (least = Math.min(least, due)))
          .reverse();
      }),
      pendingGets,
    };
  }
}
