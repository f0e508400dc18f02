/**
 * The idioms of a TypeScript watcher (ITER-1 to ITER-4, DISPOSE-1, VIEW-1, PRED-1 to PRED-6),
 * scenario by scenario: on MemoryValue, whose watchers inherit the layer, and on the model, which
 * has no idioms of its own and gets them from `withIdioms`.
 */
import { describe, expect, it } from 'vitest';
import { ModelValue } from '../model/model-value.js';
import { MemoryValue, readOnly, withIdioms, type ReadOnlyValue, type Value } from '../src/index.js';
import { errorName, flush, track } from './support/promises.js';

const makers = [
  ['MemoryValue', <T>(sync: boolean): Value<T> => new MemoryValue<T>({ sync })],
  ['the model with the layer', <T>(sync: boolean): Value<T> => withIdioms(new ModelValue<T>({ sync }))],
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

    it('VIEW-1: the read-only view only watches and peeks, and is not the value', async () => {
      const value = make<number>(false);
      const view = readOnly(value);
      expect(Object.keys(view)).toEqual(['watch', 'peek']);
      expect('set' in view).toBe(false);
      expect(view).not.toBe(value);
      expect(Object.isFrozen(view)).toBe(true);
      value.set(7);
      const watcher = view.watch();
      expect(await watcher.get()).toBe(7);
      value.set(8);
      expect(await watcher.get()).toBe(8);
    });

    it('ITER-1, DISPOSE-1, VIEW-1: code written against the interface types gets the idioms (for await, using)', async () => {
      // Compiles only because ReadOnlyValue's watchers carry the idioms in their type.
      async function consume(view: ReadOnlyValue<number>): Promise<number[]> {
        const seen: number[] = [];
        {
          using watcher = view.watch();
          seen.push(await watcher.get());
        }
        for await (const n of view.watch()) {
          seen.push(n);
          break;
        }
        return seen;
      }
      const value = make<number>(false);
      value.set(5);
      expect(await consume(readOnly(value))).toEqual([5, 5]);
    });

    it('PRED-1, PRED-2: waitFor skips the versions its predicate rejects and consumes them', async () => {
      const value = make<string>(false);
      const watcher = value.watch();
      const examined: string[] = [];
      const online = track(watcher.waitFor((status) => (examined.push(status), status === 'online')));
      value.set('connecting');
      await flush();
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

    it('PRED-1: a type guard narrows what waitFor resolves with', async () => {
      type Link = { readonly state: 'down' } | { readonly state: 'up'; readonly address: string };
      const value = make<Link>(false);
      const watcher = value.watch();
      const up = watcher.waitFor((link): link is Extract<Link, { state: 'up' }> => link.state === 'up');
      value.set({ state: 'down' });
      await flush();
      value.set({ state: 'up', address: '203.0.113.24' });
      // Compiles only because the result is narrowed to the 'up' case.
      expect((await up).address).toBe('203.0.113.24');
      watcher.close();
    });

    it('PRED-2: in sync mode the predicate examines every version at hand, in order, and releases their sets', async () => {
      const value = make<number>(true);
      const watcher = value.watch();
      const sets = [1, 2, 3, 4].map((n) => track(Promise.resolve(value.set(n))));
      const examined: number[] = [];
      const third = track(watcher.waitFor((n) => (examined.push(n), n === 3)));
      await flush();
      expect(examined).toEqual([1, 2, 3]);
      expect(third.outcome).toEqual({ state: 'fulfilled', value: 3 });
      expect(sets.map((set) => set.outcome.state)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'pending']);
      expect(await watcher.get()).toBe(4);
      watcher.close();
    });

    it('PRED-2: in async mode the predicate is handed the newest version only', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      for (const n of [1, 2, 3]) value.set(n);
      const examined: number[] = [];
      const got = track(watcher.waitFor((n) => (examined.push(n), n > 3)));
      await flush();
      value.set(4);
      await flush();
      expect(examined).toEqual([3, 4]);
      expect(got.outcome).toEqual({ state: 'fulfilled', value: 4 });
    });

    it('PRED-3: the predicate runs after the set has returned, in the consumer\'s continuation', async () => {
      const value = make<number>(false);
      const calls: string[] = [];
      const watcher = value.watch();
      const waited = watcher.waitFor(() => (calls.push('predicate'), true));
      value.set(1);
      calls.push('set returned');
      expect(await waited).toBe(1);
      expect(calls).toEqual(['set returned', 'predicate']);
    });

    it('PRED-3: a set and a close made from inside the predicate are ordinary calls', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      const examined: number[] = [];
      // The set inside the predicate is simply the next version; the watcher is idle meanwhile,
      // so a get made there is not refused.
      const two = track(watcher.waitFor((n) => (examined.push(n), n === 1 && value.set(2), n === 2)));
      value.set(1);
      await flush();
      expect(examined).toEqual([1, 2]);
      expect(two.outcome).toEqual({ state: 'fulfilled', value: 2 });
      // A close after the version was received does not undo it: the wait resolves with it.
      const closing = value.watch();
      const accepted = track(closing.waitFor(() => (closing.close(), true)));
      await flush();
      expect(accepted.outcome).toEqual({ state: 'fulfilled', value: 2 });
      expect(errorName(await closing.get().catch((error: unknown) => error))).toBe('WatcherClosedError');
    });

    it('PRED-4: a predicate that throws rejects the wait with what it threw; the version stays consumed and the watcher goes on', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      const problem = new Error('bad data');
      const got = track(
        watcher.waitFor(() => {
          throw problem;
        }),
      );
      value.set(1);
      await flush();
      expect(got.outcome).toEqual({ state: 'rejected', reason: problem });
      const next = track(watcher.get());
      await flush();
      expect(next.outcome.state).toBe('pending');
      value.set(2);
      await flush();
      expect(next.outcome).toEqual({ state: 'fulfilled', value: 2 });
    });

    it('PRED-5: an abort, while a get waits or while the predicate runs, ends the wait with the signal\'s reason', async () => {
      const value = make<number>(false);
      const waiting = value.watch();
      const controller = new AbortController();
      const reason = new Error('gave up');
      const aborted = track(waiting.waitFor(() => false, { signal: controller.signal }));
      value.set(1);
      await flush();
      controller.abort(reason);
      await flush();
      expect(aborted.outcome).toEqual({ state: 'rejected', reason });
      // Aborted inside the predicate: the version is consumed and the next get rejects at once.
      const judging = value.watch();
      const second = new AbortController();
      const stop = new Error('stop');
      const inside = track(judging.waitFor(() => (second.abort(stop), false), { signal: second.signal }));
      await flush();
      expect(inside.outcome).toEqual({ state: 'rejected', reason: stop });
      // An abort inside the predicate of a version it accepts changes nothing: it was received.
      const accepting = value.watch();
      const third = new AbortController();
      const accepted = track(accepting.waitFor(() => (third.abort(new Error('late')), true), { signal: third.signal }));
      await flush();
      expect(accepted.outcome).toEqual({ state: 'fulfilled', value: 1 });
    });

    it('PRED-5: a close ends the wait with WatcherClosedError, and a wait beside a pending get is refused', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      const waited = track(watcher.waitFor(() => true));
      await flush();
      expect(errorName(await watcher.waitFor(() => true).catch((error: unknown) => error))).toBe('ConcurrentGetError');
      watcher.close();
      await flush();
      expect(waited.outcome.state === 'rejected' && errorName(waited.outcome.reason)).toBe('WatcherClosedError');
    });

    it('PRED-6: an accept that is not a function is a TypeError, and nothing is consumed', async () => {
      const value = make<number>(false);
      const watcher = value.watch();
      value.set(1);
      await expect(watcher.waitFor('yes' as never)).rejects.toThrow(TypeError);
      await expect(watcher.waitFor(null as never)).rejects.toThrow(/accept must be a function, got null/);
      expect(await watcher.get()).toBe(1);
    });
  });
}
