/**
 * Quick tests that rule out configurations no linearization can complete, so that the search does
 * not explore every order of the instants between a wrong choice and the return that would show
 * it wrong. Each names a position by which every continuation fails, which the search needs to
 * find the exact shortest illegal prefix.
 *
 * Both tests are about sync mode, whose log makes choices show late:
 *
 * - A watcher receives its log in order, so when its next version exists already, the next of its
 *   gets to return data returns that version's datum. If none of its gets still to end returned
 *   that datum, the configuration fails by the first return of those gets. (A watcher with a get
 *   that never returned is not judged so: that get may have received anything.)
 * - A set that must settle by some position cannot, if a watcher of its audience (or, for a set
 *   still to take effect, a watcher open now, which will be in its audience) can neither receive
 *   its version nor be closed before that position.
 * - A set that never settled, in a trace that ends quiescent, must still be waiting at the end: if
 *   its audience is complete already, it stays complete, and the end fails.
 *
 * @module
 */

import { calledBetween, countFrom, countOutstanding, type Frontier } from './frontier.js';
import { Machine, Progress } from './machine.js';
import { Kind, never, Outcome, type Timeline } from './timeline.js';

/**
 * A position by which every continuation of this configuration fails, among those before
 * `limit` (the timeline's length stands for its quiescent end); -1 if the tests find none.
 */
export function doomedBy(timeline: Timeline, machine: Machine, frontier: Frontier, limit: number): number {
  if (!timeline.sync) return -1;
  const settlement = unsettleable(timeline, machine, frontier, limit);
  if (settlement >= 0) return settlement;
  const receipt = unreceivable(timeline, machine, frontier, limit);
  return receipt >= 0 ? receipt : settledForEver(timeline, machine, frontier, limit);
}

function settledForEver(timeline: Timeline, machine: Machine, frontier: Frontier, limit: number): number {
  const end = timeline.positionType.length;
  if (!timeline.quiescent || end >= limit) return -1;
  for (const set of frontier.settles) {
    if (timeline.settleAt[set] === never && machine.progress(set) === Progress.done && machine.audienceComplete(machine.versionOf(set))) return end;
  }
  return -1;
}

function unsettleable(timeline: Timeline, machine: Machine, frontier: Frontier, limit: number): number {
  const current = machine.version;
  // Per watcher, its gets that may still receive and its closes still to come, among the
  // operations called already; those called from the frontier up to a set's due position are
  // added per set.
  const gets = new Int32Array(timeline.watcherNames.length);
  const closes = new Int32Array(timeline.watcherNames.length);
  countOutstanding(timeline, machine, frontier, gets, closes);
  for (const set of frontier.settles) {
    const due = timeline.settleAt[set] as number;
    if (due >= limit) continue;
    const done = machine.progress(set) === Progress.done;
    const number = done ? machine.versionOf(set) : current + 1;
    if (number > frontier.blocked && !(done && machine.audienceComplete(number))) return due;
    for (const watcher of frontier.watchers) {
      if (!machine.exists(watcher) || machine.closed(watcher) || machine.cursor(watcher) >= number || (done && machine.madeAt(watcher) >= number)) continue;
      if ((closes[watcher] as number) + calledBetween(timeline.closeCalls[watcher] as readonly number[], frontier.position, due) > 0) continue;
      const receipts = (gets[watcher] as number) + calledBetween(timeline.receivingGetCalls[watcher] as readonly number[], frontier.position, due);
      if (machine.cursor(watcher) + receipts < number) return due;
    }
  }
  return -1;
}

function unreceivable(timeline: Timeline, machine: Machine, frontier: Frontier, limit: number): number {
  const current = machine.version;
  for (const watcher of frontier.watchers) {
    if (timeline.pendingGets[watcher] === 1 || !machine.exists(watcher) || machine.closed(watcher)) continue;
    const seen = machine.cursor(watcher);
    if (seen >= current) continue;
    const datum = timeline.datum[machine.setOf(seen + 1)] as number;
    let matching = countFrom(timeline.dataGetCalls[watcher]?.get(datum) ?? [], frontier.position);
    // The gets of the watcher still to return data receive its next versions in order, so when the
    // first of them returns, the next version has been received by one of them.
    const calls = timeline.anyDataGetCalls[watcher] as readonly number[];
    let due = (timeline.dataGetEarliestReturn[watcher] as readonly number[])[calls.length - countFrom(calls, frontier.position)] ?? never;
    for (const operation of frontier.active) {
      if (timeline.watcher[operation] !== watcher || timeline.kind[operation] !== Kind.get || timeline.outcome[operation] !== Outcome.data) continue;
      if (machine.progress(operation) === Progress.done) continue;
      due = Math.min(due, timeline.returnAt[operation] as number);
      if (timeline.datum[operation] === datum) matching += 1;
    }
    if (due < limit && matching === 0) return due;
  }
  return -1;
}
