/**
 * A path through the search: the instants taken so far, in order, kept in typed arrays that grow
 * as needed. A search of a million instants would otherwise make a million small objects.
 *
 * @module
 */

/** The instants of a path. */
export class Path {
  /** Each instant's operation (by its number in the timeline). */
  operation = new Int32Array(64);
  /** Whether each instant is the follow-up of a waiting get whose signal was aborted. */
  followUp = new Uint8Array(64);
  /** Whether each instant is the request of a get that then waited. */
  waited = new Uint8Array(64);
  /** The version right after each instant. */
  version = new Int32Array(64);
  /** The index among the trace's events after which each instant happens, at the earliest. */
  time = new Int32Array(64);
  /** Where each instant's ended gets start in `ended`, and (one past the last instant) where they end. */
  endedFrom = new Int32Array(65);
  /** The gets whose wait each instant ended (a set's or a close's), in the order they began waiting. */
  ended = new Int32Array(64);
  /** How many instants the path holds. */
  length = 0;

  /** Adds an instant. */
  push(operation: number, followUp: boolean, waited: boolean, version: number, time: number, ended: readonly number[]): void {
    const index = this.length;
    if (index + 1 >= this.operation.length) this.grow(this.operation.length * 2);
    const from = this.endedFrom[index] as number;
    if (from + ended.length > this.ended.length) this.ended = copy(this.ended, Math.max(this.ended.length * 2, from + ended.length));
    this.operation[index] = operation;
    this.followUp[index] = followUp ? 1 : 0;
    this.waited[index] = waited ? 1 : 0;
    this.version[index] = version;
    this.time[index] = time;
    this.ended.set(ended, from);
    this.endedFrom[index + 1] = from + ended.length;
    this.length = index + 1;
  }

  /** Removes the last instant. */
  pop(): void {
    this.length -= 1;
  }

  /** The time of the last instant, or 0. */
  lastTime(): number {
    return this.length === 0 ? 0 : (this.time[this.length - 1] as number);
  }

  /** A copy of the path as it is now. */
  copy(): Path {
    const path = new Path();
    path.grow(this.length + 1);
    path.operation.set(this.operation.subarray(0, this.length));
    path.followUp.set(this.followUp.subarray(0, this.length));
    path.waited.set(this.waited.subarray(0, this.length));
    path.version.set(this.version.subarray(0, this.length));
    path.time.set(this.time.subarray(0, this.length));
    path.endedFrom.set(this.endedFrom.subarray(0, this.length + 1));
    path.ended = this.ended.slice(0, this.endedFrom[this.length]);
    path.length = this.length;
    return path;
  }

  private grow(size: number): void {
    this.operation = copy(this.operation, size);
    this.followUp = copy(this.followUp, size);
    this.waited = copy(this.waited, size);
    this.version = copy(this.version, size);
    this.time = copy(this.time, size);
    this.endedFrom = copy(this.endedFrom, size + 1);
  }
}

function copy<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const larger = new (array.constructor as new (size: number) => T)(size);
  larger.set(array.subarray(0, Math.min(array.length, size)));
  return larger;
}
