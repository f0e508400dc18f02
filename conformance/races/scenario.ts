/**
 * Scheduled races: consumers, producers and aborts whose continuations run in whatever order
 * fast-check's scheduler picks, making re-entrant calls from continuations and abort listeners
 * (RE-1 to RE-3). A scenario drives one value: this project's own properties drive MemoryValue
 * and the model at once (a {@link PairValue}), which must never disagree; the conformance kit
 * drives an implementation recorded by the `Recorder`, whose trace the checker judges. Either way
 * the run must end with every consumer's versions strictly increasing (and, in sync mode,
 * consecutive), every set settled once every watcher is closed, and every consumer finished.
 *
 * @module
 */

import fc from 'fast-check';
import { MemoryValue } from '../../src/index.js';
import { ModelValue } from '../../model/model-value.js';
import type { GetOptions, ValueCore, WatcherCore } from '../../src/types.js';
import type { Mode } from '../../properties/aspects/index.js';
import { drain, inSchedulerOrder } from './in-scheduler-order.js';
import { PairValue } from './pair-value.js';

/** A watcher of the scenario, with every value its gets resolved with, whoever made the get. */
interface TrackedWatcher extends WatcherCore<number> {
  readonly received: number[];
}

/** Tracks what a watcher's gets resolve with. */
function tracked(watcher: WatcherCore<number>): TrackedWatcher {
  const received: number[] = [];
  return {
    received,
    get: (options?: GetOptions) =>
      watcher.get(options).then((data) => {
        received.push(data);
        return data;
      }),
    close: () => watcher.close(),
  };
}

/** What a consumer does in the continuation of a get that resolved (RE-1). */
export type Reaction = 'nothing' | 'set' | 'watch' | 'close-other' | 'close-self' | 'abort-other';

/** What an abort listener does when it runs (RE-2 before the library's listener, RE-3 after). */
export type ListenerAction = 'set' | 'close' | 'get';

/** One consumer's plan. */
export interface ConsumerPlan {
  readonly gets: number;
  readonly reactions: readonly Reaction[];
  readonly signal: boolean;
  readonly listener: { readonly action: ListenerAction; readonly before: boolean } | undefined;
  readonly abort: boolean;
  /** Whether the first get waits for a turn of the scheduler, so that sets can come first. */
  readonly late: boolean;
}

/** A whole scenario. */
export interface Scenario {
  readonly mode: Mode;
  readonly initialSets: number;
  readonly consumers: readonly ConsumerPlan[];
  readonly producerSets: number;
}

export const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  mode: fc.constantFrom<Mode>('async', 'sync'),
  initialSets: fc.nat({ max: 2 }),
  consumers: fc.array(
    fc.record({
      gets: fc.integer({ min: 1, max: 5 }),
      reactions: fc.array(fc.constantFrom<Reaction>('nothing', 'set', 'watch', 'close-other', 'close-self', 'abort-other'), { maxLength: 4 }),
      signal: fc.boolean(),
      listener: fc.option(fc.record({ action: fc.constantFrom<ListenerAction>('set', 'close', 'get'), before: fc.boolean() }), { nil: undefined }),
      abort: fc.boolean(),
      late: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  producerSets: fc.nat({ max: 6 }),
});

/** What a scenario run leaves behind for the checks. */
export interface Outcome {
  readonly disagreements: readonly string[];
  readonly received: readonly (readonly number[])[];
  readonly firstExpected: readonly number[];
  readonly unfinished: number;
  readonly unsettledSets: number;
}

/** Runs a scenario under the scheduler against the given implementation, paired with the model. */
export function runScenario(
  scheduler: fc.Scheduler,
  scenario: Scenario,
  make: (options: { sync: boolean }) => ValueCore<number> = (options) => new MemoryValue<number>(options),
): Promise<Outcome> {
  const sync = scenario.mode === 'sync';
  return driveScenario(scheduler, scenario, new PairValue<number>(new ModelValue<number>({ sync }), make({ sync })));
}

/**
 * Runs a scenario under the scheduler against one value. When the value is a {@link PairValue},
 * whenever a continuation runs both of its implementations must have settled the same sets.
 */
export async function driveScenario(scheduler: fc.Scheduler, scenario: Scenario, value: ValueCore<number>): Promise<Outcome> {
  const pair = value instanceof PairValue ? value : undefined;
  let version = 0;
  let settledSets = 0;
  const set = (): Promise<void> => {
    const settled = Promise.resolve(value.set((version += 1)));
    void settled.then(() => (settledSets += 1));
    return settled;
  };
  for (let i = 0; i < scenario.initialSets; i++) void set();

  const extraWatchers: TrackedWatcher[] = [];
  const watchers = scenario.consumers.map(() => tracked(value.watch()));
  const firstExpected = watchers.map(() => Math.max(version, 1));
  const controllers = scenario.consumers.map((plan) => (plan.signal ? new AbortController() : undefined));

  const listenerAction = (action: ListenerAction, index: number): void => {
    switch (action) {
      case 'set':
        void set();
        return;
      case 'close':
        watchers[index]?.close();
        return;
      case 'get':
        watchers[index]?.get().catch(() => {});
        return;
    }
  };

  const react = (reaction: Reaction, index: number): void => {
    const other = (index + 1) % watchers.length;
    switch (reaction) {
      case 'nothing':
        return;
      case 'set':
        void set();
        return;
      case 'watch':
        extraWatchers.push(tracked(value.watch()));
        return;
      case 'close-other':
        watchers[other]?.close();
        return;
      case 'close-self':
        watchers[index]?.close();
        return;
      case 'abort-other':
        controllers[other]?.abort(new Error(`aborted by consumer ${index}`));
        return;
    }
  };

  const consumers = scenario.consumers.map(async (plan, index) => {
    const watcher = watchers[index] as TrackedWatcher;
    const controller = controllers[index];
    let options = controller === undefined ? undefined : { signal: controller.signal };
    if (plan.late) await inSchedulerOrder(scheduler, Promise.resolve(), `consumer ${index} starts late`);
    const listener = plan.listener;
    if (controller !== undefined && listener !== undefined && listener.before) {
      controller.signal.addEventListener('abort', () => listenerAction(listener.action, index));
    }
    for (let g = 0; g < plan.gets; g++) {
      const pending = watcher.get(options);
      if (g === 0 && controller !== undefined && listener !== undefined && !listener.before) {
        controller.signal.addEventListener('abort', () => listenerAction(listener.action, index));
      }
      try {
        await inSchedulerOrder(scheduler, pending, `get of consumer ${index}`);
      } catch {
        // ABORT-2: after an abort the watcher is usable; go on without the spent signal.
        if (controller?.signal.aborted === true) options = undefined;
        continue;
      } finally {
        // SYNC-2: whenever a continuation runs, both implementations have settled the same sets.
        pair?.compareSets();
      }
      react(plan.reactions[g] ?? 'nothing', index);
    }
  });

  const producer = scheduler.scheduleSequence(
    // Each set returns at once to the scheduler: a sync-mode set waits for continuations that
    // the scheduler has yet to run, so awaiting it here would stall the schedule.
    Array.from({ length: scenario.producerSets }, (_, i) => ({
      label: `set #${i + 1}`,
      builder: async () => {
        void set();
      },
    })),
  );
  scenario.consumers.forEach((plan, index) => {
    if (plan.abort) {
      void scheduler.schedule(Promise.resolve(), `abort of consumer ${index}`).then(() => controllers[index]?.abort(new Error(`abort ${index}`)));
    }
  });

  await drain(scheduler);
  // Let every consumer finish: closing every watcher rejects their pending gets (CLOSE-2) and
  // releases every sync set (CLOSE-5); then let the rest of the schedule run.
  for (const watcher of [...watchers, ...extraWatchers]) watcher.close();
  await drain(scheduler);
  for (const watcher of extraWatchers) watcher.close();
  await drain(scheduler);

  // Nothing may be left waiting now; give every continuation a chance to run, without awaiting
  // anything that could hang.
  let finished = 0;
  for (const consumer of consumers) void consumer.then(() => (finished += 1));
  void producer.task;
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  pair?.compareSets();
  return {
    disagreements: pair?.disagreements ?? [],
    // Gets made by abort listeners count too: they take versions from the same watcher.
    received: watchers.map((watcher) => watcher.received),
    firstExpected,
    unfinished: consumers.length - finished,
    unsettledSets: version - settledSets,
  };
}
