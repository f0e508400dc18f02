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

/**
 * The parts of a history that can be judged one by one, as lists of event indices: one per
 * watcher, each with every set and settlement and the aborts of the signals its gets were given.
 * A history that cannot be split is one part.
 */
export function split(trace: Trace): number[][] {
  const whole = [trace.events.map((_, index) => index)];
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
    if (operation.kind === 'abort') return [...(users.get(operation.signal as string) ?? [''])];
    return [operation.watcher ?? `\u0000${operation.id}`];
  };
  const parts = new Map<string, number[]>();
  for (const operation of trace.operations) {
    if (operation.kind !== 'set') for (const key of keys(operation)) if (!parts.has(key)) parts.set(key, []);
  }
  if (parts.size < 2) return whole;
  const lists = [...parts.values()];
  trace.events.forEach((event, index) => {
    // Every part holds every set and settlement, in their places among its own events.
    if (event.operation.kind === 'set') for (const list of lists) list.push(index);
    else for (const key of keys(event.operation)) (parts.get(key) as number[]).push(index);
  });
  return lists;
}
