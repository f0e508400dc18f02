/**
 * From the search's paths to the linearization a verdict reports: each part's instants kept in
 * compact arrays as soon as its search ends (a history of a million events has a million
 * instants, and keeping them as objects until the end would cost more than the search), the parts
 * merged into one order, and each instant written as a `LinearizationPoint`.
 *
 * @module
 */

import type { Operation } from './format.js';
import type { Path } from './path.js';

/** One instant of a linearization: which operation, which of its instants, and the version after it. */
export interface LinearizationPoint {
  /** The operation's id in the trace. */
  readonly id: string;
  /**
   * `'effect'` for an operation of one instant (a set, watch, close or abort, and a get that did
   * not wait); `'request'` and `'follow-up'` for the two instants of a get that waited: the
   * request decides that it waits, the follow-up is when the wait ends (a set hands it a version,
   * a close or the abort of its signal rejects it). A get that is still waiting has a request only.
   */
  readonly phase: 'effect' | 'request' | 'follow-up';
  /** The value's version (0 while unset) right after this instant. */
  readonly version: number;
}

const phases = ['effect', 'request', 'follow-up'] as const;
const effect = 0;
const request = 1;
const followUp = 2;

/** One part's instants. */
interface Part {
  /** Each instant's operation, by its index among the trace's operations. */
  readonly operation: Int32Array;
  readonly phase: Uint8Array;
  readonly version: Int32Array;
  /** The index among the trace's events after which each instant happens. */
  readonly time: Int32Array;
  /** The gets whose wait each instant ended: `ended[endedFrom[i] .. endedFrom[i + 1]]`. */
  readonly endedFrom: Int32Array;
  readonly ended: Int32Array;
}

/** The first `length` instants of a part. */
function cut(part: Part, length: number): Part {
  return {
    operation: part.operation.subarray(0, length),
    phase: part.phase.subarray(0, length),
    version: part.version.subarray(0, length),
    time: part.time.subarray(0, length),
    endedFrom: part.endedFrom.subarray(0, length + 1),
    ended: part.ended,
  };
}

/** Collects the parts' instants, and merges them into one linearization. */
export class Linearization {
  private readonly parts: Part[] = [];

  constructor(private readonly operations: readonly Operation[]) {}

  /** Adds a part's path, whose instants name the part's operations. */
  add(path: Path, operations: readonly Operation[]): void {
    const length = path.length;
    this.parts.push({
      operation: Int32Array.from(path.operation.subarray(0, length), (operation) => (operations[operation] as Operation).index),
      phase: Uint8Array.from({ length }, (_, index) => (path.followUp[index] === 1 ? followUp : path.waited[index] === 1 ? request : effect)),
      version: path.version.slice(0, length),
      time: path.time.slice(0, length),
      endedFrom: path.endedFrom.slice(0, length + 1),
      ended: Int32Array.from(path.ended.subarray(0, path.endedFrom[length]), (get) => (operations[get] as Operation).index),
    });
  }

  /** The operations of the instants of a part (by its number in the order parts were added). */
  operationsOf(part: number): Set<Operation> {
    return new Set(Array.from((this.parts[part] as Part).operation, (operation) => this.operations[operation] as Operation));
  }

  /**
   * The merged order, as points, of the instants `keep` keeps (each part up to the first it does
   * not): instants by the event they follow; among instants after the
   * same event, the operation called at that event comes first in every part that holds it, and
   * an instant the parts share (a set, an abort) is written once, followed by every get whose wait
   * it ended, in the order they began waiting (GET-6).
   */
  points(keep: (part: number, operation: Operation, time: number) => boolean = () => true): LinearizationPoint[] {
    const { operations } = this;
    // Each part up to its first instant not kept.
    const parts = this.parts.map((part, number) => {
      let length = 0;
      while (length < part.time.length && keep(number, operations[part.operation[length] as number] as Operation, part.time[length] as number)) length += 1;
      return length === part.time.length ? part : cut(part, length);
    });
    // A counting sort by time, part by part, each part in its own order.
    let latest = 0;
    for (const part of parts) for (const time of part.time) latest = Math.max(latest, time);
    const starts = new Int32Array(latest + 2);
    for (const part of parts) for (const time of part.time) starts[time + 1] = (starts[time + 1] as number) + 1;
    for (let time = 1; time < starts.length; time++) starts[time] = (starts[time] as number) + (starts[time - 1] as number);
    const total = starts[starts.length - 1] as number;
    const whichPart = new Int32Array(total);
    const whichStep = new Int32Array(total);
    parts.forEach((part, number) => {
      part.time.forEach((time, step) => {
        const at = starts[time] as number;
        starts[time] = at + 1;
        whichPart[at] = number;
        whichStep[at] = step;
      });
    });
    // One entry per instant; a shared instant collects the gets it ended in every part.
    const first = new Int32Array(operations.length).fill(-1);
    const began = new Int32Array(operations.length).fill(-1);
    const entries: { part: Part; step: number; ended: number[] | undefined }[] = [];
    for (let at = 0; at < total; at++) {
      const part = parts[whichPart[at] as number] as Part;
      const step = whichStep[at] as number;
      const operation = part.operation[step] as number;
      const ended = Array.from(part.ended.subarray(part.endedFrom[step], part.endedFrom[step + 1]));
      if (part.phase[step] === effect && first[operation] !== -1) {
        const entry = entries[first[operation] as number] as (typeof entries)[number];
        entry.ended = [...(entry.ended ?? []), ...ended];
        continue;
      }
      if (part.phase[step] === effect) first[operation] = entries.length;
      if (part.phase[step] === request) began[operation] = entries.length;
      entries.push({ part, step, ended: ended.length === 0 ? undefined : ended });
    }
    const points: LinearizationPoint[] = [];
    for (const { part, step, ended } of entries) {
      const version = part.version[step] as number;
      points.push({ id: (operations[part.operation[step] as number] as Operation).id, phase: phases[part.phase[step] as number] as LinearizationPoint['phase'], version });
      if (ended === undefined) continue;
      if (ended.length > 1) ended.sort((a, b) => (began[a] as number) - (began[b] as number));
      for (const get of ended) points.push({ id: (operations[get] as Operation).id, phase: 'follow-up', version });
    }
    return points;
  }
}
