/**
 * Quick tests that rule out configurations no linearization can complete, so that the search does
 * not explore every order of the instants between a wrong choice and the return that would show
 * it wrong. Each names a position by which every continuation fails, which the search needs to
 * find the exact shortest illegal prefix.
 *
 * Both tests are about sync mode, whose log makes choices show late:
 *
 * - A watcher receives its log in order, one version per get, so when its next versions exist
 *   already, its gets still to return data return those versions' data, in the order they
 *   receive them. If its gets still to end cannot cover the data of its next few versions, the
 *   configuration fails by the return of the get that would have to receive the first version
 *   not covered. (A watcher with a get that never returned is not judged so: that get may have
 *   received anything.) Looking beyond the next version matters when sets overlap: a set placed
 *   too early shows in a watcher's log two versions on, long before that watcher's get returns.
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
import { never, Outcome, type Timeline } from './timeline.js';

/**
 * A position by which every continuation of this configuration fails, among those before
 * `limit` (the timeline's length stands for its quiescent end); -1 if the tests find none.
 */
export function doomedBy(timeline: Timeline, machine: Machine, frontier: Frontier, limit: number): number {
  if (!timeline.sync) return -1;
  const settlement = unsettleable(timeline, machine, frontier, limit);
  if (settlement !== -1) return settlement;
  const receipt = unreceivable(timeline, machine, frontier, limit);
  return receipt !== -1 ? receipt : settledForEver(timeline, machine, frontier, limit);
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
    // A watcher summed up in `blocked` is in the audience of every version above it, and will
    // neither receive them nor be closed: those versions never settle.
    if (number > frontier.blocked) return due;
    for (const watcher of frontier.watchers) {
      if (!machine.exists(watcher) || machine.closed(watcher) || (done && machine.madeAt(watcher) >= number)) continue;
      if ((closes[watcher] as number) + calledBetween(timeline.closeCalls[watcher] as readonly number[], frontier.position, due) > 0) continue;
      const receipts = (gets[watcher] as number) + calledBetween(timeline.receivingGetCalls[watcher] as readonly number[], frontier.position, due);
      if (machine.cursor(watcher) + receipts < number) return due;
    }
  }
  return -1;
}

/** How many of a watcher's next versions `unreceivable` compares with its gets: enough to see a wrong order of sets a few versions on, at a cost bounded per configuration. */
const lookahead = 8;

function unreceivable(timeline: Timeline, machine: Machine, frontier: Frontier, limit: number): number {
  const current = machine.version;
  for (const watcher of frontier.watchers) {
    if (timeline.pendingGets[watcher] === 1 || !machine.exists(watcher) || machine.closed(watcher)) continue;
    const seen = machine.cursor(watcher);
    // A shortcut: a watcher that has received the current version has no next version, for which
    // `firstUnreceivable` would count nothing and answer `never` (a cursor is never past the version).
    // Stryker disable next-line ConditionalExpression,EqualityOperator: so skipping it or not gives the same answer.
    if (seen >= current) continue;
    const due = firstUnreceivable(timeline, machine, frontier, watcher, Math.min(current - seen, lookahead));
    if (due < limit) return due;
  }
  return -1;
}

/**
 * The position by which a watcher's gets fail to receive its next `count` versions, or `never`.
 *
 * The watcher's gets still to return data (active and not done, or called from the frontier on)
 * receive its next versions in order, one each: so once `j` of them have returned, its next `j`
 * versions have been received, each by a get that returned that version's datum. If, for some
 * `j`, fewer of those gets returned the `j`th version's datum than the versions up to it need,
 * the `j`th of their returns cannot be explained. That return is no earlier than the `j`th
 * earliest return among any `j` or more of the gets, which is the position given.
 */
function firstUnreceivable(timeline: Timeline, machine: Machine, frontier: Frontier, watcher: number, count: number): number {
  const seen = machine.cursor(watcher);
  const byDatum = timeline.dataGetCalls[watcher] as ReadonlyMap<number, readonly number[]>;
  const calls = timeline.anyDataGetCalls[watcher] as readonly number[];
  const firstCalled = calls.length - countFrom(calls, frontier.position);
  const active: number[] = [];
  for (const operation of frontier.active) {
    // Only a get has an outcome.
    if (timeline.watcher[operation] !== watcher || timeline.outcome[operation] !== Outcome.data) continue;
    if (machine.progress(operation) !== Progress.done) active.push(operation);
  }
  const needed: number[] = [];
  for (let next = 1; next <= count; next++) {
    const datum = timeline.datum[machine.setOf(seen + next)] as number;
    needed.push(datum);
    let matching = countFrom(byDatum.get(datum) ?? [], frontier.position);
    for (const operation of active) if (timeline.datum[operation] === datum) matching += 1;
    if (matching >= needed.filter((wanted) => wanted === datum).length) continue;
    // The first return is known exactly; a later one from a sample of the gets, which is later
    // than or as late as the exact one, so the position stays one by which every continuation fails.
    if (next === 1) return Math.min((timeline.dataGetEarliestReturn[watcher] as readonly number[])[firstCalled] ?? never, ...active.map((operation) => timeline.returnAt[operation] as number));
    const returns = active.map((operation) => timeline.returnAt[operation] as number);
    // The `next`th earliest return of some of the gets is no earlier than that of all of them, the
    // exact position; a sample one larger, or all of the gets, names a nearer position that is just
    // as sound, at more cost. (One past the end adds `undefined`, which sorts last.)
    // Stryker disable next-line EqualityOperator,MethodExpression: a sound position nearer or not changes how much the search explores, never its answer.
    for (let index = firstCalled; index < Math.min(calls.length, firstCalled + count); index++) returns.push(timeline.returnAt[timeline.positionOperation[calls[index] as number] as number] as number);
    returns.sort((a, b) => a - b);
    return returns[next - 1] ?? never;
  }
  return never;
}
