/**
 * The idioms of a TypeScript watcher (ITER-1 to ITER-4, DISPOSE-1, VIEW-1), scenario by scenario,
 * on MemoryValue and the model.
 */
import { describe, expect, it } from 'vitest';
import { ModelValue } from '../model/model-value.js';
import { MemoryValue } from '../src/index.js';
import { errorName, flush, track } from './support/promises.js';

const makers = [
  ['MemoryValue', <T>(sync: boolean) => new MemoryValue<T>({ sync })],
  ['ModelValue', <T>(sync: boolean) => new ModelValue<T>({ sync })],
] as const;

for (const [name, make] of makers) {
  describe(`${name}: idioms`, () => {
    it('ITER-1: a for-await loop sees exactly the deliveries of gets, in sync mode the full log', async () => {
      const value = make<number>(true);
      const watcher = value.watch();
      for (const n of [1, 2, 3]) void value.set(n);
      const seen: number[] = [];
      for await (const n of watcher) {
        seen.push(n);
        if (n === 3) break;
      }
      expect(seen).toEqual([1, 2, 3]);
    });

    it('ITER-2: closing the watcher ends a pending step, and later steps end at once', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      const iterator = watcher[Symbol.asyncIterator]();
      const pending = track(iterator.next());
      watcher.close();
      await flush();
      expect(pending.outcome).toEqual({ state: 'fulfilled', value: { done: true, value: undefined } });
      expect(await iterator.next()).toEqual({ done: true, value: undefined });
    });

    it('ITER-3: break, return and a throw in the loop body close the watcher', async () => {
      const value = make<number>(false);
      value.set(1);
      const broken = value.watch();
      for await (const n of broken) {
        expect(n).toBe(1);
        break;
      }
      expect(errorName(await broken.get().catch((error: unknown) => error))).toBe('WatcherClosedError');
      const thrown = value.watch();
      await expect(
        (async () => {
          for await (const _ of thrown) throw new Error('consumer failed');
        })(),
      ).rejects.toThrow('consumer failed');
      expect(errorName(await thrown.get().catch((error: unknown) => error))).toBe('WatcherClosedError');
      const returned = value.watch();
      expect(await returned[Symbol.asyncIterator]().return?.()).toEqual({ done: true, value: undefined });
      expect(errorName(await returned.get().catch((error: unknown) => error))).toBe('WatcherClosedError');
    });

    it('ITER-4: a step while another get is pending rejects with ConcurrentGetError', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      const iterator = watcher[Symbol.asyncIterator]();
      const first = track(iterator.next());
      expect(errorName(await iterator.next().catch((error: unknown) => error))).toBe('ConcurrentGetError');
      value.set(1);
      await flush();
      expect(first.outcome).toEqual({ state: 'fulfilled', value: { done: false, value: 1 } });
    });

    it('DISPOSE-1: using closes the watcher at the end of its scope', async () => {
      const value = make<number>(true);
      const set = track(Promise.resolve(value.set(1)));
      let kept: { get(): Promise<number> } | undefined;
      {
        using watcher = value.watch();
        kept = watcher;
      }
      await flush();
      expect(errorName(await kept.get().catch((error: unknown) => error))).toBe('WatcherClosedError');
      expect(set.outcome.state).toBe('fulfilled');
    });

    it('VIEW-1: the read-only view only watches, and is not the value', async () => {
      const value = make<number>(false);
      const view = value.readOnly();
      expect(Object.keys(view)).toEqual(['watch']);
      expect('set' in view).toBe(false);
      expect(view).not.toBe(value);
      expect(Object.isFrozen(view)).toBe(true);
      value.set(7);
      const watcher = view.watch();
      expect(await watcher.get()).toBe(7);
      value.set(8);
      expect(await watcher.get()).toBe(8);
    });
  });
}
