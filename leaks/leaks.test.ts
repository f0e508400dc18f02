/**
 * Leak tests (LIFE-1 to LIFE-3, CLOSE-4, ABORT-5, COST-3): long runs that force garbage
 * collection and read the heap and the signals' listener lists. Run by `vitest.leaks.config.ts`
 * with `--expose-gc`, as part of `npm test`.
 *
 * Each allocation happens in a plain function of its own: a suspended async function may keep
 * its last values in its registers, which would keep alive exactly what a test expects to be
 * collected.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { MemoryValue } from '../src/index.js';
import { alive, collectGarbage, heapAfterCollection } from '../test/support/gc.js';
import { flush, track, type Tracked } from '../test/support/promises.js';

const modes = [false, true] as const;
const modeName = (sync: boolean): string => (sync ? 'sync' : 'async');

/** How many abort listeners a signal holds. */
function listeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

describe('leaks', () => {
  for (const sync of modes) {
    it(`ABORT-5: 100,000 gets on one long-lived signal, settled by a value, a close or its abort, leave no listener on it [${modeName(sync)}]`, async () => {
      const long = new AbortController();
      const value = new MemoryValue<number>({ sync });
      void value.set(0);
      /** A watcher that has received the current version, so that its next get waits. */
      const caughtUp = (): ReturnType<typeof value.watch> => {
        const watcher = value.watch();
        void watcher.get();
        return watcher;
      };
      let watcher = caughtUp();
      const gets: Tracked<number>[] = [];
      const kept: ReturnType<typeof value.watch>[] = [];
      for (let i = 1; i <= 100_000; i++) {
        const get = track(watcher.get({ signal: long.signal }));
        gets.push(get);
        switch (i % 3) {
          case 0:
            // Settled by a value: the set hands the waiting get its version (and any gets left
            // waiting below), and the watcher has then seen the newest version again.
            void value.set(i);
            break;
          case 1:
            // Settled by a close; the next get is on a fresh watcher.
            watcher.close();
            watcher = caughtUp();
            break;
          default:
            // Left waiting, on a watcher of its own, until a set or the signal's abort.
            kept.push(watcher);
            watcher = caughtUp();
        }
        if (i % 1000 === 0) {
          await flush();
          // Exactly the gets still waiting have a listener on the signal.
          expect(listeners(long.signal)).toBe(gets.filter((candidate) => candidate.outcome.state === 'pending').length);
        }
      }
      // The last set answered every get left waiting; leave ten more for the abort to settle.
      for (let extra = 0; extra < 10; extra++) {
        gets.push(track(watcher.get({ signal: long.signal })));
        kept.push(watcher);
        watcher = caughtUp();
      }
      await flush();
      expect(listeners(long.signal)).toBe(10);
      const pending = gets.filter((get) => get.outcome.state === 'pending');
      long.abort(new Error('shutting down'));
      await flush();
      expect(pending).toHaveLength(10);
      expect(pending.every((get) => get.outcome.state === 'rejected')).toBe(true);
      expect(listeners(long.signal)).toBe(0);
      for (const open of [...kept, watcher]) open.close();
    });

    it(`CLOSE-4, LIFE-1: 1,000,000 watch/close cycles, with and without sets, keep the heap bounded [${modeName(sync)}]`, async () => {
      const value = new MemoryValue<{ readonly n: number }>({ sync });
      const cycles = (count: number, setEvery: number): void => {
        for (let i = 0; i < count; i++) {
          const watcher = value.watch();
          if (setEvery > 0 && i % setEvery === 0) void value.set({ n: i });
          // Every fourth watcher is closed with a get waiting: the first get takes the current
          // version, the second waits.
          if (i % 4 === 0) {
            void watcher.get().catch(() => {});
            void watcher.get().catch(() => {});
          }
          watcher.close();
        }
      };
      // Warm up, so that the code and its feedback are allocated before the first reading.
      cycles(50_000, 7);
      // Closed watchers are referenced by nothing, an async value keeps only its newest version
      // and a sync log only what an open watcher lacks (none is open here), so the cycles keep
      // nothing: what is left is noise of the runtime, far below one byte per cycle. Each half
      // is measured on its own: a set empties the waiting list, which would hide a closed get
      // left on it by the half without sets.
      const before = await heapAfterCollection();
      cycles(500_000, 0);
      const withoutSets = await heapAfterCollection();
      expect(withoutSets - before).toBeLessThan(1_000_000);
      cycles(500_000, 7);
      const withSets = await heapAfterCollection();
      expect(withSets - withoutSets).toBeLessThan(1_000_000);
    });
  }

  it('LIFE-1: in async mode, a watcher dropped without close and with no get pending is collected', async () => {
    const value = new MemoryValue<number>();
    value.set(1);
    const refs = ((): WeakRef<object>[] =>
      Array.from({ length: 1000 }, (_, i) => {
        const watcher = value.watch();
        if (i % 2 === 0) void watcher.get();
        return new WeakRef(watcher);
      }))();
    await collectGarbage();
    expect(alive(refs)).toBe(0);
  });

  it('LIFE-2: in sync mode a closed watcher is collected; one dropped without close is too, but keeps every later set waiting', async () => {
    const value = new MemoryValue<number>({ sync: true });
    const closedRefs = ((): WeakRef<object>[] =>
      Array.from({ length: 1000 }, () => {
        const watcher = value.watch();
        watcher.close();
        return new WeakRef(watcher);
      }))();
    const droppedRef = ((): WeakRef<object> => new WeakRef(value.watch()))();
    const set = track(value.set(1));
    await collectGarbage();
    expect(alive(closedRefs)).toBe(0);
    // The object goes, but its place in the log stays: the set waits for it forever (LIFE-2).
    expect(droppedRef.deref()).toBeUndefined();
    await flush();
    expect(set.outcome.state).toBe('pending');
  });

  it('LIFE-3: 10,000 pending gets on one long-lived signal, whose watchers and values are dropped, keep nothing alive; the abort still rejects them all', async () => {
    const long = new AbortController();
    const { gets, refs } = ((): { gets: Tracked<unknown>[]; refs: WeakRef<object>[] } => {
      const gets: Tracked<unknown>[] = [];
      const refs: WeakRef<object>[] = [];
      for (let i = 0; i < 10_000; i++) {
        const value = new MemoryValue<object>({ sync: i % 2 === 0 });
        const data = { payload: new Array(100).fill(i) };
        value.set(data);
        const watcher = value.watch();
        void watcher.get();
        gets.push(track(watcher.get({ signal: long.signal })));
        refs.push(new WeakRef(value), new WeakRef(watcher), new WeakRef(data));
      }
      return { gets, refs };
    })();
    await collectGarbage();
    // Every value, watcher and datum is gone: what the signal keeps per get is its listener,
    // which holds the get's promise for whoever awaits it, and nothing else.
    expect(alive(refs)).toBe(0);
    const reason = new Error('gave up');
    long.abort(reason);
    await flush();
    expect(gets.every((get) => get.outcome.state === 'rejected' && get.outcome.reason === reason)).toBe(true);
    expect(listeners(long.signal)).toBe(0);
  });
});
