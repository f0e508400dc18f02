/**
 * The Go original's tests (memory_value_test.go), ported scenario by scenario, plus upstream's
 * later TestWatchersList. Each test names the spec clauses it checks.
 */
import { describe, expect, it } from 'vitest';
import { ConcurrentGetError, MemoryValue } from '../src/index.js';
import { flush, sleep, track } from './support/promises.js';
import { aliveAfterCollection } from './support/gc.js';
import { searchTimeout } from './support/timeouts.js';

describe('the seed scenarios', () => {
  it('TestAsync: a watcher catches up to the newest set (GET-2, ASYNC-1, ASYNC-2)', async () => {
    const value = new MemoryValue<number>();
    value.set(0);
    const watcher = value.watch();
    expect(await watcher.get()).toBe(0);
    for (let i = 1; i <= 100; i++) value.set(i);
    expect(await watcher.get()).toBe(100);
    // Nothing newer than 100 exists, so the skipped versions 1..99 are never delivered.
    const next = track(watcher.get());
    await flush();
    expect(next.outcome.state).toBe('pending');
    watcher.close();
  });

  it('TestSync: sync mode delivers a perfect log, in order (SYNC-1, SYNC-5)', async () => {
    const value = new MemoryValue<number>({ sync: true });
    const watcher = value.watch();
    const received: number[] = [];
    const consumer = (async () => {
      while (received.length < 5) received.push(await watcher.get());
    })();
    value.set(0);
    for (const n of [1, 2, 3, 4]) value.set(n);
    await consumer;
    expect(received).toEqual([0, 1, 2, 3, 4]);
    watcher.close();
  });

  it('TestSyncBlocks: a sync set waits for an unattended watcher, and close releases it (SYNC-2, SYNC-3, CLOSE-5)', async () => {
    const value = new MemoryValue<number>({ sync: true });
    // No watchers: settles at once.
    const first = track(value.set(0));
    await flush();
    expect(first.outcome.state).toBe('fulfilled');

    const watcher = value.watch();
    expect(await watcher.get()).toBe(0);

    // The watcher is unattended, so this set must not settle until it gets.
    const second = track(value.set(1));
    await flush();
    expect(second.outcome.state).toBe('pending');
    expect(await watcher.get()).toBe(1);
    await flush();
    expect(second.outcome.state).toBe('fulfilled');

    watcher.close();
    const third = track(value.set(2));
    await flush();
    expect(third.outcome.state).toBe('fulfilled');
  });

  it('TestMultipleGets: a second concurrent get errors, the first goes on (CONC-1, CONC-2)', async () => {
    const value = new MemoryValue<number>();
    const watcher = value.watch();
    const first = track(watcher.get());
    await expect(watcher.get()).rejects.toBeInstanceOf(ConcurrentGetError);
    value.set(7);
    await flush();
    expect(first.outcome).toEqual({ state: 'fulfilled', value: 7 });
    watcher.close();
  });

  it('TestConcurrency: 100 staggered watchers see strictly increasing values and settle on the last (GET-4, ASYNC-1)', async () => {
    const value = new MemoryValue<number>();
    value.set(0);
    const final = 100;
    const consumers = Array.from({ length: 100 }, async (_, id) => {
      const watcher = value.watch();
      const seen: number[] = [];
      for (;;) {
        const n = await watcher.get();
        seen.push(n);
        if (n === final) break;
        // As in the original: each watcher sleeps a different time between gets.
        await sleep(id % 20);
      }
      watcher.close();
      return seen;
    });
    for (let i = 1; i <= final; i++) {
      value.set(i);
      if (i % 10 === 0) await sleep(1);
    }
    for (const seen of await Promise.all(consumers)) {
      expect(seen.at(-1)).toBe(final);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] ?? -1);
    }
  });

  it('TestCanceling: an aborted get rejects with the reason, and the watcher keeps working (ABORT-1, ABORT-2)', async () => {
    const value = new MemoryValue<number>({ sync: true });
    const watcher = value.watch();
    const controller = new AbortController();
    const cancelled = track(watcher.get({ signal: controller.signal }));
    const reason = new Error('cancelled');
    controller.abort(reason);
    await flush();
    expect(cancelled.outcome).toEqual({ state: 'rejected', reason });

    const next = track(watcher.get());
    value.set(1);
    await flush();
    expect(next.outcome).toEqual({ state: 'fulfilled', value: 1 });
    watcher.close();
  });

  it('TestSetAfterWatch: a set between watch and the first get wins (GET-2)', async () => {
    const value = new MemoryValue<number>();
    value.set(0);
    const watcher = value.watch();
    value.set(1);
    expect(await watcher.get()).toBe(1);
    watcher.close();
  });

  it('TestWatchersList: 10,000 close-and-rewatch cycles leave nothing behind (CLOSE-4, LIFE-1, COST-3)', { timeout: searchTimeout }, async () => {
    for (const sync of [false, true]) {
      const value = new MemoryValue<number>({ sync });
      value.set(0);
      // A function of its own, so that no register of this suspended async function still holds
      // the last watcher when the garbage is collected.
      const closed = ((): WeakRef<object>[] => {
        const refs: WeakRef<object>[] = [];
        for (let i = 0; i < 10_000; i++) {
          const watcher = value.watch();
          // Every other cycle leaves a get pending at close, which must leave the waiting list
          // too: the first get takes the current version, the second waits.
          if (i % 2 === 0) {
            track(watcher.get());
            track(watcher.get());
          }
          watcher.close();
          refs.push(new WeakRef(watcher));
        }
        return refs;
      })();
      // The value references none of the closed watchers (CLOSE-4). More than one collection may
      // be needed: V8 can keep an unreachable watcher for a few (see aliveAfterCollection).
      expect(await aliveAfterCollection(closed)).toBe(0);
      // No set waits for the closed watchers.
      const settled = track(value.set(1));
      await flush();
      expect(settled.outcome.state).toBe('fulfilled');
    }
  });
});
