/**
 * The benchmark scenarios. Each measures event-value and its baselines in the same process run,
 * one after the other, so that their ratio means something on a shared, noisy machine.
 *
 * @module
 */

import { Bench } from 'tinybench';
import { MemoryValue } from '../src/index.js';
import { EventEmitterSource, RawFloorSource, RawSyncFloorSource, RxjsSource, RxjsTunedSource, type Source } from './peers.js';

/** Sizes of the scenarios: the full run, and `--quick`, which only keeps them from rotting. */
export interface Sizes {
  readonly idleWatchers: readonly number[];
  readonly setsPerSample: number;
  readonly fanOutWatchers: number;
  readonly fanOutSets: number;
  readonly readyGets: number;
  readonly syncWatchers: number;
  readonly syncSets: number;
  readonly memoryWatchers: number;
  readonly churnCycles: number;
  readonly iterations: number;
}

export const fullSizes: Sizes = {
  idleWatchers: [0, 100, 10_000],
  setsPerSample: 10_000,
  fanOutWatchers: 1000,
  fanOutSets: 1000,
  readyGets: 10_000,
  syncWatchers: 100,
  syncSets: 1000,
  memoryWatchers: 100_000,
  churnCycles: 1_000_000,
  iterations: 10,
};

export const quickSizes: Sizes = {
  idleWatchers: [0, 10, 100],
  setsPerSample: 10,
  fanOutWatchers: 10,
  fanOutSets: 10,
  readyGets: 10,
  syncWatchers: 10,
  syncSets: 10,
  memoryWatchers: 1000,
  churnCycles: 1000,
  iterations: 1,
};

/** One measured contender: the mean time of one sample, in milliseconds, or bytes for memory. */
export interface Measurement {
  readonly scenario: string;
  readonly contender: string;
  readonly value: number;
  readonly unit: 'ms' | 'bytes';
}

/** Runs the tasks in one tinybench run and returns their mean sample times. */
async function measure(scenario: string, sizes: Sizes, tasks: Record<string, () => Promise<unknown> | unknown>): Promise<Measurement[]> {
  const bench = new Bench({ time: 0, iterations: sizes.iterations, warmupIterations: Math.min(2, sizes.iterations), warmupTime: 0 });
  for (const [name, task] of Object.entries(tasks)) bench.add(name, task);
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`${scenario} / ${task.name}: ${result.state === 'errored' ? String(result.error) : result.state}`);
    return { scenario, contender: task.name, value: result.period, unit: 'ms' };
  });
}

/** `set` on an async value with idle watchers: the cost must not grow with them (COST-1). */
export function setWithIdleWatchers(sizes: Sizes): Promise<Measurement[]> {
  const tasks: Record<string, () => void> = {};
  for (const count of sizes.idleWatchers) {
    const value = new MemoryValue<number>();
    const watchers = Array.from({ length: count }, () => value.watch());
    let n = 0;
    tasks[`${count} idle watchers`] = () => {
      for (let i = 0; i < sizes.setsPerSample; i++) value.set((n += 1));
      // Keep the watchers reachable, so idle ones cannot be collected during the run.
      if (watchers.length !== count) throw new Error('lost watchers');
    };
  }
  return measure(`set x${sizes.setsPerSample}`, sizes, tasks);
}

/** Lets every continuation run before the next set. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Fan-out: many watchers loop on get while a producer sets, each set awaited by a turn. */
async function fanOut(source: Source, watchers: number, sets: number): Promise<void> {
  let received = 0;
  const consumers = Array.from({ length: watchers }, async () => {
    const consumer = source.watch();
    for (let i = 0; i < sets; i++) {
      await consumer.get();
      received += 1;
    }
    consumer.close();
  });
  for (let i = 1; i <= sets; i++) {
    source.set(i);
    await nextTurn();
  }
  await Promise.all(consumers);
  if (received !== watchers * sets) throw new Error(`fan-out lost values: ${received} of ${watchers * sets}`);
}

export function fanOutScenario(sizes: Sizes): Promise<Measurement[]> {
  const run = (make: () => Source) => () => fanOut(make(), sizes.fanOutWatchers, sizes.fanOutSets);
  return measure(`fan-out ${sizes.fanOutWatchers} watchers x ${sizes.fanOutSets} sets`, sizes, {
    'event-value MemoryValue': run(() => new MemoryValue<number>()),
    'RxJS BehaviorSubject adapter': run(() => new RxjsSource()),
    'RxJS hand-tuned adapter': run(() => new RxjsTunedSource()),
    'EventEmitter + events.once': run(() => new EventEmitterSource()),
    'raw floor (bare promises)': run(() => new RawFloorSource()),
  });
}

/** A get that finds a newer version than its cursor, against awaiting a resolved promise. */
export function readyGetScenario(sizes: Sizes): Promise<Measurement[]> {
  const value = new MemoryValue<number>();
  value.set(1);
  let watchers = Array.from({ length: sizes.readyGets }, () => value.watch());
  const floor = new RawFloorSource();
  floor.set(1);
  let consumers = Array.from({ length: sizes.readyGets }, () => floor.watch());
  return measure(`ready get x${sizes.readyGets}`, sizes, {
    'event-value get (version ready)': async () => {
      for (const watcher of watchers) await watcher.get();
      // Fresh watchers for the next sample, made outside the loop above.
      watchers = Array.from({ length: sizes.readyGets }, () => value.watch());
    },
    'raw floor get (version ready)': async () => {
      for (const consumer of consumers) await consumer.get();
      consumers = Array.from({ length: sizes.readyGets }, () => floor.watch());
    },
    'await Promise.resolve(v)': async () => {
      for (let i = 0; i < sizes.readyGets; i++) await Promise.resolve(i);
      // The same allocation of fresh objects, so both tasks do the same work besides the get.
      Array.from({ length: sizes.readyGets }, () => ({}));
    },
  });
}

/** Sync mode: watchers in lockstep with a producer that awaits each set. */
async function lockstep(source: Source, watchers: number, sets: number): Promise<void> {
  const consumers = Array.from({ length: watchers }, async () => {
    const consumer = source.watch();
    for (let i = 0; i < sets; i++) await consumer.get();
    consumer.close();
  });
  for (let i = 1; i <= sets; i++) await source.set(i);
  await Promise.all(consumers);
}

export function syncScenario(sizes: Sizes): Promise<Measurement[]> {
  return measure(`sync lockstep ${sizes.syncWatchers} watchers x ${sizes.syncSets} sets`, sizes, {
    'event-value MemoryValue (sync)': () => lockstep(new MemoryValue<number>({ sync: true }), sizes.syncWatchers, sizes.syncSets),
    'raw floor (hand-written log)': () => lockstep(new RawSyncFloorSource(), sizes.syncWatchers, sizes.syncSets),
  });
}

/** Heap bytes per idle watcher, with `--expose-gc`. */
export function memoryScenario(sizes: Sizes): Measurement[] {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('the memory scenario needs node --expose-gc');
  const perWatcher = (contender: string, make: () => () => unknown): Measurement => {
    const watch = make();
    const kept: unknown[] = new Array(sizes.memoryWatchers).fill(undefined);
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < kept.length; i++) kept[i] = watch();
    collect();
    const after = process.memoryUsage().heapUsed;
    if (kept.length !== sizes.memoryWatchers) throw new Error('lost watchers');
    return { scenario: `memory per idle watcher (${sizes.memoryWatchers})`, contender, value: (after - before) / kept.length, unit: 'bytes' };
  };
  return [
    perWatcher('event-value watcher', () => {
      const value = new MemoryValue<number>();
      value.set(1);
      return () => value.watch();
    }),
    perWatcher('RxJS BehaviorSubject subscriber', () => {
      const subject = new RxjsTunedSource();
      subject.set(1);
      return () => subject.watch();
    }),
  ];
}

/** watch then close, many times: what a short-lived consumer costs. */
export function churnScenario(sizes: Sizes): Promise<Measurement[]> {
  const value = new MemoryValue<number>();
  value.set(1);
  return measure(`churn: watch + close x${sizes.churnCycles}`, sizes, {
    'event-value watch + close': () => {
      for (let i = 0; i < sizes.churnCycles; i++) value.watch().close();
    },
    'allocate three objects (floor)': () => {
      for (let i = 0; i < sizes.churnCycles; i++) ({ state: { kind: 'closed', cursor: { seen: i } } }).state.cursor.seen += 1;
    },
  });
}
