/**
 * Failure isolation (ITER-3, WATCH-2, VAL-4, RE-4, PRED-4): a consumer that fails takes down only
 * its own watcher, nothing the library does leaves a rejection unhandled, and a sync-mode
 * consumer that sets the value from inside its own loop is specified and cannot wedge it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryValue } from '../src/index.js';
import { flush, sleep, track } from './support/promises.js';

/** Every unhandled rejection seen while a test runs; the tests require none. */
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});

afterEach(async () => {
  // Rejections are reported after the microtasks of their turn; let them arrive.
  await sleep(5);
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('failure isolation', () => {
  for (const sync of [false, true]) {
    const mode = sync ? 'sync' : 'async';

    it(`ITER-3, WATCH-2: a consumer whose loop throws closes its own watcher, and the others notice nothing [${mode}]`, async () => {
      const value = new MemoryValue<number>({ sync });
      const consume = async (fail: boolean): Promise<number[]> => {
        const seen: number[] = [];
        for await (const n of value.watch()) {
          seen.push(n);
          if (fail && n === 2) throw new Error('the consumer broke');
          if (n === 5) break;
        }
        return seen;
      };
      const healthy = [consume(false), consume(false)];
      // Handled at once: a rejection left for later would itself count as unhandled.
      const broken = consume(true).then(
        () => undefined,
        (error: unknown) => error,
      );
      for (let n = 1; n <= 5; n++) {
        // In sync mode each set resolves once every open watcher has it; the broken consumer's
        // watcher is closed by its loop, so it holds up nothing (CLOSE-5).
        const set = value.set(n);
        await flush();
        if (sync) await set;
      }
      expect(String(await broken)).toBe('Error: the consumer broke');
      for (const seen of await Promise.all(healthy)) {
        expect(seen.at(-1)).toBe(5);
        if (sync) expect(seen).toEqual([1, 2, 3, 4, 5]);
      }
    });

    it(`VAL-4, PRED-4: sets not awaited, gets closed and aborted while waiting, and throwing predicates leave no unhandled rejection [${mode}]`, async () => {
      const value = new MemoryValue<number>({ sync });
      const outcomes: Promise<unknown>[] = [];
      const handle = (promise: Promise<unknown>): void => {
        outcomes.push(promise.then(() => 'ok', () => 'rejected'));
      };
      for (let round = 0; round < 50; round++) {
        const watcher = value.watch();
        const controller = new AbortController();
        handle(watcher.get({ signal: controller.signal }));
        handle(watcher.get());
        if (round % 3 === 0) controller.abort(new Error('gave up'));
        // A set nobody awaits: its promise never rejects (VAL-4).
        void value.set(round);
        handle(
          watcher.waitFor((n) => {
            if (n % 2 === 0) throw new Error('a bad predicate');
            return true;
          }),
        );
        if (round % 2 === 0) watcher.close();
        else handle(watcher.get({ signal: AbortSignal.abort(new Error('too late')) }));
        watcher.close();
        await flush();
      }
      const results = await Promise.all(outcomes);
      expect(results).toContain('ok');
      expect(results).toContain('rejected');
    });
  }

  it('RE-4: in sync mode, a consumer that sets the value from its own loop without awaiting goes on and receives every version', async () => {
    const value = new MemoryValue<number>({ sync: true });
    const watcher = value.watch();
    const seen: number[] = [];
    void value.set(1);
    for await (const n of watcher) {
      seen.push(n);
      // `set` never waits (RE-4); not awaiting it is what keeps the loop going.
      if (n < 5) void value.set(n + 1);
      else break;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('RE-4: in sync mode, a consumer that awaits its own set waits for itself, and closing its watcher releases it', async () => {
    const value = new MemoryValue<number>({ sync: true });
    const watcher = value.watch();
    void value.set(1);
    expect(await watcher.get()).toBe(1);
    // The set waits for this very watcher, which is busy awaiting the set: specified, not a bug.
    const own = track(value.set(2));
    await sleep(5);
    expect(own.outcome.state).toBe('pending');
    watcher.close();
    await flush();
    expect(own.outcome.state).toBe('fulfilled');
  });
});
