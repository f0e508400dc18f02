/**
 * Splitting a history into parts the checker can judge one by one, and merging their
 * linearizations back into one.
 *
 * Watchers interact only through the sets (and, in sync mode, the settlements of those sets, which
 * wait for every watcher of their audience) and through the signals their gets share (WATCH-2).
 * So the history of one watcher, with every set and the aborts of its signals, can be judged on
 * its own, *provided that every instant those parts share is fixed*: if a set could take effect
 * anywhere in a long interval, one watcher's part might place it early and another's late, each
 * legal alone and the whole illegal (a stale read: one watcher sees the set, and a get of another
 * watcher, called after that, does not). The checker therefore splits only when every shared
 * operation is *atomic*: its call and its return are adjacent events of the trace (an `op` event,
 * as the JavaScript recorder writes for every set and abort), so that its instant is the same in
 * every part. The order of those shared instants, and their places among every other event, is
 * then the trace's own; each watcher is checked against it, and the parts' linearizations merge
 * into one by the events they follow (`linearization.ts`).
 *
 * In sync mode a settlement needs every watcher of its audience, so each part checks it for its
 * own watcher, and together they check it for all. A set that never settled at a quiescent end
 * needs *some* watcher of its audience still to owe it, which no single part can say, so such a
 * trace is not split.
 *
 * @module
 */

import type { Operation, Trace } from './format.js';

/** Whether an operation's call and return are adjacent events, so it takes effect at a fixed instant. */
function atomic(operation: Operation): boolean {
  return operation.return === operation.call + 1;
}

/** A part of a history: its events (indices among the trace's, ascending), and the version its first set makes. */
export interface Part {
  /** The indices of its events among the trace's, ascending. */
  readonly events: Int32Array | readonly number[];
  /** The version its first set makes (the sets of a split history are atomic, so their order is the trace's). */
  readonly firstVersion: number;
}

/**
 * The parts of a history that can be judged one by one: one per watcher, with the aborts of the
 * signals its gets were given and the sets of its lifetime (from the last set before its first
 * call, whose data its first get may receive, to its last return; in sync mode, to the end unless
 * it was closed, since an open watcher is in the audience of every later set), and one part of
 * the sets alone, so that every set has its place in the merged linearization. A history that
 * cannot be split is one part.
 */
export function split(trace: Trace): Part[] {
  const whole = [{ events: Int32Array.from(trace.events, (_, index) => index), firstVersion: 1 }];
  const users = new Map<string, Set<string>>();
  for (const operation of trace.operations) {
    if (operation.kind === 'get' && operation.signal !== undefined) {
      const watchers = users.get(operation.signal) ?? new Set();
      watchers.add(operation.watcher as string);
      users.set(operation.signal, watchers);
    }
  }
  const sync = trace.header.mode === 'sync';
  for (const operation of trace.operations) {
    const shared = operation.kind === 'set' || (operation.kind === 'abort' && (users.get(operation.signal as string)?.size ?? 0) > 1);
    if (shared && !atomic(operation)) return whole;
    if (sync && trace.quiescent && operation.kind === 'set' && operation.settlement === undefined) return whole;
  }
  // The part of each operation other than a set: its watcher's, or, for an abort, each of the
  // parts whose gets were given its signal.
  const keys = (operation: Operation): readonly string[] => {
    // Stryker disable next-line StringLiteral: the name of the part of the aborts whose signal no get was given only groups them; another name groups them alike (they change nothing a get can see).
    if (operation.kind === 'abort') return [...(users.get(operation.signal as string) ?? [''])];
    // Stryker disable next-line StringLiteral: an unnamed watch gets a part of its own; with one name for all, they share a part, and an unnamed watch makes a watcher no other operation names, so the verdict is the same.
    return [operation.watcher ?? `\u0000${operation.id}`];
  };
  const owned = new Map<string, Operation[]>();
  for (const operation of trace.operations) {
    if (operation.kind === 'set') continue;
    for (const key of keys(operation)) {
      const list = owned.get(key);
      if (list === undefined) owned.set(key, [operation]);
      else list.push(operation);
    }
  }
  if (owned.size < 2) return whole;
  const sets = trace.operations.filter((operation) => operation.kind === 'set');
  const eventsOf = (set: Operation): number[] => [set.call, set.call + 1, ...(set.settlement !== undefined && set.settlement !== set.return ? [set.settlement] : [])];
  const parts: Part[] = [{ events: Int32Array.from(sets.flatMap(eventsOf)).sort(), firstVersion: 1 }];
  for (const operations of owned.values()) {
    const start = Math.min(...operations.map((operation) => operation.call));
    const pending = operations.some((operation) => operation.return === undefined);
    // A close that never returned makes the part pending, which decides the end first.
    const closed = operations.some((operation) => operation.kind === 'close');
    const end = pending || (sync && !closed) ? Infinity : Math.max(...operations.map((operation) => operation.return as number));
    // Stryker disable next-line EqualityOperator: `start` is the index of another operation's call, never a set's, so `>=` and `>` agree.
    let first = sets.findIndex((set) => set.call >= start);
    if (first === -1) first = sets.length;
    if (first > 0) first -= 1;
    // Stryker disable next-line EqualityOperator: `end` is the index of a return, or Infinity, never a set's call, so `<=` and `<` agree.
    const included = sets.slice(first).filter((set, index) => index === 0 || set.call <= end);
    const events: number[] = [];
    for (const operation of operations) {
      events.push(operation.call);
      if (operation.return !== undefined) events.push(operation.return);
    }
    for (const set of included) events.push(...eventsOf(set));
    // A typed array sorts numbers, fast; no event is in the list twice (a part's own operations are
    // not sets, and an abort belongs to the part once).
    parts.push({ events: Int32Array.from(events).sort(), firstVersion: first + 1 });
  }
  return parts;
}
