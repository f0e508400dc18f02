/**
 * The four defects measured on the Go original, each as a scenario that any implementation can be
 * put through. A scenario throws (through `expect`) when the implementation shows the defect.
 * `test/defects.test.ts` runs them on MemoryValue and the model; the gallery test runs each on
 * the faulty variant that reintroduces it, and expects it to fail there.
 */
import { expect } from 'vitest';
import type { Factory } from '../../properties/harness/run.js';
import { errorName, flush, track } from './promises.js';

/** A defect of the original and the scenario that shows it. */
export interface DefectScenario {
  readonly defect: string;
  readonly clauses: readonly string[];
  readonly run: (factory: Factory) => Promise<void>;
}

export const defectScenarios: readonly DefectScenario[] = [
  {
    // The original's TestSync received 1, 2, 3, 4, 0 under the race detector.
    defect: 'out-of-order delivery',
    clauses: ['GET-4', 'SYNC-1'],
    async run(factory) {
      const value = factory({ sync: true });
      void value.set(0);
      const watcher = value.watch();
      for (const n of [1, 2, 3, 4]) void value.set(n);
      const received: number[] = [];
      for (let i = 0; i < 5; i++) received.push(await watcher.get());
      expect(received).toEqual([0, 1, 2, 3, 4]);
      watcher.close();
    },
  },
  {
    // A get cancelled while a sync set handed it a value left that set blocked forever.
    defect: 'sync set wedged by cancellation',
    clauses: ['ABORT-2', 'SYNC-2'],
    async run(factory) {
      const value = factory({ sync: true });
      const watcher = value.watch();
      const controller = new AbortController();
      const cancelled = track(watcher.get({ signal: controller.signal }));
      controller.abort(new Error('cancelled'));
      const set = track(Promise.resolve(value.set(1)));
      expect(await watcher.get()).toBe(1);
      await flush();
      expect(cancelled.outcome.state).toBe('rejected');
      expect(set.outcome.state).toBe('fulfilled');
      watcher.close();
    },
  },
  {
    // A set stayed blocked 500 ms after the only watcher it waited for was closed.
    defect: 'close does not release a sync set',
    clauses: ['CLOSE-5', 'SYNC-2'],
    async run(factory) {
      const value = factory({ sync: true });
      const watcher = value.watch();
      const set = track(Promise.resolve(value.set(1)));
      await flush();
      expect(set.outcome.state).toBe('pending');
      watcher.close();
      await flush();
      expect(set.outcome.state).toBe('fulfilled');
    },
  },
  {
    // A get on a closed watcher waited until its context ended.
    defect: 'get after close waits',
    clauses: ['CLOSE-3'],
    async run(factory) {
      const value = factory({ sync: false });
      value.set(1);
      const watcher = value.watch();
      watcher.close();
      const get = track(watcher.get());
      await flush();
      expect(get.outcome.state).toBe('rejected');
      expect(get.outcome.state === 'rejected' && errorName(get.outcome.reason)).toBe('WatcherClosedError');
    },
  },
];
