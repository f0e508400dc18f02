/**
 * Why a history is illegal, in the words of the clause it breaks. The search stops at the first
 * path that reached the furthest frontier and could go no further; this module reads the state
 * that path left and says why the operation due there cannot have done what the trace recorded,
 * naming the clause whose sentence that breaks.
 *
 * @module
 */

import type { Operation } from './format.js';
import { Ending, Machine, Progress } from './machine.js';
import { Kind, Outcome, type Timeline } from './timeline.js';

/** A clause violated, and why. */
export interface Violation {
  /** The clause. */
  readonly clause: string;
  /** Why, in words. */
  readonly message: string;
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * What a get returned, in words. Only gets that returned are described so: one that never returned
 * can always make its request, and end its wait whenever a set, a close or an abort could.
 */
function returned(operation: Operation): string {
  const outcome = operation.outcome as NonNullable<Operation['outcome']>;
  return 'data' in outcome ? `returned ${describe(outcome.data)}` : `rejected with ${outcome.error}`;
}

/**
 * Why an operation that never returned breaks the strict rule at a quiescent end, whatever the
 * order of instants: a watch (WATCH-1), a close (CLOSE-1) and an async-mode set (ASYNC-3) have
 * nothing to wait for. Undefined for the others, which may wait.
 */
export function neverReturned(operation: Operation, sync: boolean): Violation | undefined {
  const where = `${operation.kind} '${operation.id}' (line ${operation.line}) never returned, although the trace ends quiescent`;
  if (operation.kind === 'watch') return { clause: 'WATCH-1', message: `${where}: a watch never waits` };
  if (operation.kind === 'close') return { clause: 'CLOSE-1', message: `${where}: a close has nothing to wait for` };
  if (operation.kind === 'set' && !sync) return { clause: 'ASYNC-3', message: `${where}: an async-mode set waits for no consumer` };
  return undefined;
}

/** Explains violations of one timeline, from the state the search left in its machine. */
export class Explainer {
  constructor(
    private readonly timeline: Timeline,
    private readonly machine: Machine,
  ) {}

  private operation(number: number): Operation {
    return this.timeline.operations[number] as Operation;
  }

  private name(number: number): string {
    const operation = this.operation(number);
    return `${operation.kind} '${operation.id}' (line ${operation.line})`;
  }

  private watcherOf(number: number): string {
    return this.timeline.watcherNames[this.timeline.watcher[number] as number] as string;
  }

  /** Why the return or settlement at `position` (or the end, at the timeline's length) cannot be explained. */
  atPosition(position: number, pending: readonly number[], settles: readonly number[]): Violation {
    const timeline = this.timeline;
    if (position === timeline.positionType.length) return this.atEnd(pending, settles);
    const operation = timeline.positionOperation[position] as number;
    // A set returns before it settles, and takes effect before it returns: at a settlement it is done.
    if (this.machine.progress(operation) === Progress.done) {
      const number = this.machine.versionOf(operation);
      return {
        clause: 'SYNC-2',
        message: `sync ${this.name(operation)}, version ${number}, settled before every watcher open at the set had received it or was closed`,
      };
    }
    return this.operationCannotTakeEffect(operation);
  }

  /** Why an operation due now cannot take effect. */
  private operationCannotTakeEffect(operation: number): Violation {
    switch (this.timeline.kind[operation]) {
      case Kind.get:
        return this.machine.progress(operation) === Progress.waiting ? this.outcomeContradicts(operation) : this.requestContradicts(operation);
      case Kind.set:
        return this.setBlocked(operation);
      case Kind.close:
        return this.closeBlocked(operation);
      default:
        return this.noInstant(operation);
    }
  }

  /** An operation for which no instant works, and no one rule says why: up to its return, or to the quiescent end if it never returned. */
  private noInstant(operation: number): Violation {
    const until = this.operation(operation).return === undefined ? 'the quiescent end' : 'its return';
    return { clause: 'linearizability', message: `${this.name(operation)} cannot take effect at any instant between its call and ${until}` };
  }

  /** A get's request, as GET-7 decides it now, against what the get returned. */
  private requestContradicts(get: number): Violation {
    const { machine, timeline } = this;
    const watcher = timeline.watcher[get] as number;
    const where = `${this.name(get)} of watcher '${this.watcherOf(get)}'`;
    const did = returned(this.operation(get));
    const unset = this.neverSet(get);
    if (unset !== undefined) return unset;
    if (!machine.exists(watcher)) return { clause: 'WATCH-1', message: `${where}: no watch had made that watcher` };
    if (machine.closed(watcher)) {
      return { clause: 'CLOSE-3', message: `${where} was made on a closed watcher, so it must reject at once with WatcherClosedError, but it ${did}` };
    }
    const other = machine.waitingGet(watcher);
    if (other >= 0) {
      return { clause: 'CONC-1', message: `${where} was made while ${this.name(other)} was pending on that watcher, so it must be refused with ConcurrentGetError, but it ${did}` };
    }
    const signal = timeline.signal[get] as number;
    if (machine.aborted(signal)) {
      return { clause: 'ABORT-3', message: `${where} was made with its signal '${this.operation(get).signal}' aborted already, so it must reject at once, but it ${did}` };
    }
    // Whether a version is at hand or the get would wait, the outcomes it cannot have are the same.
    return this.outcomeContradicts(get);
  }

  /** GET-1 for a get that returned data no set had set before it returned, whatever the path. */
  private neverSet(get: number): Violation | undefined {
    const { timeline } = this;
    if (timeline.outcome[get] !== Outcome.data) return undefined;
    const datum = timeline.datum[get] as number;
    const returned = timeline.returnAt[get] as number;
    // A get that returned data has a return; data no set wrote has datum -1, whose first call reads
    // as undefined, never less than a position.
    // Stryker disable next-line EqualityOperator: a set's call and a get's return are different events, so `<` and `<=` agree.
    if ((timeline.datumFirstCall[datum] as number) < (timeline.global[returned] as number)) return undefined;
    const data = describe((this.operation(get).outcome as { data: unknown }).data);
    return { clause: 'GET-1', message: `${this.name(get)} of watcher '${this.watcherOf(get)}' returned ${data}, which no set had set before it returned` };
  }

  /**
   * A get whose recorded outcome neither its request (with or without a version at hand) nor the
   * end of its wait can give in the state at hand.
   */
  private outcomeContradicts(get: number): Violation {
    switch (this.timeline.outcome[get]) {
      case Outcome.data:
        return this.wrongData(get);
      case Outcome.concurrent:
        return this.refusedAlone(get);
      case Outcome.closed:
        return this.closedWhileOpen(get);
      case Outcome.aborted:
        return this.abortedWithoutAbort(get);
      default:
        return this.unknownError(get);
    }
  }

  private refusedAlone(get: number): Violation {
    return { clause: 'CONC-1', message: `${this.name(get)} was refused with ConcurrentGetError, but no other get of watcher '${this.watcherOf(get)}' was pending` };
  }

  private closedWhileOpen(get: number): Violation {
    return { clause: 'CLOSE-3', message: `${this.name(get)} rejected with WatcherClosedError, but watcher '${this.watcherOf(get)}' was open` };
  }

  private unknownError(get: number): Violation {
    return { clause: 'ERR-1', message: `${this.name(get)} ${returned(this.operation(get))}, which no clause allows here` };
  }

  /**
   * ABORT-1 for a get that rejected with its signal's reason when the abort of its signal could not
   * end it: it had no signal, or no abort of its signal was called before it returned. (Had one
   * been, the search could take it before the get's request, or its follow-up during the wait.)
   */
  private abortedWithoutAbort(get: number): Violation {
    return { clause: 'ABORT-1', message: `${this.name(get)} rejected with its signal's reason, but no abort of its signal took effect before it returned` };
  }

  /**
   * A get that returned data it cannot have received: data no set set (GET-1), a version it had
   * received already or an older one (GET-4 in async mode), not the newest at its handover
   * (ASYNC-1), or, in sync mode, not the next version of its watcher's log (SYNC-1).
   */
  private wrongData(get: number): Violation {
    const { machine, timeline } = this;
    const operation = this.operation(get);
    const data = describe((operation.outcome as { data: unknown }).data);
    const where = `${this.name(get)} of watcher '${this.watcherOf(get)}' returned ${data}`;
    const datum = timeline.datum[get] as number;
    const seen = machine.cursor(timeline.watcher[get] as number);
    const unset = this.neverSet(get);
    if (unset !== undefined) return unset;
    if (timeline.sync) {
      const next = machine.version > seen ? `, of data ${describe(this.operation(machine.setOf(seen + 1)).data)}` : '';
      return { clause: 'SYNC-1', message: `${where}, but the next version in its watcher's log is version ${seen + 1}${next}` };
    }
    // A set of that datum was called before the get returned (else GET-1 above). If every such
    // set made a version the watcher is past (or is one this part of the history does not hold,
    // before its sets), the get went back (GET-4); else it was not the newest (ASYNC-1).
    const ahead = timeline.operations.some(
      (_, set) =>
        timeline.kind[set] === Kind.set &&
        timeline.datum[set] === datum &&
        // Stryker disable next-line EqualityOperator: a set's call and a get's return are different events, so `<` and `<=` agree.
        (timeline.callAt[set] as number) < (timeline.returnAt[get] as number) &&
        !(machine.progress(set) === Progress.done && machine.versionOf(set) <= seen),
    );
    if (!ahead) return { clause: 'GET-4', message: `${where}, a version no newer than version ${seen}, which the watcher had received already` };
    return { clause: 'ASYNC-1', message: `${where}, which was not the newest version at any instant at which it could have been handed over` };
  }

  /** A set that a waiting get keeps from taking effect (GET-6). */
  private setBlocked(set: number): Violation {
    const get = this.machine.blockingSet(this.timeline.datum[set] as number);
    if (get < 0) return this.noInstant(set);
    return {
      clause: 'GET-6',
      message: `${this.name(set)} cannot take effect: ${this.name(get)} was waiting on watcher '${this.watcherOf(get)}', so the set would hand it version ${this.machine.version + 1}, but the get ${returned(this.operation(get))}`,
    };
  }

  /** A close that cannot take effect: its watcher was not made, or its waiting get did not reject (CLOSE-2). */
  private closeBlocked(close: number): Violation {
    const watcher = this.timeline.watcher[close] as number;
    if (!this.machine.exists(watcher)) return { clause: 'WATCH-1', message: `${this.name(close)} closes watcher '${this.watcherOf(close)}', which no watch had made` };
    const get = this.machine.waitingGet(watcher);
    if (get < 0) return this.noInstant(close);
    return {
      clause: 'CLOSE-2',
      message: `${this.name(close)} would reject ${this.name(get)}, pending on watcher '${this.watcherOf(close)}', with WatcherClosedError, but the get ${returned(this.operation(get))}`,
    };
  }

  /** The strict rule at a quiescent end, and the first pending operation that breaks it. */
  private atEnd(pending: readonly number[], settles: readonly number[]): Violation {
    return this.atQuiescentEnd(pending, settles)[0] ?? { clause: 'linearization', message: 'the operations pending at the quiescent end cannot all be where the spec lets them wait' };
  }

  /**
   * Every way the strict rule at a quiescent end is broken in the current state: the sync sets
   * that never settled although their audience is complete, then the pending operations, in the
   * order of their calls, that cannot be pending.
   */
  atQuiescentEnd(pending: readonly number[], settles: readonly number[]): Violation[] {
    const { machine, timeline } = this;
    const violations: Violation[] = [];
    // At the end every set left in `settles` is one that never settled.
    for (const set of settles) {
      if (machine.progress(set) !== Progress.done) continue;
      const number = machine.versionOf(set);
      if (!machine.audienceComplete(number)) continue;
      const released = timeline.watcherNames.some(
        (_, watcher) => machine.closed(watcher) && machine.madeAt(watcher) < number && machine.closedAt(watcher) >= number && machine.cursor(watcher) < number,
      );
      violations.push(
        released
          ? { clause: 'CLOSE-5', message: `sync ${this.name(set)}, version ${number}, never settled, although the watchers it waited for were closed` }
          : { clause: 'SYNC-2', message: `sync ${this.name(set)}, version ${number}, never settled, although every watcher open at the set received it or was closed` },
      );
    }
    // At the end every active operation is pending, and `advance` lists those in the order of their calls.
    for (const operation of pending) {
      const violation = this.pendingAtEnd(operation);
      if (violation !== undefined) violations.push(violation);
    }
    return violations;
  }

  /** Why a pending operation cannot be pending at a quiescent end, or undefined if it can. */
  private pendingAtEnd(operation: number): Violation | undefined {
    const { machine, timeline } = this;
    if (timeline.kind[operation] !== Kind.get) {
      if (machine.progress(operation) === Progress.done) return undefined;
      // One that never waits is explained as such, not by why it could not take effect here: the
      // best path may have left it out only because its effect would break the rule elsewhere.
      return neverReturned(this.operation(operation), timeline.sync) ?? this.operationCannotTakeEffect(operation);
    }
    const where = `${this.name(operation)} of watcher '${this.watcherOf(operation)}' never returned`;
    switch (machine.progress(operation)) {
      case Progress.none: {
        if (!machine.exists(timeline.watcher[operation] as number)) return { clause: 'WATCH-1', message: `${where}, and no watch made its watcher` };
        // Its request, made now, decides as GET-7 does (a get that never returned can always make
        // it): it waits, or it ends at once and cannot be pending. The machine is left as it was.
        const mark = machine.mark();
        machine.request(operation);
        const violation = this.pendingAtEnd(operation);
        machine.undo(mark);
        return violation;
      }
      case Progress.waiting:
        // A waiting get whose signal is aborted has the abort's follow-up to take, and the path that
        // takes it, with the same violation, is judged first: no best path shows this one.
        // Stryker disable next-line ConditionalExpression: so `false` is equivalent (test/trace-explain.test.ts says how traces were searched for one).
        return machine.aborted(timeline.signal[operation] as number) ? this.endedButPending(where, Ending.abortedWhileWaiting) : undefined;
      default:
        return this.endedButPending(where, machine.ending(operation), machine.versionOf(operation));
    }
  }

  /** A get that ended on this path (or would, were it made now), yet never returned although the recording was quiescent. */
  private endedButPending(where: string, ending: number, number = 0): Violation {
    switch (ending) {
      case Ending.closedAtRequest:
        return { clause: 'CLOSE-3', message: `${where}, although it was made on a closed watcher and must reject at once` };
      case Ending.concurrent:
        return { clause: 'CONC-1', message: `${where}, although it was made while another get of its watcher was pending and must be refused at once` };
      case Ending.abortedAtRequest:
        return { clause: 'ABORT-3', message: `${where}, although its signal was aborted when it was made and it must reject at once` };
      case Ending.receivedAtRequest:
        return { clause: 'GET-5', message: `${where}, although version ${number}, newer than its cursor, was there when it was made` };
      case Ending.receivedFromSet:
        return { clause: 'GET-6', message: `${where}, although ${this.name(this.machine.setOf(number))} made version ${number} while it waited` };
      case Ending.closedWhileWaiting:
        return { clause: 'CLOSE-2', message: `${where}, although its watcher was closed while it waited` };
      default:
        return { clause: 'ABORT-1', message: `${where}, although its signal was aborted while it waited` };
    }
  }
}
