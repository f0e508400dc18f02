/**
 * The trace format (docs/trace-format.md): JSON Lines, a header, then events in the order a
 * recorder saw them, and optionally an end marker that says whether the recording stopped at a
 * quiescent point. This module parses a trace into operations with call and return positions.
 *
 * @module
 */

/** The header line. */
export interface TraceHeader {
  /** Names the format. */
  readonly trace: 'event-value';
  /** The format's version. */
  readonly version: 1;
  /** The value's mode (VAL-6). */
  readonly mode: 'async' | 'sync';
}

/** The operations a trace can hold. */
export type OperationKind = 'set' | 'watch' | 'get' | 'abort' | 'close';

/** A get's outcome: a JSON value, or an error by name (`aborted` for the signal's own reason). */
export type GetOutcome = ResolvedOutcome | RejectedOutcome;

/** A get that resolved. */
export interface ResolvedOutcome {
  /** The JSON value it resolved with. */
  readonly data: unknown;
}

/** A get that rejected. */
export interface RejectedOutcome {
  /** The error's name, or `aborted` for the signal's own reason. */
  readonly error: string;
}

/** One operation, with where its call and its return stand among the events. */
export interface Operation {
  /** Its position among the trace's operations. */
  readonly index: number;
  /** The operation's id in the trace. */
  readonly id: string;
  /** The thread (or task) that made it; `main` by default. */
  readonly thread: string;
  /** What operation it is. */
  readonly kind: OperationKind;
  /** `set`: the data set. */
  readonly data?: unknown;
  /**
   * `watch`: the watcher made (named by the return, or already by the call, so that a watch that
   * never returned can still be named); `get`, `close`: the watcher used.
   */
  readonly watcher?: string;
  /** `get`: the signal it was given; `abort`: the signal aborted. */
  readonly signal?: string;
  /** `get`: what it returned, once it did. */
  outcome?: GetOutcome;
  /** The event index of the call. */
  readonly call: number;
  /** The event index of the return; undefined while the operation never returned. */
  return: number | undefined;
  /**
   * `set` in sync mode: the event index at which its promise settled (SYNC-2). A return settles
   * the set too, unless it says `"settled": false`, when a later `settle` event does, if any.
   */
  settlement: number | undefined;
  /** The line of the trace file that called it, for reports. */
  readonly line: number;
}

/** One event: an operation's call, its return, or (sync-mode set) its settlement. */
export interface TraceEvent {
  /** Which event of the operation this is. */
  readonly type: 'call' | 'return' | 'settle';
  /** The operation it belongs to. */
  readonly operation: Operation;
  /** The line of the trace file it came from. */
  readonly line: number;
}

/** A parsed trace. */
export interface Trace {
  /** The header line. */
  readonly header: TraceHeader;
  /**
   * Whether the trace ends with `{"event":"end","quiescent":true}`: the recorder waited until
   * nothing could progress, so an operation still pending is one the spec lets wait forever. Without
   * it, a pending operation may have taken effect after the recording stopped, or not at all.
   */
  readonly quiescent: boolean;
  /** Every operation, in the order of their calls. */
  readonly operations: readonly Operation[];
  /** Every event, in the order recorded. */
  readonly events: readonly TraceEvent[];
}

/** A trace that cannot be read, with the line at fault. */
export class TraceFormatError extends Error {
  /** Always `'TraceFormatError'`. */
  override readonly name = 'TraceFormatError';

  constructor(
    /** The line at fault. */
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

type Json = Record<string, unknown>;

function field(record: Json, key: string, line: number, type: 'string'): string {
  const value = record[key];
  if (typeof value !== type) throw new TraceFormatError(line, `'${key}' must be a ${type}`);
  return value as string;
}

/** Parses the text of a trace (JSON Lines); blank lines are ignored. */
export function parseTrace(text: string): Trace {
  const lines = text.split('\n');
  let header: TraceHeader | undefined;
  let quiescent = false;
  const operations: Operation[] = [];
  const events: TraceEvent[] = [];
  const byId = new Map<string, Operation>();
  const made = new Map<string, string>();
  let ended: number | undefined;
  /** A watcher's name may be given by one watch only: the checker follows each watcher by name. */
  const nameWatcher = (operation: Operation, line: number): void => {
    const name = operation.watcher;
    if (operation.kind !== 'watch' || name === undefined || made.get(name) === operation.id) return;
    if (made.has(name)) throw new TraceFormatError(line, `watcher '${name}' is made by two watches`);
    made.set(name, operation.id);
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let record: Json;
    try {
      record = JSON.parse(raw) as Json;
    } catch {
      throw new TraceFormatError(line, 'not valid JSON');
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new TraceFormatError(line, 'each line must be a JSON object');
    if (ended !== undefined) throw new TraceFormatError(line, `nothing may follow the end marker of line ${ended}`);
    if (header === undefined) {
      if (record['trace'] !== 'event-value' || record['version'] !== 1 || (record['mode'] !== 'async' && record['mode'] !== 'sync')) {
        throw new TraceFormatError(line, 'the first line must be the header {"trace":"event-value","version":1,"mode":"async"|"sync"}');
      }
      header = { trace: 'event-value', version: 1, mode: record['mode'] };
      return;
    }
    const event = record['event'];
    if (event === 'end') {
      if (typeof record['quiescent'] !== 'boolean' || Object.keys(record).length !== 2) {
        throw new TraceFormatError(line, 'the end marker is {"event":"end","quiescent":true} or {"event":"end","quiescent":false}');
      }
      quiescent = record['quiescent'];
      ended = line;
      return;
    }
    const id = field(record, 'id', line, 'string');
    if (event === 'settle') {
      const operation = byId.get(id);
      if (operation?.kind !== 'set' || operation.return === undefined || operation.settlement !== undefined) {
        throw new TraceFormatError(line, `settle of '${id}', which is not a set that returned unsettled`);
      }
      operation.settlement = events.length;
      events.push({ type: 'settle', operation, line });
      return;
    }
    let called: Operation | undefined;
    if (event === 'call' || event === 'op') {
      if (byId.has(id)) throw new TraceFormatError(line, `operation id '${id}' is used twice`);
      called = readCall(record, id, operations.length, events.length, line);
      nameWatcher(called, line);
      byId.set(id, called);
      operations.push(called);
      events.push({ type: 'call', operation: called, line });
    }
    if (event === 'return' || event === 'op') {
      // An operation is open from its call to its return: one that has a return index has returned.
      const operation = called ?? byId.get(id);
      if (operation === undefined || operation.return !== undefined) throw new TraceFormatError(line, `return of '${id}', which was not called or has returned already`);
      readReturn(record, operation, line);
      nameWatcher(operation, line);
      operation.return = events.length;
      // A return settles a set, unless it says it did not (a promise that settles later).
      if (operation.kind === 'set' && record['settled'] !== false) operation.settlement = events.length;
      events.push({ type: 'return', operation, line });
    }
    if (event !== 'call' && event !== 'return' && event !== 'op') throw new TraceFormatError(line, "'event' must be 'call', 'return', 'op', 'settle' or 'end'");
  });
  if (header === undefined) throw new TraceFormatError(1, 'the trace is empty: it needs at least the header line');
  return { header, quiescent, operations, events };
}

function readCall(record: Json, id: string, index: number, call: number, line: number): Operation {
  const kind = record['op'];
  if (kind !== 'set' && kind !== 'watch' && kind !== 'get' && kind !== 'abort' && kind !== 'close') {
    throw new TraceFormatError(line, "'op' must be one of set, watch, get, abort, close");
  }
  const thread = typeof record['thread'] === 'string' ? record['thread'] : 'main';
  const operation: { -readonly [K in keyof Operation]: Operation[K] } = { index, id, thread, kind, call, return: undefined, settlement: undefined, line };
  switch (kind) {
    case 'set':
      if (!('data' in record)) throw new TraceFormatError(line, "a set needs 'data'");
      operation.data = record['data'];
      return operation;
    case 'watch': {
      const watcher = record['watcher'];
      if (watcher !== undefined) operation.watcher = field(record, 'watcher', line, 'string');
      return operation;
    }
    case 'get': {
      const signal = record['signal'];
      if (signal !== undefined && typeof signal !== 'string') throw new TraceFormatError(line, "'signal' must be a string");
      operation.watcher = field(record, 'watcher', line, 'string');
      if (signal !== undefined) operation.signal = signal;
      return operation;
    }
    case 'abort':
      operation.signal = field(record, 'signal', line, 'string');
      return operation;
    case 'close':
      operation.watcher = field(record, 'watcher', line, 'string');
      return operation;
  }
}

function readReturn(record: Json, operation: Operation, line: number): void {
  switch (operation.kind) {
    case 'watch': {
      // The call may have named the watcher already; then the return need not repeat it.
      if (operation.watcher !== undefined && record['watcher'] === undefined) return;
      const watcher = field(record, 'watcher', line, 'string');
      if (operation.watcher !== undefined && operation.watcher !== watcher) {
        throw new TraceFormatError(line, `watch '${operation.id}' was called for watcher '${operation.watcher}' but returned '${watcher}'`);
      }
      (operation as { watcher?: string }).watcher = watcher;
      return;
    }
    case 'get':
      if ('data' in record) operation.outcome = { data: record['data'] };
      else if (typeof record['error'] === 'string') operation.outcome = { error: record['error'] };
      else throw new TraceFormatError(line, "a get's return needs 'data' or 'error'");
      return;
    // A set, an abort and a close return nothing to record.
  }
}
