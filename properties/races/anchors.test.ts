/**
 * Ports of the concurrency scenarios of the systems this project learns from, each run under
 * fast-check's scheduler so that every order of continuations is a candidate:
 *
 * - tokio's loom tests of `sync::watch`: one producer with five receivers all seeing a concurrent
 *   send; and the lost wake-up of tokio #3168, where a receiver registers while a send happens.
 * - Kotlin's StateFlow stress test: several producers interleave sets; every collector sees each
 *   producer's values in increasing order, and none hangs.
 *
 * - tokio's loom test of `wait_for`: a `waitFor` races one producer that sets the unchanged data
 *   twice and another that sets the data the predicate waits for. The wait is the layer over each
 *   implementation (`withIdioms` for the model). Checked by hand: it hangs on the faulty layer
 *   whose `waitFor` throws away the version at hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { implementations } from '../harness/implementations.js';
import { parameters } from '../harness/property.js';
import { withIdioms } from '../../src/idioms/with-idioms.js';
import type { ValueCore } from '../../src/types.js';
import { drain, inSchedulerOrder } from '../../conformance/races/in-scheduler-order.js';

const modes = [false, true] as const;

describe('ports of the anchors\u2019 concurrency scenarios', () => {
  for (const { name, factory } of implementations) {
    for (const sync of modes) {
      const mode = sync ? 'sync' : 'async';

      it(`tokio loom watch: one producer, five watchers all see a concurrent set (GET-2, GET-6) [${name}, ${mode}]`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.scheduler(), async (scheduler) => {
            const value = factory({ sync });
            void value.set(1);
            const results = Array.from({ length: 5 }, async () => {
              const watcher = value.watch();
              const seen = [await inSchedulerOrder(scheduler, watcher.get(), 'first get'), await inSchedulerOrder(scheduler, watcher.get(), 'second get')];
              watcher.close();
              return seen;
            });
            // A scheduled sequence, not scheduleFunction, which calls its function at once and
            // only delays the result. The set is not awaited: a sync-mode set's promise waits for
            // the very continuations the scheduler is yet to run.
            let settled = false;
            const send = scheduler.scheduleSequence([
              { label: 'set 2', builder: async () => void Promise.resolve(value.set(2)).then(() => (settled = true)) },
            ]);
            await drain(scheduler);
            await send.task;
            for (const seen of await Promise.all(results)) expect(seen).toEqual([1, 2]);
            expect(settled).toBe(true);
          }),
          parameters(200),
        );
      });

      it(`tokio #3168 lost wake-up: a get that registers while a set happens still wakes (GET-3, GET-6) [${name}, ${mode}]`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.scheduler(), async (scheduler) => {
            const value = factory({ sync });
            void value.set(0);
            const watcher = value.watch();
            const other = value.watch();
            expect(await watcher.get()).toBe(0);
            expect(await other.get()).toBe(0);
            // The other watcher's continuation registers a get on `watcher` as a direct result of
            // the set, while the scheduler also runs a plain get and the set in either order.
            const chained = inSchedulerOrder(scheduler, other.get(), 'other wakes').then(() => watcher.get());
            const send = scheduler.scheduleSequence([{ label: 'set 1', builder: async () => void value.set(1) }]);
            await drain(scheduler);
            await send.task;
            expect(await chained).toBe(1);
            watcher.close();
            other.close();
          }),
          parameters(200),
        );
      });

      it(`Kotlin StateFlow stress: three producers interleave; each watcher sees every producer in increasing order and none hangs (GET-4, SYNC-1) [${name}, ${mode}]`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.scheduler(), fc.integer({ min: 1, max: 6 }), async (scheduler, perProducer) => {
            type Datum = readonly [producer: number, n: number];
            const value = factory({ sync }) as unknown as ValueCore<Datum>;
            const total = 3 * perProducer;
            let sent = 0;
            let lastSent: Datum | undefined;
            const watchers = Array.from({ length: 3 }, () => value.watch());
            const collectors = watchers.map(async (watcher) => {
              const seen: Datum[] = [];
              // Collect until the last set of all is seen; in async mode that is all it needs.
              for (;;) {
                const datum = await inSchedulerOrder(scheduler, watcher.get(), 'collector get');
                seen.push(datum);
                if (sent === total && seen.at(-1) === lastSent) break;
              }
              return seen;
            });
            const producers = [0, 1, 2].map((producer) =>
              scheduler.scheduleSequence(
                Array.from({ length: perProducer }, (_, n) => ({
                  label: `p${producer} sets ${n + 1}`,
                  builder: async () => {
                    const datum: Datum = [producer, n + 1];
                    lastSent = datum;
                    sent += 1;
                    // Not awaited: in sync mode, awaiting would wait for the scheduled collectors.
                    void value.set(datum);
                  },
                })),
              ),
            );
            await drain(scheduler);
            for (const producer of producers) await producer.task;
            const seenByEach = await Promise.all(collectors);
            for (const seen of seenByEach) {
              for (const producer of [0, 1, 2]) {
                const ns = seen.filter(([p]) => p === producer).map(([, n]) => n);
                for (let i = 1; i < ns.length; i++) expect(ns[i]).toBeGreaterThan(ns[i - 1] ?? 0);
                if (sync) expect(ns).toEqual(Array.from({ length: perProducer }, (_, i) => i + 1));
              }
            }
            for (const watcher of watchers) watcher.close();
          }),
          parameters(200),
        );
      });

      it(`tokio loom wait_for: a waitFor racing two producers resolves with the data it waits for (PRED-1, PRED-2, PRED-3) [${name}, ${mode}]`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.scheduler(), fc.boolean(), async (scheduler, startEarly) => {
            const value = withIdioms(factory({ sync }) as unknown as ValueCore<boolean>);
            void value.set(false);
            const watcher = value.watch();
            const examined: boolean[] = [];
            const waitFor = (): Promise<boolean> => watcher.waitFor((ready) => (examined.push(ready), ready));
            // The get starts before the producers, or as one more task among them. Sequences,
            // not scheduleFunction: a scheduled function is called at once, only its result waits.
            const got = startEarly
              ? waitFor()
              : scheduler.schedule(Promise.resolve(), 'start the get').then(waitFor);
            // tokio's send_modify that changes nothing is a set of the current data again (VAL-2).
            let current = false;
            const touch = scheduler.scheduleSequence([
              { label: 'touch 1', builder: async () => void value.set(current) },
              { label: 'touch 2', builder: async () => void value.set(current) },
            ]);
            const ready = scheduler.scheduleSequence([
              {
                label: 'set true',
                builder: async () => {
                  current = true;
                  void value.set(true);
                },
              },
            ]);
            await drain(scheduler);
            await touch.task;
            await ready.task;
            expect(await got).toBe(true);
            // The predicate examined `false` until the first `true`, which it accepted (PRED-1).
            expect(examined.at(-1)).toBe(true);
            expect(examined.filter((seen) => seen)).toEqual([true]);
            watcher.close();
          }),
          parameters(200),
        );
      });
    }
  }
});
