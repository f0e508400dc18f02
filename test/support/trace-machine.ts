/**
 * Small traces compiled into timelines as the trace checker compiles them, and a driver that
 * takes a timeline's state machine through instants by operation id, moves the frontier after each
 * as the search does, and reads back its whole state, for the tests of the machine, the frontier,
 * the keys and the search's cuts.
 *
 * @module
 */

import { expect } from 'vitest';
import { parseTrace, type Trace } from '../../conformance/trace/format.js';
import { advance, start, type Frontier } from '../../conformance/trace/frontier.js';
import { Machine } from '../../conformance/trace/machine.js';
import { split } from '../../conformance/trace/partition.js';
import { Compiler, type Timeline } from '../../conformance/trace/timeline.js';

/** A trace's events, as the JSON objects of its lines. */
export type Events = readonly Record<string, unknown>[];

/** The parsed trace of a header and events. */
export function trace(mode: 'async' | 'sync', events: Events): Trace {
  return parseTrace([{ trace: 'event-value', version: 1, mode }, ...events].map((event) => JSON.stringify(event)).join('\n'));
}

/** An operation written as one event, its call and return together. */
export const op = (id: string, kind: string, rest: Record<string, unknown> = {}) => ({ event: 'op', id, op: kind, ...rest });
/** The call of an operation that returns later, or never. */
export const call = (id: string, kind: string, rest: Record<string, unknown> = {}) => ({ event: 'call', id, op: kind, ...rest });
/** The return of an operation called earlier. */
export const ret = (id: string, rest: Record<string, unknown> = {}) => ({ event: 'return', id, ...rest });

/** The timelines the checker judges a trace by, as check.ts compiles them: one per part of its split. */
export function timelines(mode: 'async' | 'sync', events: Events): Timeline[] {
  const parsed = trace(mode, events);
  const compiler = new Compiler(parsed);
  return split(parsed).map((part) => compiler.compile(part.events, part.firstVersion));
}

/** The timeline of a trace the checker judges whole (one watcher, or a set that is not atomic). */
export function whole(mode: 'async' | 'sync', events: Events): Timeline {
  const [only, ...others] = timelines(mode, events);
  expect(others).toEqual([]);
  return only as Timeline;
}

/** A machine over a timeline, driven by the trace's operation ids. */
export class Driver {
  readonly machine: Machine;
  /** The frontier as `step` last moved it (at first, the search's root: nothing has happened). */
  frontier: Frontier;

  constructor(readonly timeline: Timeline) {
    this.machine = new Machine(timeline);
    this.frontier = advance(timeline, this.machine, start);
  }

  /** An operation's number in the timeline. */
  number(id: string): number {
    const number = this.timeline.operations.findIndex((operation) => operation.id === id);
    if (number < 0) throw new Error(`no operation '${id}' in the timeline`);
    return number;
  }

  /** A watcher's number in the timeline. */
  watcher(name: string): number {
    return this.timeline.watcherNames.indexOf(name);
  }

  /** The number of the datum a set set. */
  datum(id: string): number {
    return this.timeline.datum[this.number(id)] as number;
  }

  /** The primary instant of an operation: a set, watch, close or abort takes effect, a get requests. */
  effect(id: string): boolean {
    return this.machine.takeEffect(this.number(id));
  }

  /** The primary instants of operations, in order, each of which must be accepted. */
  effects(...ids: string[]): void {
    for (const id of ids) expect(this.effect(id), id).toBe(true);
  }

  /** The primary instant of an operation, which must be accepted, and the frontier moved after it as the search moves it. */
  step(id: string): Frontier {
    expect(this.effect(id), id).toBe(true);
    this.frontier = advance(this.timeline, this.machine, this.frontier);
    return this.frontier;
  }

  /** `step` for each operation in order; the frontier reached. */
  steps(...ids: string[]): Frontier {
    for (const id of ids) this.step(id);
    return this.frontier;
  }

  /** The ids of the gets waiting, in the order they began waiting. */
  waiting(): string[] {
    return this.machine.waiting().map((number) => this.timeline.operations[number]?.id as string);
  }

  /** How an operation stands: its progress, its ending and its version. */
  operation(id: string): readonly [number, number, number] {
    const number = this.number(id);
    return [this.machine.progress(number), this.machine.ending(number), this.machine.versionOf(number)];
  }

  /**
   * Everything the machine tells of its state: an undo must restore all of it. A version no set
   * has made on the current path (not made yet, or undone) has no set (-1), and owes nothing.
   */
  state(): Record<string, unknown> {
    const { machine, timeline } = this;
    const base = timeline.firstVersion - 1;
    return {
      version: machine.version,
      operations: timeline.operations.map((_, number) => [machine.progress(number), machine.ending(number), machine.versionOf(number)]),
      watchers: timeline.watcherNames.map((_, watcher) => [
        machine.exists(watcher),
        machine.closed(watcher),
        machine.cursor(watcher),
        machine.madeAt(watcher),
        machine.closedAt(watcher),
        machine.waitingGet(watcher),
        machine.available(watcher),
      ]),
      signals: Array.from({ length: timeline.signals }, (_, signal) => machine.aborted(signal)),
      waiting: machine.waiting(),
      versions: Array.from({ length: timeline.sets }, (_, offset) => [machine.setOf(base + 1 + offset), machine.audienceComplete(base + 1 + offset)]),
    };
  }

  /** Asserts that an instant is refused and leaves the state exactly as it was. */
  refused(instant: () => boolean): void {
    const before = this.state();
    const mark = this.machine.mark();
    expect(instant()).toBe(false);
    expect(this.machine.mark()).toBe(mark);
    expect(this.state()).toEqual(before);
  }
}
