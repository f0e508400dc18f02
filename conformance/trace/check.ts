/**
 * The trace checker: decides whether a recorded history could have been produced by an
 * implementation that follows docs/spec.md, where each operation takes effect at one instant
 * between its call and its return (linearizability), plus the sync-mode settlement rule: a sync
 * set returns (settles) only once every watcher open at its instant has received it or closed.
 *
 * The search is Lowe's just-in-time linearization: operations are taken in the order their
 * returns were recorded, and one is linearized only when its return forces it, trying each
 * operation that is called but not yet linearized, with backtracking. Operations still pending
 * at the end are judged too: a get that never returned is legal only if it could still be
 * waiting, and a sync set that never returned only if its audience is incomplete.
 *
 * In async mode, when the sets do not overlap in time, their order is fixed and watchers do not
 * interact (WATCH-2), so each watcher's operations are checked against the sets on their own: a
 * history of many watchers costs the sum of its parts, not their product.
 *
 * @module
 */

import type { Operation, Trace, TraceEvent } from './format.js';

/**
 * One instant of a linearization: the moment an operation, or one of the two moments of a get
 * that waited, takes effect. A verdict lists these in one total order for the whole trace, so a
 * reader (or the HTML timeline of `check-trace --html`) can replay the history as the checker
 * explained it.
 */
export interface LinearizationPoint {
  /** The operation's id in the trace. */
  readonly id: string;
  /**
   * `'effect'` for an operation of one instant (a set, watch, close or abort, and a get that did
   * not wait); `'request'` and `'follow-up'` for the two instants of a get that waited: the
   * request decides that it waits, the follow-up is when the wait ends (a set hands it a version,
   * a close or an abort rejects it).
   */
  readonly phase: 'effect' | 'request' | 'follow-up';
  /** The value's version (0 while unset) right after this instant. */
  readonly version: number;
}

/** Some order of instants explains every outcome of the trace. */
export interface LegalVerdict {
  /** Always `'ok'`. */
  readonly verdict: 'ok';
  /** How many events the trace holds. */
  readonly events: number;
  /** How many operations the trace holds. */
  readonly operations: number;
  /** One order of instants that explains every outcome: the linearization found. */
  readonly linearization: readonly LinearizationPoint[];
}

/** No order of instants explains the outcomes. */
export interface IllegalVerdict {
  /** Always `'illegal'`. */
  readonly verdict: 'illegal';
  /** Line of the trace file at which the history became illegal, or `end` when at its end. */
  readonly line: number | 'end';
  /** How many events the shortest illegal prefix holds. */
  readonly prefix: number;
  /** The clause violated. */
  readonly clause: string;
  /** Why, in words. */
  readonly message: string;
  /** The longest legal prefix the search found: the instants it could explain before it failed. */
  readonly linearization: readonly LinearizationPoint[];
  /**
   * The id of the operation that could not take effect (the one whose return, or settlement,
   * could not be explained at `line`); undefined when the violation is at the end of the trace.
   */
  readonly operation: string | undefined;
}

/** The search ran out of budget: no verdict, and never a silent pass. */
export interface UnknownVerdict {
  /** Always `'unknown'`. */
  readonly verdict: 'unknown';
  /** Why no verdict was reached. */
  readonly reason: string;
}

/** The checker's answer. */
export type Verdict = LegalVerdict | IllegalVerdict | UnknownVerdict;

/** How much search the checker may spend before it answers `unknown` (never a silent pass). */
export interface CheckOptions {
  /** The most search steps before the verdict is `unknown` (default 5,000,000). */
  readonly budget?: number;
}

/** One version in a state: newest first, each pointing to the one before. */
interface Version {
  readonly number: number;
  readonly data: unknown;
  /** Sync mode: the watchers open when it was set (SYNC-2). */
  readonly audience: readonly string[];
  readonly previous: Version | undefined;
}

interface WatcherState {
  readonly cursor: number;
  readonly closed: boolean;
}

interface State {
  readonly latest: Version | undefined;
  readonly watchers: ReadonlyMap<string, WatcherState>;
  readonly aborted: ReadonlySet<string>;
}

/** Why an operation cannot take effect in a state. */
interface Violation {
  readonly clause: string;
  readonly message: string;
}

const initial: State = { latest: undefined, watchers: new Map(), aborted: new Set() };

/** Structural equality of JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function versionNumber(state: State): number {
  return state.latest?.number ?? 0;
}

function versionAt(state: State, number: number): Version | undefined {
  let version = state.latest;
  while (version !== undefined && version.number > number) version = version.previous;
  return version?.number === number ? version : undefined;
}

function withWatcher(state: State, id: string, watcher: WatcherState): State {
  const watchers = new Map(state.watchers);
  watchers.set(id, watcher);
  return { ...state, watchers };
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The search over one history (the whole trace, or one watcher's part of it). */
class Search {
  private readonly linearized: Uint8Array;
  /** The version each linearized set made, for the settlement rule. */
  private readonly versionOf: Int32Array;
  private steps = 0;
  private deepest: { event: number; violation: Violation; order: readonly Operation[] } | undefined;
  /** The operations linearized so far, in order. */
  private order: Operation[] = [];

  constructor(
    private readonly sync: boolean,
    private readonly events: readonly TraceEvent[],
    operationCount: number,
    /** Per signal, the event index at which its first abort returned. */
    private readonly abortReturned: ReadonlyMap<string, number>,
    /** Per watcher, the event index at which its first close returned. */
    private readonly closeReturned: ReadonlyMap<string, number>,
    private readonly budget: number,
  ) {
    this.linearized = new Uint8Array(operationCount);
    this.versionOf = new Int32Array(operationCount);
  }

  /** Runs the search: undefined if a linearization exists, else the violation at the deepest point. */
  run(): { readonly event: number; readonly violation: Violation; readonly order: readonly Operation[] } | 'budget' | readonly Operation[] {
    interface Frame {
      readonly event: number;
      /** The operation whose return forced this choice. */
      readonly operation: Operation;
      readonly state: State;
      readonly pending: readonly Operation[];
      readonly candidates: readonly Operation[];
      next: number;
      chosen: Operation | undefined;
      readonly orderLength: number;
    }
    const frames: Frame[] = [];
    let pending = new Set<Operation>();
    let state = initial;
    let event = 0;

    // Tries the next candidate of the top frame, backtracking through exhausted frames.
    const retry = (): boolean => {
      for (;;) {
        const frame = frames.at(-1);
        if (frame === undefined) return false;
        if (frame.chosen !== undefined) {
          this.linearized[frame.chosen.index] = 0;
          frame.chosen = undefined;
        }
        this.order.length = frame.orderLength;
        while (frame.next < frame.candidates.length) {
          const candidate = frame.candidates[frame.next] as Operation;
          frame.next += 1;
          this.steps += 1;
          const result = this.apply(frame.state, candidate, frame.pending);
          if ('clause' in result) {
            // Report why the operation that returned here could not take effect, not its rivals.
            if (candidate === frame.operation) this.note(frame.event, result);
            continue;
          }
          frame.chosen = candidate;
          this.linearized[candidate.index] = 1;
          this.order.push(candidate);
          pending = new Set(frame.pending);
          pending.delete(candidate);
          state = result;
          event = frame.event;
          return true;
        }
        frames.pop();
      }
    };

    for (;;) {
      if (this.steps > this.budget) return 'budget';
      if (event === this.events.length) {
        const violation = this.atEnd(state, pending);
        if (violation === undefined) return this.order;
        this.note(event, violation);
        if (!retry()) return this.deepest as NonNullable<typeof this.deepest>;
        continue;
      }
      const current = this.events[event] as TraceEvent;
      const operation = current.operation;
      if (current.type === 'call') {
        pending.add(operation);
        event += 1;
        continue;
      }
      const unmet = this.unmet(operation, state, current.type === 'settle' || operation.settlement === event);
      if (unmet === undefined) {
        event += 1;
        continue;
      }
      // The return forces a linearization: try the returning operation first, then the others.
      const others = [...pending].filter((candidate) => candidate !== operation && (candidate.return !== undefined || candidate.kind === 'set'));
      if (others.length === 0 && pending.has(operation)) {
        // Nothing else could take effect first, so there is no choice to come back to.
        this.steps += 1;
        const result = this.apply(state, operation, pending);
        if (!('clause' in result)) {
          this.linearized[operation.index] = 1;
          this.order.push(operation);
          pending.delete(operation);
          state = result;
          continue;
        }
        this.note(event, result);
        if (!retry()) return this.deepest as NonNullable<typeof this.deepest>;
        continue;
      }
      const candidates = pending.has(operation) ? [operation, ...others] : others;
      this.note(event, unmet);
      frames.push({ event, operation, state, pending: [...pending], candidates, next: 0, chosen: undefined, orderLength: this.order.length });
      if (!retry()) return this.deepest as NonNullable<typeof this.deepest>;
    }
  }

  private note(event: number, violation: Violation): void {
    if (this.deepest === undefined || event >= this.deepest.event) this.deepest = { event, violation, order: [...this.order] };
  }

  /**
   * What keeps an operation from having returned (or settled) here: it has not taken effect, or
   * (a sync set that settles here) its audience is incomplete.
   */
  private unmet(operation: Operation, state: State, settles: boolean): Violation | undefined {
    if (this.linearized[operation.index] === 0) {
      return { clause: 'linearizability', message: `${operation.kind} '${operation.id}' returned, but cannot take effect at any instant` };
    }
    if (this.sync && settles) {
      const version = this.versionOf[operation.index] as number;
      if (!this.audienceComplete(state, version)) {
        return { clause: 'SYNC-2', message: `sync set '${operation.id}' (version ${version}) returned before every watcher open at the set received it or closed` };
      }
    }
    return undefined;
  }

  private audienceComplete(state: State, number: number): boolean {
    const version = versionAt(state, number);
    if (version === undefined) return true;
    return version.audience.every((id) => {
      const watcher = state.watchers.get(id);
      return watcher === undefined || watcher.closed || watcher.cursor >= number;
    });
  }

  /** Whether another get of the same watcher is pending (called, not yet taken effect). */
  private otherGetPending(operation: Operation, pending: Iterable<Operation>): boolean {
    for (const other of pending) {
      if (other !== operation && other.kind === 'get' && other.watcher === operation.watcher) {
        const outcome = other.outcome;
        if (outcome === undefined || !('error' in outcome) || outcome.error !== 'ConcurrentGetError') return true;
      }
    }
    return false;
  }

  /** The state after `operation` takes effect in `state`, or why it cannot. */
  private apply(state: State, operation: Operation, pending: Iterable<Operation>): State | Violation {
    switch (operation.kind) {
      case 'set': {
        const number = versionNumber(state) + 1;
        const audience = this.sync ? [...state.watchers].filter(([, watcher]) => !watcher.closed).map(([id]) => id) : [];
        this.versionOf[operation.index] = number;
        return { ...state, latest: { number, data: operation.data, audience, previous: state.latest } };
      }
      case 'watch': {
        const id = operation.watcher as string;
        // GET-2, SYNC-1: a new watcher has, in effect, received the version before the current one.
        return withWatcher(state, id, { cursor: Math.max(versionNumber(state) - 1, 0), closed: false });
      }
      case 'close': {
        const id = operation.watcher as string;
        const watcher = state.watchers.get(id);
        if (watcher === undefined) return { clause: 'WATCH-1', message: `close of watcher '${id}', which no watch has made` };
        return withWatcher(state, id, { ...watcher, closed: true });
      }
      case 'abort': {
        const aborted = new Set(state.aborted);
        aborted.add(operation.signal as string);
        return { ...state, aborted };
      }
      case 'get':
        return this.applyGet(state, operation, pending);
    }
  }

  private applyGet(state: State, operation: Operation, pending: Iterable<Operation>): State | Violation {
    const id = operation.watcher as string;
    const watcher = state.watchers.get(id);
    const outcome = operation.outcome;
    const where = `get '${operation.id}' of watcher '${id}'`;
    if (watcher === undefined) return { clause: 'WATCH-1', message: `${where}: no watch has made that watcher` };
    if (outcome === undefined) return { clause: 'GET-1', message: `${where} never returned` };
    const error = 'error' in outcome ? outcome.error : undefined;
    // GET-7: closed, then concurrent, then aborted.
    if (watcher.closed) {
      return error === 'WatcherClosedError' ? state : { clause: 'CLOSE-3', message: `${where} on a closed watcher did not reject with WatcherClosedError` };
    }
    if (error === 'WatcherClosedError') return { clause: 'CLOSE-3', message: `${where} rejected with WatcherClosedError, but the watcher was open` };
    const concurrent = this.otherGetPending(operation, pending);
    if (error === 'ConcurrentGetError') {
      return concurrent ? state : { clause: 'CONC-1', message: `${where} rejected with ConcurrentGetError, but no other get was pending` };
    }
    if (concurrent) return { clause: 'CONC-1', message: `${where} was made while another get was pending, but was not refused` };
    const signal = operation.signal;
    const abortedAtCall = signal !== undefined && (this.abortReturned.get(signal) ?? Infinity) < operation.call;
    const aborted = signal !== undefined && state.aborted.has(signal);
    const available = versionNumber(state) > watcher.cursor;
    if (error === 'aborted') {
      if (!aborted) return { clause: 'ABORT-1', message: `${where} rejected with its signal's reason, but the signal was not aborted` };
      if (available && !abortedAtCall) return { clause: 'ABORT-2', message: `${where} was aborted although a newer version was there to receive` };
      return state;
    }
    if (error !== undefined) return { clause: 'ERR-1', message: `${where} rejected with '${error}', which no clause allows here` };
    if (abortedAtCall) return { clause: 'ABORT-3', message: `${where} resolved although its signal was aborted before the call` };
    if (!available) return { clause: 'GET-3', message: `${where} returned ${describe((outcome as { data: unknown }).data)}, but no version newer than its cursor existed` };
    const number = this.sync ? watcher.cursor + 1 : versionNumber(state);
    const version = versionAt(state, number) as Version;
    if (!jsonEqual(version.data, (outcome as { data: unknown }).data)) {
      return this.sync
        ? { clause: 'SYNC-1', message: `${where} returned ${describe((outcome as { data: unknown }).data)}, but the next version in its log is ${describe(version.data)}` }
        : { clause: 'ASYNC-1', message: `${where} returned ${describe((outcome as { data: unknown }).data)}, but the newest version is ${describe(version.data)}` };
    }
    return withWatcher(state, id, { ...watcher, cursor: number });
  }

  /** The end of the trace: pending sets take effect; pending gets must be allowed to wait. */
  private atEnd(state: State, pending: ReadonlySet<Operation>): Violation | undefined {
    let final = state;
    for (const operation of [...pending].sort((a, b) => a.call - b.call)) {
      if (operation.kind === 'set') final = this.apply(final, operation, pending) as State;
    }
    for (const operation of pending) {
      if (operation.kind === 'get' && operation.return === undefined) {
        const watcher = final.watchers.get(operation.watcher as string);
        const where = `get '${operation.id}' (line ${operation.line}) never returned`;
        if (watcher === undefined) return { clause: 'WATCH-1', message: `${where}, on a watcher no watch has made` };
        if (watcher.closed) {
          const closedBefore = (this.closeReturned.get(operation.watcher as string) ?? Infinity) < operation.call;
          return closedBefore
            ? { clause: 'CLOSE-3', message: `${where}: it was made on a closed watcher, and should have rejected at once` }
            : { clause: 'CLOSE-2', message: `${where}, although its watcher was closed while it waited` };
        }
        if (operation.signal !== undefined && final.aborted.has(operation.signal)) return { clause: 'ABORT-1', message: `${where}, although its signal was aborted` };
        if (versionNumber(final) > watcher.cursor) return { clause: 'GET-6', message: `${where}, although a version newer than its cursor was set` };
      }
    }
    // Every sync set that never settled, linearized or not, must still be waiting for someone.
    for (const { type, operation } of this.events) {
      if (!this.sync || type !== 'call' || operation.kind !== 'set' || operation.settlement !== undefined) continue;
      const number = this.versionOf[operation.index] as number;
      if (this.audienceComplete(final, number)) {
        const released = versionAt(final, number)?.audience.some((id) => {
          const watcher = final.watchers.get(id);
          return watcher !== undefined && watcher.closed && watcher.cursor < number;
        });
        if (released === true) {
          return { clause: 'CLOSE-5', message: `sync set '${operation.id}' (line ${operation.line}) never settled, although the watchers it waited for closed` };
        }
        return { clause: 'SYNC-2', message: `sync set '${operation.id}' (line ${operation.line}) never settled, although every watcher open at it received it or closed` };
      }
    }
    return undefined;
  }

  get spent(): number {
    return this.steps;
  }
}

/** Whether no two sets overlap in time, so their order is fixed by the trace. */
function setsAreSequential(trace: Trace): boolean {
  let lastReturn = -1;
  for (const operation of trace.operations) {
    if (operation.kind !== 'set') continue;
    if (operation.call < lastReturn) return false;
    lastReturn = operation.return ?? Infinity;
  }
  return true;
}

/**
 * The parts of an async-mode history that can be checked apart: the sets with each watcher's own
 * operations and the aborts of its signals (WATCH-2). Operations on watchers that no watch made
 * go with the first part, where they are reported.
 */
function partitions(trace: Trace): TraceEvent[][] {
  const owner = new Map<string, string>();
  for (const operation of trace.operations) {
    if (operation.kind === 'get' && operation.signal !== undefined) owner.set(operation.signal, operation.watcher as string);
  }
  const parts = new Map<string, TraceEvent[]>();
  const keyOf = (operation: Operation): string | undefined => {
    switch (operation.kind) {
      case 'set':
        return undefined;
      case 'abort':
        return owner.get(operation.signal as string) ?? '';
      case 'watch':
      case 'get':
      case 'close':
        return operation.watcher ?? '';
    }
  };
  for (const operation of trace.operations) {
    const key = keyOf(operation);
    if (key !== undefined && !parts.has(key)) parts.set(key, []);
  }
  if (parts.size === 0) parts.set('', []);
  for (const event of trace.events) {
    const key = keyOf(event.operation);
    if (key === undefined) for (const part of parts.values()) part.push(event);
    else parts.get(key)?.push(event);
  }
  return [...parts.values()];
}

/** For each signal (or watcher), the event index at which its first abort (or close) returned. */
function firstReturns(trace: Trace, kind: 'abort' | 'close', key: (operation: Operation) => string | undefined): Map<string, number> {
  const returns = new Map<string, number>();
  for (const operation of trace.operations) {
    const name = key(operation);
    if (operation.kind === kind && name !== undefined && operation.return !== undefined && !returns.has(name)) returns.set(name, operation.return);
  }
  return returns;
}

/** Merges the orders of the parts: the sets they share once, the rest in the order of their calls. */
function merge(orders: readonly (readonly Operation[])[]): Operation[] {
  const seen = new Set<Operation>();
  const all: Operation[] = [];
  for (const order of orders) for (const operation of order) if (!seen.has(operation)) { seen.add(operation); all.push(operation); }
  return orders.length === 1 ? all : all.sort((a, b) => a.call - b.call);
}

/** The linearization points of an order of operations, each taking effect at one instant. */
function points(order: readonly Operation[]): LinearizationPoint[] {
  let version = 0;
  return order.map((operation) => {
    if (operation.kind === 'set') version += 1;
    return { id: operation.id, phase: 'effect', version };
  });
}

/** Checks a parsed trace. */
export function checkTrace(trace: Trace, options: CheckOptions = {}): Verdict {
  const budget = options.budget ?? 5_000_000;
  const sync = trace.header.mode === 'sync';
  const abortReturned = firstReturns(trace, 'abort', (operation) => operation.signal);
  const closeReturned = firstReturns(trace, 'close', (operation) => operation.watcher);
  const parts = !sync && setsAreSequential(trace) ? partitions(trace) : [[...trace.events]];
  let spent = 0;
  const orders: (readonly Operation[])[] = [];
  for (const events of parts) {
    const search = new Search(sync, events, trace.operations.length, abortReturned, closeReturned, budget - spent);
    const result = search.run();
    spent += search.spent;
    if (result === 'budget') return { verdict: 'unknown', reason: `the search budget of ${budget} steps ran out before a verdict` };
    if (!Array.isArray(result)) {
      const failed = result as { readonly event: number; readonly violation: Violation; readonly order: readonly Operation[] };
      const event = events[failed.event];
      const line = event?.line ?? 'end';
      const prefix = event === undefined ? trace.events.length : trace.events.indexOf(event) + 1;
      return {
        verdict: 'illegal',
        line,
        prefix,
        clause: failed.violation.clause,
        message: failed.violation.message,
        linearization: points(failed.order),
        operation: event?.operation.id,
      };
    }
    orders.push(result);
  }
  return { verdict: 'ok', events: trace.events.length, operations: trace.operations.length, linearization: points(merge(orders)) };
}
