/**
 * A brute-force reference for the trace checker, for tiny histories only: it tries every order of
 * instants, replaying each order from scratch on the reference model, and keeps no cache and no
 * shortcut. It shares nothing with the checker but the trace parser and the model of
 * linearization of docs/trace-format.md; the spec's rules come from the model itself, run through
 * its public `Value` and `Watcher` interfaces. Where both agree on many random histories, legal and
 * not, the checker's state machine, its cache, its cuts and its split by watcher are right.
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
import type { Watcher } from '../../src/types.js';

/** What the brute force decided: `at` is the index of the first event no order explains (the count of events: the end). */
export type BruteVerdict = { readonly verdict: 'ok' } | { readonly verdict: 'illegal'; readonly at: number } | { readonly verdict: 'unknown' };

/** One instant: an operation's own, or (`followUp`) the abort follow-up of a get. */
interface Instant {
  readonly operation: Operation;
  readonly followUp: boolean;
}

/** What a replay of some instants left. */
interface Replayed {
  /** Whether every get that settled settled as the trace says. */
  readonly valid: boolean;
  readonly done: ReadonlySet<Operation>;
  readonly followedUp: ReadonlySet<Operation>;
  /** Gets that settled, and sync sets whose promise settled. */
  readonly settled: ReadonlySet<Operation>;
  /** Gets whose request was made. */
  readonly requested: ReadonlySet<Operation>;
  /** Gets that were given a signal of their own (not one aborted already). */
  readonly abortable: ReadonlySet<Operation>;
  readonly aborted: ReadonlySet<string>;
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

/** Replays instants in order on a fresh model. */
async function replay(trace: Trace, instants: readonly Instant[]): Promise<Replayed> {
  const value = new ModelValue<unknown>({ sync: trace.header.mode === 'sync' });
  const watchers = new Map<string, Watcher<unknown>>();
  const controllers = new Map<Operation, AbortController>();
  const reasons = new Map<Operation, Error>();
  const done = new Set<Operation>();
  const followedUp = new Set<Operation>();
  const settled = new Set<Operation>();
  const requested = new Set<Operation>();
  const aborted = new Set<string>();
  let valid = true;
  const check = (get: Operation, outcome: { data: unknown } | { error: string }): void => {
    settled.add(get);
    const recorded = get.outcome;
    if (recorded === undefined) return;
    if ('data' in outcome) valid &&= 'data' in recorded && sameData(recorded.data, outcome.data);
    else valid &&= 'error' in recorded && recorded.error === outcome.error;
  };
  for (const { operation, followUp } of instants) {
    if (followUp) {
      followedUp.add(operation);
      controllers.get(operation)?.abort(reasons.get(operation));
    } else {
      done.add(operation);
      switch (operation.kind) {
        case 'set':
          void value.set(operation.data).then(() => settled.add(operation));
          break;
        case 'watch':
          watchers.set(operation.watcher ?? `\u0000${operation.id}`, value.watch());
          break;
        case 'close':
          watchers.get(operation.watcher as string)?.close();
          break;
        case 'abort':
          aborted.add(operation.signal as string);
          break;
        case 'get': {
          requested.add(operation);
          const watcher = watchers.get(operation.watcher as string) as Watcher<unknown>;
          const reason = new Error(`abort of ${operation.id}`);
          reasons.set(operation, reason);
          let signal: AbortSignal | undefined;
          if (operation.signal !== undefined && aborted.has(operation.signal)) signal = AbortSignal.abort(reason);
          else if (operation.signal !== undefined) {
            const controller = new AbortController();
            controllers.set(operation, controller);
            signal = controller.signal;
          }
          watcher.get(signal === undefined ? undefined : { signal }).then(
            (data) => check(operation, { data }),
            (error: unknown) => check(operation, { error: error === reason ? 'aborted' : (error as Error).name }),
          );
          break;
        }
      }
    }
    await turns();
    // A get still waiting must have returned what a wait can end with: data (a set), the close
    // of its watcher, or its own signal's reason; it cannot be refused any more.
    for (const get of requested) {
      const recorded = get.outcome;
      if (settled.has(get) || recorded === undefined || 'data' in recorded) continue;
      valid &&= recorded.error === 'WatcherClosedError' || (recorded.error === 'aborted' && get.signal !== undefined);
    }
    if (!valid) break;
  }
  return { valid, done, followedUp, settled, requested, abortable: new Set(controllers.keys()), aborted };
}

/** Whether an instant can come now: its operation is called, and it is not done yet (and, for a follow-up, it can end a wait). */
function enabled(state: Replayed, instant: Instant): boolean {
  const operation = instant.operation;
  if (!instant.followUp) {
    if (state.done.has(operation)) return false;
    // A watcher can be used once a watch made it.
    return operation.kind !== 'get' && operation.kind !== 'close' ? true : [...state.done].some((other) => other.kind === 'watch' && other.watcher === operation.watcher);
  }
  return state.abortable.has(operation) && !state.settled.has(operation) && !state.followedUp.has(operation) && state.aborted.has(operation.signal as string);
}

/** Whether the event at `index` is explained by the state. */
function explained(trace: Trace, state: Replayed, index: number): boolean {
  const event = trace.events[index];
  if (event === undefined) return true;
  const operation = event.operation;
  switch (event.type) {
    case 'call':
      return true;
    case 'return':
      if (!state.done.has(operation)) return false;
      if (operation.kind === 'get') return state.settled.has(operation);
      return !(trace.header.mode === 'sync' && operation.kind === 'set' && operation.settlement === index) || state.settled.has(operation);
    case 'settle':
      return state.settled.has(operation);
  }
}

/** The strict rule at a quiescent end. */
function quiescentEnd(trace: Trace, state: Replayed): boolean {
  for (const operation of trace.operations) {
    if (operation.kind === 'get' && operation.return === undefined) {
      if (!state.requested.has(operation) || state.settled.has(operation) || state.aborted.has(operation.signal ?? '\u0000')) return false;
    } else if (operation.return === undefined && !state.done.has(operation)) return false;
    if (trace.header.mode === 'sync' && operation.kind === 'set' && operation.settlement === undefined && state.settled.has(operation)) return false;
  }
  return true;
}

/** Violations that need no search: an async set that returned unsettled, and what a quiescent end rules out. */
function fixed(trace: Trace): number {
  const sync = trace.header.mode === 'sync';
  for (const operation of trace.operations) {
    if (!sync && operation.kind === 'set' && operation.return !== undefined && operation.settlement !== operation.return) return operation.return;
  }
  if (trace.quiescent) {
    for (const operation of trace.operations) {
      if (operation.return === undefined && (operation.kind === 'watch' || operation.kind === 'close' || (operation.kind === 'set' && !sync))) return trace.events.length;
    }
  }
  return Infinity;
}

/** Judges a tiny trace by trying every order of instants; `unknown` past `limit` replays. */
export async function bruteForce(trace: Trace, limit = 20_000): Promise<BruteVerdict> {
  const instants: Instant[] = trace.operations.flatMap((operation) => [
    { operation, followUp: false },
    ...(operation.kind === 'get' && operation.signal !== undefined ? [{ operation, followUp: true }] : []),
  ]);
  let furthest = 0;
  let replays = 0;
  const explore = async (sequence: readonly Instant[]): Promise<boolean | 'limit'> => {
    if ((replays += 1) > limit) return 'limit';
    const state = await replay(trace, sequence);
    if (!state.valid) return false;
    let frontier = 0;
    while (frontier < trace.events.length && explained(trace, state, frontier)) frontier += 1;
    furthest = Math.max(furthest, frontier);
    if (frontier === trace.events.length && (!trace.quiescent || quiescentEnd(trace, state))) return true;
    for (const instant of instants) {
      if (instant.operation.call >= frontier || !enabled(state, instant)) continue;
      const found = await explore([...sequence, instant]);
      if (found !== false) return found;
    }
    return false;
  };
  const found = await explore([]);
  if (found === 'limit') return { verdict: 'unknown' };
  const at = Math.min(found ? Infinity : furthest, fixed(trace));
  return at === Infinity ? { verdict: 'ok' } : { verdict: 'illegal', at };
}
