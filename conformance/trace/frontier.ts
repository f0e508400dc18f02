/**
 * The frontier of a configuration: the first return or settlement of the timeline that the
 * instants so far do not explain. Nothing after it may happen before it is explained, so the
 * instants that may come next are those of the operations called before it; and what the future
 * can still observe of the state is bounded by what is due at or after it.
 *
 * @module
 */

import { Machine, Progress } from './machine.js';
import { Kind, never, Outcome, Position, type Timeline } from './timeline.js';

/** A frontier, with what matters there. */
export interface Frontier {
  /** The position of the first return or settlement not explained, or the horizon. */
  readonly position: number;
  /** Operations called before the frontier and not due before it, soonest due first. */
  readonly active: readonly number[];
  /** Watchers whose state the future may still observe. */
  readonly watchers: readonly number[];
  /** Sync-mode sets whose settlement is still to be checked. */
  readonly settles: readonly number[];
  /**
   * Sync mode: every version above this one has a watcher in its audience that will never receive
   * it nor be closed: an open watcher none of whose operations is due any more. Such watchers are
   * summed up in this one number (the least, over them, of their cursor and the version they were
   * made at) rather than listed; `never` when there is none.
   */
  readonly blocked: number;
}

/** The frontier before anything happened. */
export const start: Frontier = { position: 0, active: [], watchers: [], settles: [], blocked: never };

/** Whether the return or settlement at a position is explained: its operation is done (and a sync set settled). */
export function explained(timeline: Timeline, machine: Machine, position: number): boolean {
  const operation = timeline.positionOperation[position] as number;
  // A return is explained once its operation is done; a settlement comes after its set's return,
  // which was explained first, so there the set is done already.
  if (machine.progress(operation) !== Progress.done) return false;
  return timeline.settleAt[operation] !== position || machine.audienceComplete(machine.versionOf(operation));
}

/** Moves the frontier past every call and every explained return or settlement, and lists what then matters. */
export function advance(timeline: Timeline, machine: Machine, from: Frontier): Frontier {
  const unexplained = timeline.positionType.subarray(from.position).findIndex((type, offset) => type !== Position.call && !explained(timeline, machine, from.position + offset));
  const position = unexplained === -1 ? timeline.positionType.length : from.position + unexplained;
  if (position === from.position) return from;
  const active = from.active.filter((operation) => (timeline.returnAt[operation] as number) >= position);
  // A watcher matters while one of its operations is due; in sync mode an open one also counts in
  // the audience of every later set, which it will never complete. (The lists are copied only when
  // they change: most moves of the frontier change neither.)
  let blocked = from.blocked;
  let watchers = from.watchers;
  if (watchers.some((watcher) => (timeline.watcherLast[watcher] as number) < position)) {
    watchers = watchers.filter((watcher) => {
      if ((timeline.watcherLast[watcher] as number) >= position) return true;
      if (timeline.sync && machine.exists(watcher) && !machine.closed(watcher)) blocked = Math.min(blocked, Math.max(machine.cursor(watcher), machine.madeAt(watcher)));
      return false;
    });
  }
  let settles = from.settles.some((set) => (timeline.settleAt[set] as number) < position) ? from.settles.filter((set) => (timeline.settleAt[set] as number) >= position) : from.settles;
  timeline.positionType.subarray(from.position, position).forEach((type, offset) => {
    const index = from.position + offset;
    if (type !== Position.call) return;
    const operation = timeline.positionOperation[index] as number;
    active.push(operation);
    const watcher = timeline.watcher[operation] as number;
    // An operation without a watcher has watcher -1, and a typed array read out of bounds is
    // undefined, never an index.
    if (timeline.watcherFirst[watcher] === index) watchers = [...watchers, watcher];
    // A sync set's settlement is checked where it settled, or at a quiescent end if it never did.
    if (timeline.sync && timeline.kind[operation] === Kind.set && (timeline.settleAt[operation] !== never || timeline.quiescent)) settles = [...settles, operation];
  });
  // Soonest due first: the operation whose return is the frontier must take effect anyway. The sort
  // is stable, and operations join in the order of their calls, so those due together (the ones
  // that never return) stay in that order.
  active.sort((a, b) => (timeline.returnAt[a] as number) - (timeline.returnAt[b] as number));
  return { position, active, watchers, settles, blocked };
}

/** How many of the ascending positions are at or after `position` (a binary search, within `low` to `high`). */
export function countFrom(positions: readonly number[], position: number, low = 0, high = positions.length): number {
  if (low === high) return positions.length - low;
  const middle = (low + high) >> 1;
  return (positions[middle] as number) < position ? countFrom(positions, position, middle + 1, high) : countFrom(positions, position, low, middle);
}

/**
 * Adds into `gets` and `closes`, per watcher, the gets that may receive a version (they returned
 * data, or never returned) and the closes that were called before the frontier and are not done:
 * those that can still take effect, besides the ones called from the frontier on.
 */
export function countOutstanding(timeline: Timeline, machine: Machine, frontier: Frontier, gets: Int32Array, closes: Int32Array): void {
  for (const operation of frontier.active) {
    if (machine.progress(operation) === Progress.done) continue;
    const watcher = timeline.watcher[operation] as number;
    const kind = timeline.kind[operation];
    if (kind === Kind.close) closes[watcher] = (closes[watcher] as number) + 1;
    else if (kind === Kind.get && (timeline.outcome[operation] === Outcome.data || timeline.outcome[operation] === Outcome.pending)) gets[watcher] = (gets[watcher] as number) + 1;
  }
}

/** How many of the ascending call positions are at or after `from` and before `due`. */
export function calledBetween(calls: readonly number[], from: number, due: number): number {
  return countFrom(calls, from) - countFrom(calls, due);
}
