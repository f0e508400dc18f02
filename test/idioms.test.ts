/**
 * The idioms of a TypeScript watcher (ITER-1 to ITER-4, DISPOSE-1, VIEW-1, PRED-1 to PRED-7),
 * scenario by scenario,
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

    it('PRED-1, PRED-2: a predicate get skips the versions it rejects and consumes them', async () => {
      const value = make<string>(false);
      const watcher = value.watch();
      const examined: string[] = [];
      const online = track(watcher.get({ accept: (status) => (examined.push(status), status === 'online') }));
      value.set('connecting');
      value.set('online');
      await flush();
      expect(online.outcome).toEqual({ state: 'fulfilled', value: 'online' });
      expect(examined).toEqual(['connecting', 'online']);
      // The rejected 'connecting' was consumed too: nothing is left for a plain get.
      const next = track(watcher.get());
      await flush();
      expect(next.outcome.state).toBe('pending');
      watcher.close();
    });

    it('PRED-2, PRED-3: in sync mode the predicate examines every version at hand, in order, inside get, and releases their sets', async () => {
      const value = make<number>(true);
      const watcher = value.watch();
      const sets = [1, 2, 3, 4].map((n) => track(Promise.resolve(value.set(n))));
      const examined: number[] = [];
      const third = track(watcher.get({ accept: (n) => (examined.push(n), n === 3) }));
      expect(examined).toEqual([1, 2, 3]);
      await flush();
      expect(third.outcome).toEqual({ state: 'fulfilled', value: 3 });
      expect(sets.map((set) => set.outcome.state)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'pending']);
      expect(await watcher.get()).toBe(4);
    });

    it('PRED-2: in async mode the predicate is handed the newest version only', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      for (const n of [1, 2, 3]) value.set(n);
      const examined: number[] = [];
      const got = track(watcher.get({ accept: (n) => (examined.push(n), n > 3) }));
      value.set(4);
      await flush();
      expect(examined).toEqual([3, 4]);
      expect(got.outcome).toEqual({ state: 'fulfilled', value: 4 });
    });

    it('PRED-3: waiting predicate gets are asked after the set has handed out every version, oldest first', async () => {
      const value = make<number>(false);
      const calls: string[] = [];
      const first = value.watch();
      const plain = value.watch();
      const second = value.watch();
      void first.get({ accept: () => (calls.push('first'), true) });
      const plainGet = plain.get();
      void second.get({ accept: () => (calls.push('second'), true) });
      value.set(1);
      calls.push('set returned');
      expect(calls).toEqual(['first', 'second', 'set returned']);
      expect(await plainGet).toBe(1);
    });

    it('PRED-4: a predicate that throws rejects its get with what it threw; the watcher goes on', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      const problem = new Error('bad data');
      const got = track(
        watcher.get({
          accept: () => {
            throw problem;
          },
        }),
      );
      value.set(1);
      await flush();
      expect(got.outcome).toEqual({ state: 'rejected', reason: problem });
      value.set(2);
      expect(await watcher.get()).toBe(2);
    });

    it('PRED-5: a set inside the predicate is not handed to the judging get, but examined after a rejection', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      const examined: number[] = [];
      const concurrent: string[] = [];
      const got = track(
        watcher.get({
          accept: (n) => {
            examined.push(n);
            if (n === 1) {
              value.set(2);
              void watcher.get().catch((error: unknown) => concurrent.push(errorName(error)));
            }
            return n === 2;
          },
        }),
      );
      value.set(1);
      await flush();
      expect(examined).toEqual([1, 2]);
      expect(concurrent).toEqual(['ConcurrentGetError']);
      expect(got.outcome).toEqual({ state: 'fulfilled', value: 2 });
    });

    it('PRED-6: a close inside the predicate rejects the get; an abort waits for the verdict', async () => {
      const value = make<number>(false);
      const closing = value.watch();
      const closed = track(closing.get({ accept: () => (closing.close(), true) }));
      const aborting = value.watch();
      const controller = new AbortController();
      const accepted = track(aborting.get({ signal: controller.signal, accept: () => (controller.abort(new Error('late')), true) }));
      const rejecting = value.watch();
      const second = new AbortController();
      const reason = new Error('stop');
      const rejected = track(rejecting.get({ signal: second.signal, accept: () => (second.abort(reason), false) }));
      value.set(1);
      await flush();
      expect(closed.outcome.state === 'rejected' && errorName(closed.outcome.reason)).toBe('WatcherClosedError');
      expect(accepted.outcome).toEqual({ state: 'fulfilled', value: 1 });
      expect(rejected.outcome).toEqual({ state: 'rejected', reason });
    });

    it('PRED-6: a predicate that closes another watcher woken by the same set: that get rejects and its predicate never runs', async () => {
      const value = make<number>(false);
      const first = value.watch();
      const second = value.watch();
      const asked: string[] = [];
      const firstGet = track(first.get({ accept: () => (asked.push('first'), second.close(), true) }));
      const secondGet = track(second.get({ accept: () => (asked.push('second'), true) }));
      value.set(1);
      await flush();
      expect(asked).toEqual(['first']);
      expect(firstGet.outcome).toEqual({ state: 'fulfilled', value: 1 });
      expect(secondGet.outcome.state === 'rejected' && errorName(secondGet.outcome.reason)).toBe('WatcherClosedError');
      const after = track(second.get());
      await flush();
      expect(after.outcome.state === 'rejected' && errorName(after.outcome.reason)).toBe('WatcherClosedError');
    });

    it('PRED-4, PRED-6: a predicate that closes its own watcher and then throws leaves the get rejected as closed, and the watcher closed', async () => {
      const value = make<number>(false);
      value.set(1);
      const watcher = value.watch();
      const got = track(
        watcher.get({
          accept: () => {
            watcher.close();
            throw new Error('after the close');
          },
        }),
      );
      await flush();
      expect(got.outcome.state === 'rejected' && errorName(got.outcome.reason)).toBe('WatcherClosedError');
      // Still closed: a get is refused at once instead of waiting.
      const after = track(watcher.get());
      await flush();
      expect(after.outcome.state === 'rejected' && errorName(after.outcome.reason)).toBe('WatcherClosedError');
    });

    it('PRED-7: an accept that is not a function is a TypeError; an aborted signal wins before the predicate', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      value.set(1);
      await expect(watcher.get({ accept: 'yes' } as never)).rejects.toThrow(TypeError);
      await expect(watcher.get({ accept: 'yes' } as never)).rejects.toThrow(/option 'accept' must be a function/);
      const examined: number[] = [];
      const controller = new AbortController();
      controller.abort(new Error('early'));
      await expect(watcher.get({ signal: controller.signal, accept: (n) => (examined.push(n), true) })).rejects.toThrow('early');
      expect(examined).toEqual([]);
      expect(await watcher.get()).toBe(1);
    });
  });
}
