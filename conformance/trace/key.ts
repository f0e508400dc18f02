/**
 * The key of a configuration: its frontier, the progress of the operations around it, and the part
 * of the state that the future can still observe, as a string. Two configurations with the same
 * key have the same futures, so the search explores each key once: the cache that makes Lowe's
 * tester and Porcupine fast.
 *
 * The key leaves out what cannot matter any more, so that orders of instants that differ only
 * there meet in one key, and what its prefix decides. The value's version, which watchers exist,
 * which are closed and which signals are aborted follow from the progress of the sets, watches,
 * closes and aborts (every operation due before the frontier is done; the others are in the key).
 * Each watcher still gets a letter for being unmade (`n`) or closed (`c`), so that a key reads
 * watcher by watcher. In async mode a get receives the newest version or
 * nothing, so a cursor matters only as "has seen the newest version or not", and the log only by
 * its newest datum. In sync mode a watcher receives its log in order, one version per get it has
 * yet to end, so only the data of those next versions matter; and a settlement still to be checked
 * matters only as complete (it stays so), impossible (a watcher of its audience can neither
 * receive it nor be closed any more), or, otherwise, by its version.
 *
 * @module
 */

import { countFrom, countOutstanding, type Frontier } from './frontier.js';
import { Machine, Progress } from './machine.js';
import type { Timeline } from './timeline.js';

/** Makes the keys of one timeline's configurations. */
export class Keys {
  /** Per watcher, while a sync-mode key is made: the gets that may still receive, and the closes, it has left. */
  private readonly gets: Int32Array;
  private readonly closes: Int32Array;

  constructor(
    private readonly timeline: Timeline,
    private readonly machine: Machine,
  ) {
    this.gets = new Int32Array(timeline.watcherNames.length);
    this.closes = new Int32Array(timeline.watcherNames.length);
  }

  /** The key of the configuration at this frontier. */
  key(frontier: Frontier): string {
    const { machine } = this;
    // One digit of progress per active operation: the position decides which operations are
    // active, so nothing need end the digits.
    let key = `${frontier.position}:`;
    for (const operation of frontier.active) key += machine.progress(operation);
    return this.timeline.sync ? this.syncState(frontier, key) : this.asyncState(frontier, key);
  }

  private asyncState(frontier: Frontier, key: string): string {
    const { machine, timeline } = this;
    const current = machine.version;
    // The newest datum (before this part's first set there is none: the set is -1, whose datum
    // reads as undefined, the same text in every key at this frontier), then a letter per watcher,
    // which ends the datum's digits.
    key += timeline.datum[machine.setOf(current)];
    for (const watcher of frontier.watchers) {
      // Stryker disable next-line EqualityOperator: `>=` only swaps the letters `b` and `u`.
      key += this.unopened(watcher) ?? (machine.cursor(watcher) < current ? 'b' : 'u');
    }
    return key;
  }

  /** The letter of a watcher that is not open: `n` if no watch made it, `c` if it is closed. */
  private unopened(watcher: number): string | undefined {
    // Stryker disable next-line StringLiteral: decided by the key's prefix (see the module's comment).
    if (!this.machine.exists(watcher)) return 'n';
    // Stryker disable next-line StringLiteral: decided by the key's prefix as well.
    if (this.machine.closed(watcher)) return 'c';
    return undefined;
  }

  private syncState(frontier: Frontier, key: string): string {
    const { machine, timeline, gets, closes } = this;
    const current = machine.version;
    // The gets that may still receive and the closes still to come: those active and not done,
    // and those called from the frontier on.
    countOutstanding(timeline, machine, frontier, gets, closes);
    for (const watcher of frontier.watchers) {
      gets[watcher] = (gets[watcher] as number) + countFrom(timeline.receivingGetCalls[watcher] as readonly number[], frontier.position);
      closes[watcher] = (closes[watcher] as number) + countFrom(timeline.closeCalls[watcher] as readonly number[], frontier.position);
      const letter = this.unopened(watcher);
      if (letter !== undefined) key += letter;
      else {
        // The comma, which ends the digits of the entry before, is written with the entry's first
        // number: the entry is whole or not there.
        const seen = machine.cursor(watcher);
        key += `,${seen}.${machine.madeAt(watcher)}`;
        const last = Math.min(current, seen + (gets[watcher] as number));
        for (let number = seen + 1; number <= last; number++) key += `.${timeline.datum[machine.setOf(number)]}`;
      }
    }
    // A watch still to come receives the current version first, if its watcher has a get that may
    // receive it. (Before this part's first set the datum reads as undefined, as in async mode.)
    // Whether a watch is still to come depends on the position alone, and whether one is pending on
    // the key's prefix: the same for every key at a frontier. The frontier is never a call, so `>`
    // tests the same as `>=`; with no watch at all, `?? +1` makes only a frontier at position 1
    // write the datum, which there one operation's progress decides.
    // Stryker disable next-line EqualityOperator,UnaryOperator: so neither tells apart two keys that the original does not, nor the reverse.
    const watching = (timeline.watchCalls[timeline.watchCalls.length - 1] ?? -1) >= frontier.position;
    const pendingWatch = frontier.active.some(
      (operation) => timeline.receivingWatch[operation] === 1 && machine.progress(operation) !== Progress.done,
    );
    // Stryker disable next-line StringLiteral: any text that is not a datum does when no watch is to come (it is the same for every key at a frontier).
    const newest = watching || pendingWatch ? timeline.datum[machine.setOf(current)] : '';
    key += `|${newest}|${frontier.blocked}|`;
    for (const set of frontier.settles) {
      // A set not done is active, its progress in the key's prefix: `-` only marks its place. (Were
      // it read as done, its version would read 0, never written, the same text in every key of the part.)
      // Stryker disable next-line StringLiteral,ConditionalExpression: so neither emptying it nor reading the set as done merges two keys the prefix tells apart.
      if (machine.progress(set) !== Progress.done) key += '-';
      else {
        const number = machine.versionOf(set);
        // Stryker disable next-line StringLiteral: the three answers stay distinct with either letter emptied (each is followed by a comma, and a version is digits).
        key += machine.audienceComplete(number) ? 'y' : this.neverComplete(frontier, number) ? 'x' : number;
      }
      key += ',';
    }
    // The watcher of every active operation is among the frontier's watchers (it joined at its first
    // call and stays while one of its operations is due), so this clears every count made above.
    for (const watcher of frontier.watchers) gets[watcher] = closes[watcher] = 0;
    return key;
  }

  /** Whether a version's audience can never be complete (with the counts `syncState` just made). */
  private neverComplete(frontier: Frontier, number: number): boolean {
    const machine = this.machine;
    return number > frontier.blocked || frontier.watchers.some(
      (watcher) =>
        machine.exists(watcher) &&
        !machine.closed(watcher) &&
        machine.madeAt(watcher) < number &&
        machine.cursor(watcher) + (this.gets[watcher] as number) < number &&
        this.closes[watcher] === 0,
    );
  }
}
