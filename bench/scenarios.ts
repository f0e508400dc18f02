/**
 * The benchmark scenarios. Each measures event-value, its floor and its peers side by side in the
 * same process (see `measure.ts`), so that their ratios mean something on a shared, noisy machine.
 *
 * Each contender's timed loop is a function literal of its own where the operation is a few
 * nanoseconds: V8 keeps type feedback per function literal, and a loop shared by several classes
 * would make every one of them pay for a polymorphic call.
 *
 * @module
 */

import { MemoryValue } from '../src/index.js';
import { ChurnFloor, FanOutFloor, LockstepFloor, SetFloor } from './floors.js';
import { collectGarbage, measuredSamples, median, sideBySide, sink, type Contender, type ContenderFilter, type Rounds, type Samples } from './measure.js';
import { EventEmitterSource, RxjsSource, RxjsTunedSource, WatchSender, type Consumer } from './peers.js';
import { BehaviorSubject } from 'rxjs';

/** Sizes of the scenarios: the full run, and `--quick`, which only keeps them from rotting. */
export interface Sizes {
  readonly setsPerSample: number;
  readonly idleWatchers: readonly [few: number, many: number];
  readonly fanOutWatchers: number;
  readonly fanOutSets: number;
  readonly syncWatchers: number;
  readonly syncSets: number;
  readonly readyGets: number;
  readonly churnCycles: number;
  readonly memoryWatchers: number;
  readonly etcdSets: number;
  /** Rounds for the scenarios of nanosecond operations. */
  readonly rounds: Rounds;
  /** Rounds for the scenarios of many promises (fan-out, sync lockstep), whose samples take longer. */
  readonly promiseRounds: Rounds;
}

/** The full run. */
export const fullSizes: Sizes = {
  setsPerSample: 5_000_000,
  idleWatchers: [100, 10_000],
  fanOutWatchers: 1000,
  fanOutSets: 1000,
  syncWatchers: 100,
  syncSets: 1000,
  readyGets: 100_000,
  churnCycles: 1_000_000,
  memoryWatchers: 100_000,
  etcdSets: 500,
  rounds: { warmup: 3, measured: 15, context: 15 },
  promiseRounds: { warmup: 2, measured: 20, context: 1 },
};

/** `--quick`: every scenario once, with small sizes. */
export const quickSizes: Sizes = {
  setsPerSample: 1000,
  idleWatchers: [10, 100],
  fanOutWatchers: 10,
  fanOutSets: 10,
  syncWatchers: 10,
  syncSets: 10,
  readyGets: 100,
  churnCycles: 1000,
  memoryWatchers: 1000,
  etcdSets: 20,
  rounds: { warmup: 0, measured: 1, context: 1 },
  promiseRounds: { warmup: 0, measured: 1, context: 1 },
};

/** One contender's result in a scenario. */
export interface Row {
  readonly contender: string;
  /** The median sample, in milliseconds (bytes for memory). */
  readonly perSample: number;
  /** The median sample per operation: nanoseconds, or bytes for memory. */
  readonly perOperation: number;
  readonly samples: number;
}

/** A scenario's results, and its samples for the ratios of the targets. */
export interface Outcome {
  readonly title: string;
  readonly unit: 'ns' | 'bytes';
  /** What one operation is, for the table: "set", "delivery", ... */
  readonly operation: string;
  readonly rows: readonly Row[];
  readonly samples: Samples;
}

/** What a scenario is given to run. */
export interface Run {
  readonly sizes: Sizes;
  readonly only: ContenderFilter;
}

/** Measures contenders side by side and makes the rows, `operations` operations per sample. */
async function timed(title: string, operation: string, operations: number, contenders: readonly Contender[], rounds: Rounds, only: ContenderFilter): Promise<Outcome> {
  const samples = await sideBySide(contenders, rounds, only);
  const rows = [...samples.keys()].map((contender) => {
    const measured = measuredSamples(samples, contender);
    const perSample = median(measured);
    return { contender, perSample, perOperation: (perSample * 1e6) / operations, samples: measured.length };
  });
  return { title, unit: 'ns', operation, rows, samples };
}

/** The contender names the targets refer to. */
export const names = {
  setFloor: 'floor: write the data, bump a version, see that nobody waits',
  setNone: 'event-value, no watchers',
  setIdle: (count: number) => `event-value, ${count} idle watchers`,
  setRxjs: 'RxJS BehaviorSubject.next, no subscriber (context)',
  fanOutValue: 'event-value MemoryValue',
  fanOutTuned: 'RxJS hand-tuned adapter (one subscription per consumer)',
  fanOutTokio: 'tokio-style watch, changed + borrow (by hand)',
  fanOutFloor: 'floor: a pre-allocated slot per consumer',
  fanOutFloorReject: 'the floor, keeping each waiting get\'s reject function too (as CLOSE-2 needs)',
  fanOutIdiomatic: 'RxJS idiomatic adapter, firstValueFrom + filter (context)',
  fanOutEmitter: 'EventEmitter + events.once (context)',
  syncValue: 'event-value MemoryValue (sync)',
  syncFloor: 'floor: one set in flight, a counter',
  readyValue: 'event-value get (version ready)',
  readyFloor: 'floor get (version ready)',
  readyPromise: 'await Promise.resolve(v)',
  churnValue: 'event-value watch + close',
  churnFloor: 'floor: one object, one write',
  memoryValue: 'event-value watcher (async)',
  memorySync: 'event-value watcher (sync, context)',
  memoryTokio: 'tokio-style receiver (context)',
  memoryRxjs: 'RxJS hand-tuned subscriber (context)',
} as const;

/**
 * A loop of MemoryValue sets; one literal for the three MemoryValue contenders, all of one class.
 * `watchers` are kept reachable, so that idle ones cannot be collected during the run.
 */
function memoryValueSets(value: MemoryValue<number>, watchers: readonly unknown[], sets: number): () => void {
  return () => {
    for (let i = 0; i < sets; i++) value.set(i);
    sink.value = watchers;
  };
}

/**
 * An async `set` with nobody waiting, against its floor; with idle watchers, against none (COST-1:
 * a set's cost does not grow with the watchers that do not wait); and RxJS's `next` with no
 * subscriber, for context.
 */
export function setScenario({ sizes, only }: Run): Promise<Outcome> {
  const sets = sizes.setsPerSample;
  const [few, many] = sizes.idleWatchers;
  const floor = new SetFloor();
  const subject = new BehaviorSubject<number>(0);
  const idle = (count: number): (() => void) => {
    const value = new MemoryValue<number>();
    return memoryValueSets(value, Array.from({ length: count }, () => value.watch()), sets);
  };
  const contenders: Contender[] = [
    {
      name: names.setFloor,
      run: () => {
        for (let i = 0; i < sets; i++) floor.set(i);
        sink.value = floor.version;
      },
    },
    { name: names.setNone, run: idle(0) },
    { name: names.setIdle(few), run: idle(few) },
    { name: names.setIdle(many), run: idle(many) },
    {
      name: names.setRxjs,
      run: () => {
        for (let i = 0; i < sets; i++) subject.next(i);
        sink.value = subject.getValue();
      },
      context: true,
    },
  ];
  return timed(`async set x${sets}, nobody waiting`, 'set', sets, contenders, sizes.rounds, only);
}

/** Lets every continuation run before the next set: a macrotask turn, alike for every contender. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One fan-out sample: `watchers` consumers, each running `consume` (its whole loop of gets, which
 * resolves with the sum of what it received), while a producer sets 1 to `sets`, a turn apart.
 * Every consumer waits at every set, so each must receive every version: the sum checks it.
 */
async function fanOut(set: (value: number) => unknown, consume: () => Promise<number>, watchers: number, sets: number): Promise<void> {
  const consumers = Array.from({ length: watchers }, consume);
  for (let i = 1; i <= sets; i++) {
    set(i);
    await nextTurn();
  }
  const sums = await Promise.all(consumers);
  const expected = (sets * (sets + 1)) / 2;
  if (sums.some((sum) => sum !== expected)) throw new Error(`fan-out: a consumer missed a version (sums ${sums.slice(0, 5).join(', ')}, expected ${expected})`);
}

/** A consumer's loop of gets: the same loop for every get-style contender. */
function getLoop(watch: () => Consumer, gets: number): () => Promise<number> {
  return async () => {
    const consumer = watch();
    let sum = 0;
    for (let i = 0; i < gets; i++) sum += await consumer.get();
    consumer.close();
    return sum;
  };
}

/**
 * Fan-out: 1,000 watchers, 1,000 sets, every watcher receiving every set. Against the peer to
 * beat (the hand-tuned RxJS adapter), a true floor, and tokio's watch transcribed by hand; the
 * idiomatic RxJS adapter and EventEmitter for context.
 */
export function fanOutScenario({ sizes, only }: Run): Promise<Outcome> {
  const watchers = sizes.fanOutWatchers;
  const sets = sizes.fanOutSets;
  const getStyle = (name: string, make: () => { set(value: number): unknown; watch(): Consumer }, context = false): Contender => ({
    name,
    run: () => {
      const source = make();
      return fanOut((value) => source.set(value), getLoop(() => source.watch(), sets), watchers, sets);
    },
    context,
  });
  const contenders: Contender[] = [
    getStyle(names.fanOutValue, () => new MemoryValue<number>()),
    getStyle(names.fanOutTuned, () => new RxjsTunedSource()),
    {
      name: names.fanOutTokio,
      run: () => {
        const sender = new WatchSender();
        const consume = async (): Promise<number> => {
          const receiver = sender.subscribe();
          let sum = 0;
          for (let i = 0; i < sets; i++) {
            await receiver.changed();
            sum += receiver.borrowAndUpdate();
          }
          return sum;
        };
        return fanOut((value) => sender.send(value), consume, watchers, sets);
      },
    },
    getStyle(names.fanOutFloor, () => new FanOutFloor()),
    getStyle(names.fanOutFloorReject, () => new FanOutFloor(true)),
    getStyle(names.fanOutIdiomatic, () => new RxjsSource(), true),
    getStyle(names.fanOutEmitter, () => new EventEmitterSource(), true),
  ];
  return timed(`fan-out ${watchers} watchers x ${sets} sets`, 'delivery', watchers * sets, contenders, sizes.promiseRounds, only);
}

/** One lockstep sample: the producer awaits each set; each consumer must receive 1 to `sets` in order. */
async function lockstep(source: { set(value: number): Promise<void>; watch(): Consumer }, watchers: number, sets: number): Promise<void> {
  const consumers = Array.from({ length: watchers }, async () => {
    const consumer = source.watch();
    for (let i = 1; i <= sets; i++) {
      const received = await consumer.get();
      if (received !== i) throw new Error(`sync lockstep: received ${received}, expected ${i}`);
    }
    consumer.close();
  });
  for (let i = 1; i <= sets; i++) await source.set(i);
  await Promise.all(consumers);
}

/** Sync mode: 100 watchers in lockstep with a producer that awaits each of 1,000 sets. */
export function syncScenario({ sizes, only }: Run): Promise<Outcome> {
  const { syncWatchers: watchers, syncSets: sets } = sizes;
  return timed(
    `sync lockstep ${watchers} watchers x ${sets} sets`,
    'delivery',
    watchers * sets,
    [
      { name: names.syncValue, run: () => lockstep(new MemoryValue<number>({ sync: true }), watchers, sets) },
      { name: names.syncFloor, run: () => lockstep(new LockstepFloor(), watchers, sets) },
    ],
    sizes.promiseRounds,
    only,
  );
}

/** What a ready-get contender is made of: watchers, and a way to give them all a new version. */
interface ReadyWatchers {
  readonly set: (data: number) => unknown;
  readonly watchers: readonly { get(): Promise<number> }[];
}

/**
 * A contender of the ready get. Its watchers are made once, when it first runs: they survive the
 * warm-up rounds into the old generation, so that no sample pays for the young generation copying
 * them. Before each sample, untimed, the value is set, so that every watcher has a version ready;
 * the sample gets from each once. One loop for event-value and the floor: a get costs tens of
 * nanoseconds and more here, so the two-way polymorphic call it makes is negligible.
 */
function readyGets(name: string, make: () => ReadyWatchers): Contender {
  let made: ReadyWatchers | undefined;
  let version = 0;
  return {
    name,
    prepare: () => {
      made ??= make();
      version += 1;
      made.set(version);
    },
    run: async () => {
      let sum = 0;
      for (const watcher of made?.watchers ?? []) sum += await watcher.get();
      sink.value = sum;
    },
  };
}

/** A get that finds a version newer than its cursor (GET-5). */
export function readyGetScenario({ sizes, only }: Run): Promise<Outcome> {
  const gets = sizes.readyGets;
  const contenders: Contender[] = [
    readyGets(names.readyValue, () => {
      const value = new MemoryValue<number>();
      return { set: (data) => value.set(data), watchers: Array.from({ length: gets }, () => value.watch()) };
    }),
    readyGets(names.readyFloor, () => {
      const floor = new FanOutFloor();
      return { set: (data) => floor.set(data), watchers: Array.from({ length: gets }, () => floor.watch()) };
    }),
    {
      name: names.readyPromise,
      run: async () => {
        let sum = 0;
        for (let i = 0; i < gets; i++) sum += await Promise.resolve(i);
        sink.value = sum;
      },
    },
  ];
  return timed(`ready get x${gets}`, 'get', gets, contenders, sizes.rounds, only);
}

/** watch then close, many times: what a short-lived consumer costs. */
export function churnScenario({ sizes, only }: Run): Promise<Outcome> {
  const cycles = sizes.churnCycles;
  const value = new MemoryValue<number>();
  value.set(1);
  const floor = new ChurnFloor();
  // The last watcher of each loop escapes to the sink, so that V8 cannot prove the watchers unused
  // and allocate none.
  const contenders: Contender[] = [
    {
      name: names.churnValue,
      run: () => {
        let last;
        for (let i = 0; i < cycles; i++) {
          last = value.watch();
          last.close();
        }
        sink.value = last;
      },
    },
    {
      name: names.churnFloor,
      run: () => {
        let last;
        for (let i = 0; i < cycles; i++) {
          last = floor.watch();
          last.close();
        }
        sink.value = last;
      },
    },
  ];
  return timed(`churn: watch + close x${cycles}`, 'watch + close', cycles, contenders, sizes.rounds, only);
}

/**
 * The heap bytes that `count` objects made by `make` add, per object, with the array that holds
 * them allocated beforehand: its elements are small integers first, so storing an object in a slot
 * changes the slot and allocates nothing (the control below measures exactly that).
 */
function bytesEach(make: () => unknown, count: number): number {
  const kept: unknown[] = [];
  for (let i = 0; i < count; i++) kept.push(0);
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) kept[i] = make();
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  sink.value = kept;
  return (after - before) / count;
}

/**
 * Heap bytes per idle watcher: the watcher and what it alone keeps alive (its state and cursor),
 * not the value it watches (made before) nor the benchmark's array holding the watchers: the
 * control run stores one shared object in every slot of the same kind of array, and its bytes per
 * slot are subtracted. Each contender is measured three times; the median counts.
 */
export function memoryScenario({ sizes, only }: Run): Outcome {
  const count = sizes.memoryWatchers;
  const shared = {};
  const control = (): number => bytesEach(() => shared, count);
  const perWatcher = (make: () => () => unknown): number =>
    median([0, 1, 2].map(() => {
      const made = make();
      return bytesEach(made, count) - control();
    }));
  const valueOf = (sync: boolean): (() => unknown) => {
    const value = new MemoryValue<number>({ sync });
    value.set(1);
    return () => value.watch();
  };
  const contenders: [string, () => () => unknown][] = [
    [names.memoryValue, () => valueOf(false)],
    [names.memorySync, () => valueOf(true)],
    [
      names.memoryTokio,
      () => {
        const sender = new WatchSender();
        sender.send(1);
        return () => sender.subscribe();
      },
    ],
    [
      names.memoryRxjs,
      () => {
        const source = new RxjsTunedSource();
        source.set(1);
        return () => source.watch();
      },
    ],
  ];
  const rows = contenders
    .filter(([name]) => only(name))
    .map(([contender, make]) => {
      const bytes = perWatcher(make);
      return { contender, perSample: bytes, perOperation: bytes, samples: 3 };
    });
  return { title: `memory per idle watcher (${count} watchers)`, unit: 'bytes', operation: 'watcher', rows, samples: new Map() };
}
