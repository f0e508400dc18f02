/**
 * The trace checker: decides whether a recorded history could have been produced by an
 * implementation that follows docs/spec.md. docs/trace-format.md states the model it judges by:
 * a set, watch, close or abort takes effect at one instant between its call and its return; a get
 * is a dual operation (Scherer and Scott), whose request decides at one instant and, if it waits,
 * whose follow-up ends the wait at another (at the instant of the set or close that ends it, or at
 * any instant after the abort of its signal); a sync set settles once its audience is complete
 * (SYNC-2). An operation that never returned may take effect after its call or not at all
 * (Herlihy and Wing), unless the trace ends with the quiescent marker, which says nothing more
 * could happen: then a pending get must be one the spec lets wait, and a sync set that never
 * settled must still wait for a watcher of its audience.
 *
 * The search (`search.ts`) is Lowe's just-in-time linearization with Porcupine's cache of visited
 * configurations; a history whose shared instants are fixed is split by watcher first
 * (`partition.ts`).
 *
 * @module
 */

import { Explainer, neverReturned, type Violation } from './explain.js';
import type { Operation, Trace, TraceEvent } from './format.js';
import { Linearization, type LinearizationPoint } from './linearization.js';
import { split } from './partition.js';
import { Search } from './search.js';
import { Compiler } from './timeline.js';

export { jsonEqual } from './json.js';
export type { LinearizationPoint } from './linearization.js';

/** Some order of instants explains every outcome of the trace. */
export interface LegalVerdict {
  /** Always `'ok'`. */
  readonly verdict: 'ok';
  /** How many events the trace holds. */
  readonly events: number;
  /** How many operations the trace holds. */
  readonly operations: number;
  /** One order of instants that explains every outcome: the linearization found. */
  readonly linearization: readonly LinearizationPoint[];
}

/** No order of instants explains the outcomes. */
export interface IllegalVerdict {
  /** Always `'illegal'`. */
  readonly verdict: 'illegal';
  /** Line of the trace file at which the history became illegal, or `end` when at its end. */
  readonly line: number | 'end';
  /** How many events the shortest illegal prefix holds. */
  readonly prefix: number;
  /** The clause violated. */
  readonly clause: string;
  /** Why, in words. */
  readonly message: string;
  /** The longest legal prefix the search found: the instants it could explain before it failed. */
  readonly linearization: readonly LinearizationPoint[];
  /**
   * The id of the operation that could not take effect (the one whose return, or settlement,
   * could not be explained at `line`); undefined when the violation is at the end of the trace.
   */
  readonly operation: string | undefined;
}

/** The search ran out of budget: no verdict, and never a silent pass. */
export interface UnknownVerdict {
  /** Always `'unknown'`. */
  readonly verdict: 'unknown';
  /** Why no verdict was reached. */
  readonly reason: string;
}

/** The checker's answer. */
export type Verdict = LegalVerdict | IllegalVerdict | UnknownVerdict;

/** How much search the checker may spend before it answers `unknown` (never a silent pass). */
export interface CheckOptions {
  /**
   * The most instants the search may try before the verdict is `unknown` (default 5,000,000).
   * For an illegal history, finding the first line no order explains, and showing why, may each
   * try as many again; past that, the report says so.
   */
  readonly budget?: number;
}

/** A violation found at an event (its index among the trace's events, or their count for the end). */
interface Failure extends Violation {
  readonly at: number;
  readonly operation: string | undefined;
}

/**
 * Violations that no order of instants can mend, found by reading the trace: an async-mode set
 * that returned unsettled (ASYNC-3), and, at a quiescent end, a watch (WATCH-1), a close (CLOSE-1)
 * or an async-mode set (ASYNC-3) that never returned, though none of them has anything to wait for.
 */
function staticFailure(trace: Trace): Omit<Failure, 'linearization'> | undefined {
  const sync = trace.header.mode === 'sync';
  for (const event of trace.events) {
    const operation = event.operation;
    if (!sync && event.type === 'return' && operation.kind === 'set' && operation.settlement !== operation.return) {
      const at = operation.return as number;
      return { at, operation: operation.id, clause: 'ASYNC-3', message: `async-mode set '${operation.id}' returned a promise not yet resolved` };
    }
  }
  if (!trace.quiescent) return undefined;
  for (const operation of trace.operations) {
    const violation = operation.return === undefined ? neverReturned(operation, sync) : undefined;
    if (violation !== undefined) return { ...violation, at: trace.events.length, operation: undefined };
  }
  return undefined;
}

/** Checks a parsed trace. */
export function checkTrace(trace: Trace, options: CheckOptions = {}): Verdict {
  const budget = options.budget ?? 5_000_000;
  let spent = 0;
  let exhausted = false;
  let failure: (Failure & { readonly part: number; readonly held: readonly Operation[] }) | undefined;
  const compiler = new Compiler(trace);
  const linearization = new Linearization(trace.operations);
  let parts = 0;
  for (const part of split(trace)) {
    const timeline = compiler.compile(part.events, part.firstVersion);
    const search = new Search(timeline, budget - spent);
    const explainer = new Explainer(timeline, search.machine);
    const outcome = search.run((frontier) => explainer.atQuiescentEnd(frontier.active, frontier.settles));
    spent += search.spent;
    if (outcome.kind === 'budget') {
      exhausted = true;
      continue;
    }
    linearization.add(outcome.path, timeline.operations);
    parts += 1;
    if (outcome.kind === 'ok') continue;
    const at = outcome.frontier === timeline.positionType.length ? trace.events.length : (timeline.global[outcome.frontier] as number);
    if (failure !== undefined && failure.at <= at) continue;
    const explained = outcome.violation ?? (outcome.path.length === 0 && !outcome.exact ? undefined : explainer.atPosition(outcome.frontier, outcome.active, outcome.settles));
    const violation = explained ?? { clause: 'linearizability', message: 'no order of instants explains this event' };
    const operation = at === trace.events.length ? undefined : (trace.events[at] as TraceEvent).operation.id;
    const before = outcome.before === undefined || outcome.before > timeline.positionType.length ? 'the end' : `line ${(trace.events[timeline.global[outcome.before - 1] as number] as TraceEvent).line}`;
    const message =
      outcome.exact === false
        ? `${violation.message} (the search reached this event, and no order of instants explains the events up to ${before}; finding the first event that none explains would take longer)`
        : violation.message;
    failure = { clause: violation.clause, message, at, operation, part: parts - 1, held: timeline.operations };
  }
  const fixed = staticFailure(trace);
  if (failure === undefined && fixed === undefined && exhausted) return { verdict: 'unknown', reason: `the search budget of ${budget} instants ran out before a verdict` };
  if (fixed !== undefined && (failure === undefined || fixed.at < failure.at)) {
    // Stryker disable next-line EqualityOperator: an instant's time is the index of a call, and `fixed.at` that of a return, so `<` and `<=` agree.
    return illegal(trace, fixed, () => linearization.points((_, __, time) => time < fixed.at));
  }
  if (failure !== undefined) {
    // Every part's instants before the failure, each up to the first instant of an operation the
    // failing part holds and did not reach (a shared set or abort), so that the merged prefix stays
    // one legal order. The failing part's own instants all pass: each is of an operation called
    // before the failure, and reached.
    const { at, part: failed } = failure;
    const held = new Set(failure.held);
    const reached = linearization.operationsOf(failed);
    return illegal(trace, failure, () =>
      // Stryker disable next-line EqualityOperator: an instant's time is the index of a call, and `at` that of a return or settlement, so `<` and `<=` agree.
      linearization.points((_, operation, time) => time < at && (!held.has(operation) || reached.has(operation))),
    );
  }
  return lazily({ verdict: 'ok', events: trace.events.length, operations: trace.operations.length }, () => linearization.points()) as LegalVerdict;
}

/**
 * Gives a verdict its `linearization`, computed when first read: a history of a million events
 * has a million points, which a caller that wants only the verdict should not pay for.
 */
function lazily<T extends object>(verdict: T, points: () => readonly LinearizationPoint[]): T & { readonly linearization: readonly LinearizationPoint[] } {
  let computed: readonly LinearizationPoint[] | undefined;
  return Object.defineProperty(verdict, 'linearization', {
    enumerable: true,
    get: () => (computed ??= points()),
  }) as T & { readonly linearization: readonly LinearizationPoint[] };
}

function illegal(trace: Trace, failure: Failure, points: () => readonly LinearizationPoint[]): IllegalVerdict {
  const event = trace.events[failure.at];
  return lazily(
    {
      verdict: 'illegal' as const,
      line: event?.line ?? ('end' as const),
      prefix: event === undefined ? trace.events.length : failure.at + 1,
      clause: failure.clause,
      message: failure.message,
      operation: failure.operation,
    },
    points,
  );
}
