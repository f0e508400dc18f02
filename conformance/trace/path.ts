/**
 * A path through the search: the instants taken so far, in order, one array per field (a search
 * of a million instants would otherwise make a million small objects).
 *
 * @module
 */

const none: readonly number[] = [];

/** The instants of a path. */
export class Path {
  /** Each instant's operation (by its number in the timeline). */
  readonly operation: number[] = [];
  /** Whether each instant is the follow-up of a waiting get whose signal was aborted. */
  readonly followUp: boolean[] = [];
  /** Whether each instant is the request of a get that then waited. */
  readonly waited: boolean[] = [];
  /** The version right after each instant. */
  readonly version: number[] = [];
  /** The index among the trace's events after which each instant happens, at the earliest. */
  readonly time: number[] = [];
  /** The gets whose wait each instant ended (a set's or a close's), in the order they began waiting. */
  readonly ended: (readonly number[])[] = [];

  /** How many instants the path holds. */
  get length(): number {
    return this.operation.length;
  }

  /** Adds an instant. */
  push(operation: number, followUp: boolean, waited: boolean, version: number, time: number, ended: readonly number[]): void {
    this.operation.push(operation);
    this.followUp.push(followUp);
    this.waited.push(waited);
    this.version.push(version);
    this.time.push(time);
    // Stryker disable next-line ConditionalExpression: its `false` mutant keeps each empty list instead of the shared one, which costs only memory (a path of a million instants would hold as many); its `true` mutant is killed by test/trace-internals.test.ts.
    this.ended.push(ended.length === 0 ? none : ended);
  }

  /** Removes the instants after the first `length`. */
  truncate(length: number): void {
    this.operation.length = length;
    this.followUp.length = length;
    this.waited.length = length;
    this.version.length = length;
    this.time.length = length;
    this.ended.length = length;
  }

  /** The time of the last instant, or 0. */
  lastTime(): number {
    return this.time.at(-1) ?? 0;
  }

  /** A copy of the path as it is now. */
  copy(): Path {
    const path = new Path();
    path.operation.push(...this.operation);
    path.followUp.push(...this.followUp);
    path.waited.push(...this.waited);
    path.version.push(...this.version);
    path.time.push(...this.time);
    path.ended.push(...this.ended);
    return path;
  }
}
