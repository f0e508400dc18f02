/**
 * Histories legal by construction. A plan's program runs against the reference model, one call at
 * a time: that order is the witness, one instant per call, and a get that waits has two, its
 * request and the call that ended its wait (a set, a close, an abort). Then every operation's
 * interval is widened at random around its instants (an earlier call, a later return, never
 * overlapping the thread's previous or next operation), and the recording is either cut at a
 * random instant, leaving calls in flight, or kept whole and ended quiescent. The witness is a
 * linearization of the result, so every such history must be judged `ok`.
 *
 * The model is used only through the public `ValueCore` and `WatcherCore` interfaces, with
 * `AbortController` for aborts.
 *
 * @module
 */

import { ModelValue } from '../../model/model-value.js';
import type { TraceRecord } from '../../conformance/trace/recorder.js';
import type { WatcherCore } from '../../src/types.js';
import type { Plan } from './plan.js';

/** What a get returned. */
export type Returned = { readonly data: unknown } | { readonly error: string };

/** One operation of a generated history, with its witness instants and the times it was recorded at. */
export interface GeneratedOperation {
  /** Its id in the trace. */
  readonly id: string;
  /** The thread that called it. */
  readonly thread: string;
  /** What it is. */
  readonly kind: 'set' | 'watch' | 'get' | 'close' | 'abort';
  /** The watcher it made or used. */
  readonly watcher: string | undefined;
  /** The signal it was given or aborted. */
  readonly signal: string | undefined;
  /** A set's data. */
  readonly data: unknown;
  /** The witness instant at which it took effect, or made its request. */
  readonly first: number;
  /** The witness instant at which it completed (a get's wait ended, an awaited set settled); undefined if never. */
  last: number | undefined;
  /** A sync set: the instant it settled; undefined if never. */
  settledAt: number | undefined;
  /** A sync set whose thread waited for its promise. */
  readonly awaited: boolean;
  /** What a get returned. */
  returned: Returned | undefined;
  /** The version a set made, or a get received. */
  version: number | undefined;
  /** Recorded times (undefined when not recorded): call, return, settlement. */
  call: number | undefined;
  return: number | undefined;
  settle: number | undefined;
}

/** A generated history: its operations and its trace. */
export interface GeneratedHistory {
  /** The plan it came from. */
  readonly plan: Plan;
  /** The operations, in the order of their first instant. */
  readonly operations: readonly GeneratedOperation[];
  /** Whether the recording ends quiescent. */
  readonly quiescent: boolean;
  /** The trace, as records: header, events in time order, and the end marker if any. */
  readonly records: readonly TraceRecord[];
  /** The times of the events in `records` after the header (the end marker has none). */
  readonly times: readonly number[];
}

/** A small seeded generator (mulberry32), so a plan's widening replays from its seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lets every continuation run: the settlements a call caused are then observed. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await null;
}

/** Data of the n-th set: unique, numbers and objects alike. */
function freshData(n: number): unknown {
  return n % 3 === 0 ? { n, note: 'object data' } : n * 10;
}

/** Runs a plan's program against the model, one call at a time, noting each operation's instants. */
async function runProgram(plan: Plan): Promise<GeneratedOperation[]> {
  const sync = plan.mode === 'sync';
  const value = new ModelValue<unknown>({ sync });
  const operations: GeneratedOperation[] = [];
  const watchers: { readonly name: string; readonly handle: WatcherCore<unknown>; closed: boolean }[] = [];
  const signals: { readonly name: string; readonly controller: AbortController; readonly reason: Error }[] = [];
  /** Per thread, the operation that blocks it (a waiting get, an awaited set not settled). */
  const blocking: (GeneratedOperation | undefined)[] = Array.from({ length: plan.threads }, () => undefined);
  let instant = 0;
  let sets = 0;
  let previousData: unknown;

  const signalFor = (index: number): (typeof signals)[number] => {
    if (signals.length === 0 || index < 0) {
      const name = `s${signals.length + 1}`;
      signals.push({ name, controller: new AbortController(), reason: new Error(`abort of ${name}`) });
      return signals[signals.length - 1] as (typeof signals)[number];
    }
    return signals[index % signals.length] as (typeof signals)[number];
  };

  for (const step of plan.steps) {
    const free = blocking.flatMap((operation, thread) => (operation === undefined || operation.last !== undefined ? [thread] : []));
    if (free.length === 0) break;
    const thread = free[step.thread % free.length] as number;
    instant += 1;
    const at = instant;
    let action = step.action;
    if ((action.kind === 'get' || action.kind === 'close') && watchers.length === 0) action = { kind: 'watch' };
    if (plan.lively === true && free.length === 1) {
      // Free a blocked thread: close the watcher of a waiting get, or, for a thread blocked in a
      // sync set, any open watcher; otherwise set, which ends every wait.
      const waiting = operations.find((operation) => operation.kind === 'get' && operation.last === undefined);
      const owing = operations.some((operation) => operation.kind === 'set' && operation.last === undefined);
      const open = waiting !== undefined ? watchers.findIndex((watcher) => watcher.name === waiting.watcher) : owing ? watchers.findIndex((watcher) => !watcher.closed) : -1;
      action = open === -1 ? { kind: 'set', awaited: false, repeat: false } : { kind: 'close', watcher: open };
    }
    const base = { id: `o${operations.length + 1}`, thread: `t${thread + 1}`, first: at, settledAt: undefined, returned: undefined, version: undefined, call: undefined, return: undefined, settle: undefined };
    let operation: GeneratedOperation;
    switch (action.kind) {
      case 'watch': {
        const name = `w${watchers.length + 1}`;
        watchers.push({ name, handle: value.watch(), closed: false });
        operation = { ...base, kind: 'watch', watcher: name, signal: undefined, data: undefined, awaited: false, last: at };
        break;
      }
      case 'set': {
        sets += 1;
        const data = action.repeat && sets > 1 ? previousData : freshData(sets);
        previousData = data;
        const awaited = sync && action.awaited;
        operation = { ...base, kind: 'set', watcher: undefined, signal: undefined, data, awaited, last: awaited ? undefined : at, version: sets };
        const made = operation;
        void value.set(data).then(() => {
          made.settledAt = instant;
          if (awaited) made.last = instant;
        });
        break;
      }
      case 'get': {
        const watcher = watchers[action.watcher % watchers.length] as (typeof watchers)[number];
        const signal = action.signal.kind === 'none' ? undefined : signalFor(action.signal.kind === 'new' ? -1 : action.signal.index);
        operation = { ...base, kind: 'get', watcher: watcher.name, signal: signal?.name, data: undefined, awaited: false, last: undefined };
        const made = operation;
        const done = (returned: Returned): void => {
          made.returned = returned;
          made.last = instant;
        };
        watcher.handle.get(signal === undefined ? undefined : { signal: signal.controller.signal }).then(
          (data) => done({ data }),
          (reason: unknown) => done({ error: reason === signal?.reason ? 'aborted' : (reason as Error).name }),
        );
        break;
      }
      case 'close': {
        const watcher = watchers[action.watcher % watchers.length] as (typeof watchers)[number];
        watcher.handle.close();
        watcher.closed = true;
        operation = { ...base, kind: 'close', watcher: watcher.name, signal: undefined, data: undefined, awaited: false, last: at };
        break;
      }
      case 'abort': {
        const signal = signalFor(action.signal);
        signal.controller.abort(signal.reason);
        operation = { ...base, kind: 'abort', watcher: undefined, signal: signal.name, data: undefined, awaited: false, last: at };
        break;
      }
    }
    operations.push(operation);
    blocking[thread] = operation;
    await settle();
  }
  // The version each get received, from its data, where no other set set the same data.
  const versions = new Map<string, number[]>();
  for (const operation of operations) {
    if (operation.kind === 'set') versions.set(JSON.stringify(operation.data), [...(versions.get(JSON.stringify(operation.data)) ?? []), operation.version as number]);
  }
  for (const operation of operations) {
    if (operation.returned !== undefined && 'data' in operation.returned) {
      const candidates = versions.get(JSON.stringify(operation.returned.data)) ?? [];
      if (candidates.length === 1) operation.version = candidates[0];
    }
  }
  return operations;
}

/**
 * Widens every operation's interval around its witness instants, with the thread's operations
 * one after another, and records the trace: whole and quiescent, or cut at a random time.
 */
function record(plan: Plan, operations: readonly GeneratedOperation[]): GeneratedHistory {
  const draw = random(plan.seed);
  const end = operations.length + 1;
  const byThread = new Map<string, GeneratedOperation[]>();
  for (const operation of operations) byThread.set(operation.thread, [...(byThread.get(operation.thread) ?? []), operation]);
  const free = new Map<string, number>();
  /** A time strictly between `low` and `high`: close to one end, or anywhere. */
  const between = (low: number, high: number, near: 'low' | 'high'): number => {
    const shape = draw();
    const fraction = shape < 0.35 ? draw() * 0.05 : shape < 0.5 ? 1 - draw() * 0.05 : draw();
    const offset = (high - low) * (0.001 + 0.998 * fraction);
    return near === 'low' ? low + offset : high - offset;
  };
  // A thread's operations follow one another; a watcher is used only after its watch returned (its
  // handle comes from that return), so a watch returns before the first instant of its first use.
  const nextOf = new Map<GeneratedOperation, GeneratedOperation>();
  for (const thread of byThread.values()) thread.forEach((operation, index) => {
    const next = thread[index + 1];
    if (next !== undefined) nextOf.set(operation, next);
  });
  const firstUse = new Map<string, number>();
  const watchReturn = new Map<string, number>();
  for (const operation of operations) {
    if (operation.kind !== 'watch' && operation.watcher !== undefined && !firstUse.has(operation.watcher)) firstUse.set(operation.watcher, operation.first);
  }
  for (const operation of operations) {
    if (plan.atomic && (operation.kind === 'abort' || (operation.kind === 'set' && !operation.awaited))) {
      // Recorded at its instant: nothing else is recorded between its call and its return.
      operation.call = operation.first - 1e-7;
      operation.return = operation.first + 1e-7;
      free.set(operation.thread, operation.return);
      if (operation.kind === 'set' && plan.mode === 'sync' && operation.settledAt !== undefined) operation.settle = between(Math.max(operation.settledAt, operation.return), end, 'low');
      continue;
    }
    const madeAt = operation.kind === 'watch' || operation.watcher === undefined ? 0 : (watchReturn.get(operation.watcher) ?? 0);
    operation.call = between(Math.max(free.get(operation.thread) ?? 0, madeAt), operation.first, 'high');
    if (operation.last !== undefined) {
      const before = Math.min(nextOf.get(operation)?.first ?? end, operation.kind === 'watch' ? (firstUse.get(operation.watcher as string) ?? end) : end);
      operation.return = between(operation.last, before, 'low');
      free.set(operation.thread, operation.return);
      if (operation.kind === 'watch') watchReturn.set(operation.watcher as string, operation.return);
    }
    // A sync set's promise settles for whoever awaits it; a set that was not awaited has it noted apart.
    if (operation.kind === 'set' && plan.mode === 'sync' && !operation.awaited && operation.settledAt !== undefined) operation.settle = between(Math.max(operation.settledAt, operation.return as number), end, 'low');
  }
  const from = plan.cutFrom ?? 0;
  const cut = plan.ending === 'cut' ? (from + (1 - from) * draw()) * end : Infinity;
  const events: { readonly time: number; readonly type: 'call' | 'return' | 'settle'; readonly operation: GeneratedOperation }[] = [];
  for (const operation of operations) {
    if ((operation.call as number) > cut) {
      operation.call = undefined;
      continue;
    }
    events.push({ time: operation.call as number, type: 'call', operation });
    if (operation.return !== undefined && operation.return <= cut) events.push({ time: operation.return, type: 'return', operation });
    else operation.return = undefined;
    if (operation.settle !== undefined && operation.settle <= cut) events.push({ time: operation.settle, type: 'settle', operation });
    else operation.settle = undefined;
  }
  events.sort((a, b) => a.time - b.time);
  const records: TraceRecord[] = [{ trace: 'event-value', version: 1, mode: plan.mode }];
  const times: number[] = [];
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as (typeof events)[number];
    const operation = event.operation;
    const call = callRecord(operation, draw() < 0.3);
    const returned = returnRecord(plan, operation);
    const following = events[index + 1];
    const atomic = plan.atomic && (operation.kind === 'abort' || (operation.kind === 'set' && !operation.awaited));
    if (event.type === 'call' && following?.operation === operation && following.type === 'return' && (atomic || draw() < 0.5)) {
      // Nothing happened between the call and the return: one `op` event, half the time.
      records.push({ ...call, ...returned, event: 'op' });
      times.push(event.time);
      index += 1;
      continue;
    }
    records.push(event.type === 'call' ? call : event.type === 'return' ? returned : { event: 'settle', id: operation.id });
    times.push(event.time);
  }
  const quiescent = plan.ending === 'quiescent';
  if (quiescent) records.push({ event: 'end', quiescent: true });
  else if (draw() < 0.2) records.push({ event: 'end', quiescent: false });
  return { plan, operations, quiescent, records, times };
}

function callRecord(operation: GeneratedOperation, nameWatcher: boolean): TraceRecord {
  const record: TraceRecord = { event: 'call', id: operation.id, thread: operation.thread, op: operation.kind };
  if (operation.kind === 'set') record['data'] = operation.data;
  if (operation.kind === 'get' || operation.kind === 'close' || (operation.kind === 'watch' && nameWatcher)) record['watcher'] = operation.watcher;
  if (operation.signal !== undefined) record['signal'] = operation.signal;
  return record;
}

function returnRecord(plan: Plan, operation: GeneratedOperation): TraceRecord {
  const record: TraceRecord = { event: 'return', id: operation.id };
  if (operation.kind === 'watch') record['watcher'] = operation.watcher;
  if (operation.kind === 'get') Object.assign(record, operation.returned);
  if (operation.kind === 'set' && plan.mode === 'sync' && !operation.awaited) record['settled'] = false;
  return record;
}

/** Generates the history of a plan. */
export async function generate(plan: Plan): Promise<GeneratedHistory> {
  return record(plan, await runProgram(plan));
}

/** The text of a history's trace (JSON Lines). */
export function traceText(records: readonly TraceRecord[]): string {
  return `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;
}
