/**
 * Replays instants of a trace on a fresh reference model, one at a time, through its public
 * `ValueCore` and `WatcherCore` interfaces, and notes what happened: which operations took effect, which
 * gets and sync sets settled, and whether every get that settled settled as the trace says.
 *
 * The instants are those of docs/trace-format.md: each operation's own instant (a set, watch,
 * close or abort taking effect, a get making its request), and, for a get with a signal, the
 * follow-up that ends its wait once its signal is aborted. The model reacts to an abort at once,
 * so each get is given a signal of its own: the trace's abort only marks the trace's signal
 * aborted (later gets are given an aborted signal), and the follow-up aborts the get's own signal.
 * A set or close ends waits at its own instant, inside the model.
 *
 * @module
 */

import type { Operation, Trace } from '../../conformance/trace/format.js';
import { ModelValue } from '../../model/model-value.js';
import type { WatcherCore } from '../../src/types.js';

/** One instant: an operation's own, or (`followUp`) the abort follow-up of a get. */
export interface Instant {
  /** The operation. */
  readonly operation: Operation;
  /** The abort follow-up of a get, rather than its request. */
  readonly followUp: boolean;
}

async function turns(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await null;
}

function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a).sort();
  const keysB = Object.keys(b).sort();
  return (
    Array.isArray(a) === Array.isArray(b) &&
    keysA.length === keysB.length &&
    keysA.every((key, index) => key === keysB[index] && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/** A model with instants replayed on it. */
export class Replayer {
  /** Whether every get that settled settled as the trace says, and every get still waiting can. */
  valid = true;
  /** Operations whose own instant was replayed. */
  readonly done = new Set<Operation>();
  /** Gets whose abort follow-up was replayed. */
  readonly followedUp = new Set<Operation>();
  /** Gets that settled, and sets whose promise settled. */
  readonly settled = new Set<Operation>();
  /** Gets whose request was made. */
  readonly requested = new Set<Operation>();
  /** The trace's signals aborted so far. */
  readonly aborted = new Set<string>();
  private readonly value: ModelValue<unknown>;
  private readonly watchers = new Map<string, WatcherCore<unknown>>();
  /** Gets given a signal of their own (not one aborted already), with it. */
  readonly controllers = new Map<Operation, AbortController>();
  private readonly reasons = new Map<Operation, Error>();

  constructor(trace: Trace) {
    this.value = new ModelValue<unknown>({ sync: trace.header.mode === 'sync' });
  }

  /** Whether the watcher a get or close uses has been made. */
  made(watcher: string | undefined): boolean {
    return watcher !== undefined && this.watchers.has(watcher);
  }

  /** Replays one instant, then lets every continuation run. */
  async apply({ operation, followUp }: Instant): Promise<void> {
    if (followUp) {
      this.followedUp.add(operation);
      this.controllers.get(operation)?.abort(this.reasons.get(operation));
    } else {
      this.done.add(operation);
      switch (operation.kind) {
        case 'set':
          void this.value.set(operation.data).then(() => this.settled.add(operation));
          break;
        case 'watch':
          this.watchers.set(operation.watcher ?? `\u0000${operation.id}`, this.value.watch());
          break;
        case 'close':
          this.watchers.get(operation.watcher as string)?.close();
          break;
        case 'abort':
          this.aborted.add(operation.signal as string);
          break;
        case 'get':
          this.request(operation);
          break;
      }
    }
    await turns();
    // A get still waiting must have returned what a wait can end with: data (a set), the close
    // of its watcher, or its own signal's reason; it cannot be refused any more.
    for (const get of this.requested) {
      const recorded = get.outcome;
      if (this.settled.has(get) || recorded === undefined || 'data' in recorded) continue;
      this.valid &&= recorded.error === 'WatcherClosedError' || (recorded.error === 'aborted' && get.signal !== undefined);
    }
  }

  private request(get: Operation): void {
    this.requested.add(get);
    const watcher = this.watchers.get(get.watcher as string) as WatcherCore<unknown>;
    const reason = new Error(`abort of ${get.id}`);
    this.reasons.set(get, reason);
    let signal: AbortSignal | undefined;
    if (get.signal !== undefined && this.aborted.has(get.signal)) signal = AbortSignal.abort(reason);
    else if (get.signal !== undefined) {
      const controller = new AbortController();
      this.controllers.set(get, controller);
      signal = controller.signal;
    }
    watcher.get(signal === undefined ? undefined : { signal }).then(
      (data) => this.check(get, { data }),
      (error: unknown) => this.check(get, { error: error === reason ? 'aborted' : (error as Error).name }),
    );
  }

  private check(get: Operation, outcome: { data: unknown } | { error: string }): void {
    this.settled.add(get);
    const recorded = get.outcome;
    if (recorded === undefined) return;
    if ('data' in outcome) this.valid &&= 'data' in recorded && sameData(recorded.data, outcome.data);
    else this.valid &&= 'error' in recorded && recorded.error === outcome.error;
  }

  /** Whether the event at `index` is explained: its operation took effect (a get settled, a sync set settled if it must). */
  explains(trace: Trace, index: number): boolean {
    const event = trace.events[index];
    if (event === undefined) return true;
    const operation = event.operation;
    switch (event.type) {
      case 'call':
        return true;
      case 'return':
        if (!this.done.has(operation)) return false;
        if (operation.kind === 'get') return this.settled.has(operation);
        return !(trace.header.mode === 'sync' && operation.kind === 'set' && operation.settlement === index) || this.settled.has(operation);
      case 'settle':
        return this.settled.has(operation);
    }
  }

  /** The strict rule at a quiescent end. */
  quiescentEnd(trace: Trace): boolean {
    for (const operation of trace.operations) {
      if (operation.kind === 'get' && operation.return === undefined) {
        if (!this.requested.has(operation) || this.settled.has(operation) || this.aborted.has(operation.signal ?? '\u0000')) return false;
      } else if (operation.return === undefined && !this.done.has(operation)) return false;
      if (trace.header.mode === 'sync' && operation.kind === 'set' && operation.settlement === undefined && this.settled.has(operation)) return false;
    }
    return true;
  }
}
