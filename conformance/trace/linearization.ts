/**
 * From the search's paths to the linearization a verdict reports: each part's instants named by
 * their operations, the parts merged into one order, and each instant written as a
 * `LinearizationPoint`.
 *
 * @module
 */

import type { Operation } from './format.js';
import type { Step } from './search.js';

/** One instant of a linearization, by its operation. */
export interface Instant {
  /** The operation. */
  readonly operation: Operation;
  /** Which of the operation's instants this is. */
  readonly phase: 'effect' | 'request' | 'follow-up';
  /** The version right after it. */
  readonly version: number;
  /** The index among the trace's events after which it happens, at the earliest. */
  readonly time: number;
  /** The gets whose wait it ended (a set's or a close's instant), in the order they began waiting. */
  readonly ended: Operation[];
}

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

/** A part's path, with its steps named by the part's operations. */
export function instants(path: readonly Step[], operations: readonly Operation[]): Instant[] {
  return path.map((step) => ({
    operation: operations[step.operation] as Operation,
    phase: step.followUp ? 'follow-up' : step.waited ? 'request' : 'effect',
    version: step.version,
    time: step.time,
    ended: step.ended.map((get) => operations[get] as Operation),
  }));
}

/**
 * Merges the parts' instants into one order: by the event each follows; among instants after the
 * same event, the operation called at that event comes first in every part that holds it, and an
 * instant the parts share (a set, an abort) is written once, with every get whose wait it ended.
 */
export function merge(parts: readonly (readonly Instant[])[]): Instant[] {
  if (parts.length === 1) return [...(parts[0] as readonly Instant[])];
  // Instants grouped by the event they follow; within a group, part by part, each in its order.
  const groups = new Map<number, Instant[]>();
  const shared = new Map<Operation, Instant>();
  for (const part of parts) {
    for (const instant of part) {
      const same = instant.phase === 'effect' ? shared.get(instant.operation) : undefined;
      if (same !== undefined) {
        same.ended.push(...instant.ended);
        continue;
      }
      const copy = { ...instant, ended: [...instant.ended] };
      if (instant.phase === 'effect') shared.set(instant.operation, copy);
      const group = groups.get(instant.time);
      if (group === undefined) groups.set(instant.time, [copy]);
      else group.push(copy);
    }
  }
  const merged = [...groups.keys()].sort((a, b) => a - b).flatMap((time) => groups.get(time) as Instant[]);
  // Gets whose waits one set ended in several parts, in the order they began waiting (GET-6).
  const began = new Map<Operation, number>();
  merged.forEach((instant, index) => {
    if (instant.phase === 'request') began.set(instant.operation, index);
  });
  for (const instant of merged) if (instant.ended.length > 1) instant.ended.sort((a, b) => (began.get(a) as number) - (began.get(b) as number));
  return merged;
}

/** The points of a linearization: each instant, then the follow-ups of the gets whose wait it ended. */
export function points(order: readonly Instant[]): LinearizationPoint[] {
  const result: LinearizationPoint[] = [];
  for (const instant of order) {
    result.push({ id: instant.operation.id, phase: instant.phase, version: instant.version });
    for (const get of instant.ended) result.push({ id: get.id, phase: 'follow-up', version: instant.version });
  }
  return result;
}
