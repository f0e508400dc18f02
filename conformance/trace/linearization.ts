/**
 * From the search's paths to the linearization a verdict reports: each part's instants kept as
 * numbers as soon as its search ends (a history of a million events has a million instants, and
 * objects for each until the end would cost more than the search), the parts merged into one
 * order, and each instant written as a `LinearizationPoint`.
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

/** One part's instants, their operations named by their index among the trace's. */
interface Part {
  readonly operation: readonly number[];
  readonly phase: readonly LinearizationPoint['phase'][];
  readonly version: readonly number[];
  /** The index among the trace's events after which each instant happens. */
  readonly time: readonly number[];
  /** The gets whose wait each instant ended. */
  readonly ended: readonly (readonly number[])[];
}

/** One instant of the merged order, with every get whose wait it ended. */
interface Entry {
  readonly operation: number;
  readonly phase: LinearizationPoint['phase'];
  readonly version: number;
  readonly ended: number[];
}

/** Collects the parts' instants, and merges them into one linearization. */
export class Linearization {
  private readonly parts: Part[] = [];

  constructor(private readonly operations: readonly Operation[]) {}

  /** Adds a part's path, whose instants name the part's operations. */
  add(path: Path, operations: readonly Operation[]): void {
    const index = (number: number): number => (operations[number] as Operation).index;
    this.parts.push({
      operation: path.operation.map(index),
      phase: path.followUp.map((followUp, step) => (followUp ? 'follow-up' : path.waited[step] === true ? 'request' : 'effect')),
      version: [...path.version],
      time: [...path.time],
      ended: path.ended.map((gets) => gets.map(index)),
    });
  }

  /** The operations of the instants of a part (by its number in the order parts were added). */
  operationsOf(part: number): Set<Operation> {
    return new Set((this.parts[part] as Part).operation.map((operation) => this.operations[operation] as Operation));
  }

  /**
   * The merged order, as points, of the instants `keep` keeps (each part up to the first it does
   * not): instants by the event they follow; among instants after the same event, the operation
   * called at that event comes first in every part that holds it, and an instant the parts share
   * (a set, an abort) is written once, followed by every get whose wait it ended, in the order they
   * began waiting (GET-6).
   */
  points(keep: (part: number, operation: Operation, time: number) => boolean = () => true): LinearizationPoint[] {
    const { operations } = this;
    // Each part up to its first instant not kept, part after part, each in its own order; a
    // stable sort by time then keeps that order among instants after the same event.
    const steps = this.parts.flatMap((part, number) => {
      const cut = part.time.findIndex((time, step) => !keep(number, operations[part.operation[step] as number] as Operation, time));
      return part.time.slice(0, cut === -1 ? undefined : cut).map((time, step) => ({ part, step, time }));
    });
    steps.sort((a, b) => a.time - b.time);
    const entries: Entry[] = [];
    const shared = new Map<number, Entry>();
    const began = new Map<number, number>();
    for (const { part, step } of steps) {
      const operation = part.operation[step] as number;
      const phase = part.phase[step] as LinearizationPoint['phase'];
      const ended = part.ended[step] as readonly number[];
      // `shared` holds effects only, and an operation with an effect has no other instant.
      const same = shared.get(operation);
      if (same !== undefined) {
        same.ended.push(...ended);
        continue;
      }
      const entry = { operation, phase, version: part.version[step] as number, ended: [...ended] };
      if (phase === 'effect') shared.set(operation, entry);
      // Read only for the gets a set or close ended, whose one entry is their request.
      began.set(operation, entries.length);
      entries.push(entry);
    }
    return entries.flatMap(({ operation, phase, version, ended }) => [
      { id: (operations[operation] as Operation).id, phase, version },
      ...ended
        .sort((a, b) => (began.get(a) as number) - (began.get(b) as number))
        .map((get) => ({ id: (operations[get] as Operation).id, phase: 'follow-up' as const, version })),
    ]);
  }
}
