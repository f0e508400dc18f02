/**
 * What users of BehaviorSubject, StateFlow and tokio's watch reach for, scenario by scenario:
 * initial data (VAL-7), reading the current value without waiting (PEEK-1 to PEEK-3), a loop that
 * a signal ends (ITER-5), a sync producer that bounds its wait and sees what holds it up (SYNC-7,
 * SYNC-8), and the signal passed in place of the options (ERR-4). On MemoryValue, and on the
 * model with the layer.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ModelValue } from '../model/model-value.js';
import { MemoryValue, withIdioms, type Value } from '../src/index.js';
import { errorName, flush, track } from './support/promises.js';

/** What both implementations offer here: the core, the layer, and the producer's extras. */
type Subject<T> = Omit<Value<T>, 'set'> & {
  set(data: T, options?: { signal?: AbortSignal }): Promise<void>;
  backlog(): { readonly sets: number; readonly watchers: number };
};

const makers: readonly [string, <T>(options: { sync?: boolean; initial?: T }) => Subject<T>][] = [
  ['MemoryValue', <T>(options: { sync?: boolean; initial?: T }) => new MemoryValue<T>(options) as Subject<T>],
  [
    'the model with the layer',
    <T>(options: { sync?: boolean; initial?: T }) => {
      const model = new ModelValue<T>(options);
      return Object.assign(withIdioms(model), { set: model.set.bind(model), backlog: model.backlog.bind(model) }) as Subject<T>;
    },
  ],
];

for (const [name, make] of makers) {
  describe(`${name}: reading and producing`, () => {
    it('VAL-7: initial data is version 1, current from the start; initial undefined is data too', async () => {
      const value = make<string | undefined>({ initial: 'info' });
      expect(value.peek()).toEqual({ version: 1, data: 'info' });
      expect(await value.watch().get()).toBe('info');
      const unsetNot = make<undefined>({ initial: undefined });
      expect(unsetNot.peek()).toEqual({ version: 1, data: undefined });
      const unset = make<undefined>({});
      expect(unset.peek()).toBeUndefined();
    });

    it('VAL-7: in sync mode the initial version waits for nobody and is owed to every watcher', async () => {
      const value = make<number>({ sync: true, initial: 1 });
      const watcher = value.watch();
      const set = track(value.set(2));
      expect(await watcher.get()).toBe(1);
      await flush();
      expect(set.outcome.state).toBe('pending');
      expect(await watcher.get()).toBe(2);
      await flush();
      expect(set.outcome.state).toBe('fulfilled');
    });

    it('PEEK-1: a peek reads the current version and its very data, or nothing while unset', () => {
      const value = make<{ readonly address: string }>({});
      expect(value.peek()).toBeUndefined();
      const data = { address: '203.0.113.24' };
      value.set(data);
      const snapshot = value.peek();
      expect(snapshot?.version).toBe(1);
      expect(snapshot?.data).toBe(data);
    });

    it('PEEK-2: a peek marks nothing as seen, in either mode', async () => {
      for (const sync of [false, true]) {
        const value = make<number>({ sync });
        const watcher = value.watch();
        const set = track(value.set(1));
        expect(value.peek()?.data).toBe(1);
        await flush();
        // Still owed to the watcher, and in sync mode the set still waits for it.
        expect(set.outcome.state).toBe(sync ? 'pending' : 'fulfilled');
        expect(await watcher.get()).toBe(1);
      }
    });

    it('PEEK-3: the same frozen snapshot until the next set', () => {
      const value = make<number>({ initial: 1 });
      const first = value.peek();
      expect(value.peek()).toBe(first);
      expect(Object.isFrozen(first)).toBe(true);
      value.set(1);
      const second = value.peek();
      expect(second).not.toBe(first);
      expect(second).toEqual({ version: 2, data: 1 });
      expect(value.peek()).toBe(second);
    });

    it('ITER-5: an abort ends a values({ signal }) loop with the signal\'s reason and closes the watcher', async () => {
      const value = make<string>({ initial: 'info' });
      const watcher = value.watch();
      const stop = new AbortController();
      const reason = new Error('shutting down');
      const seen: string[] = [];
      const loop = (async () => {
        for await (const level of watcher.values({ signal: stop.signal })) seen.push(level);
      })();
      await flush();
      stop.abort(reason);
      await expect(loop).rejects.toBe(reason);
      expect(seen).toEqual(['info']);
      expect(errorName(await watcher.get().catch((error: unknown) => error))).toBe('WatcherClosedError');
      expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    });

    it('ITER-5: a loop whose signal is aborted already ends at its first step and closes the watcher', async () => {
      const value = make<string>({ initial: 'info' });
      const watcher = value.watch();
      const reason = new Error('too late');
      const iterator = watcher.values({ signal: AbortSignal.abort(reason) });
      await expect(iterator.next()).rejects.toBe(reason);
      expect(errorName(await watcher.get().catch((error: unknown) => error))).toBe('WatcherClosedError');
    });

    it('SYNC-7: an abort ends the producer\'s wait with the signal\'s reason; the version still reaches every watcher', async () => {
      const value = make<number>({ sync: true });
      const watcher = value.watch();
      const controller = new AbortController();
      const reason = new Error('gave up waiting');
      const set = track(value.set(1, { signal: controller.signal }));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      controller.abort(reason);
      await flush();
      expect(set.outcome).toEqual({ state: 'rejected', reason });
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      expect(await watcher.get()).toBe(1);
    });

    it('SYNC-7: a settled set ignores a later abort and leaves no listener; an aborted signal rejects an incomplete set at once', async () => {
      const value = make<number>({ sync: true });
      const watcher = value.watch();
      const controller = new AbortController();
      const set = track(value.set(1, { signal: controller.signal }));
      expect(await watcher.get()).toBe(1);
      await flush();
      expect(set.outcome.state).toBe('fulfilled');
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      controller.abort(new Error('late'));
      await flush();
      expect(set.outcome.state).toBe('fulfilled');
      const reason = new Error('aborted before');
      const early = track(value.set(2, { signal: AbortSignal.abort(reason) }));
      await flush();
      expect(early.outcome).toEqual({ state: 'rejected', reason });
      // Nobody left to wait for: an aborted signal does not reject a set that is complete at once.
      watcher.close();
      const complete = track(value.set(3, { signal: AbortSignal.abort(reason) }));
      await flush();
      expect(complete.outcome.state).toBe('fulfilled');
    });

    it('SYNC-8: backlog counts the unsettled sets and the watchers holding them up, aborted sets included', async () => {
      const value = make<number>({ sync: true });
      expect(value.backlog()).toEqual({ sets: 0, watchers: 0 });
      const slow = value.watch();
      const quick = value.watch();
      void value.set(1);
      void value.set(2, { signal: AbortSignal.abort(new Error('not waiting')) }).catch(() => undefined);
      expect(value.backlog()).toEqual({ sets: 2, watchers: 2 });
      await quick.get();
      await quick.get();
      expect(value.backlog()).toEqual({ sets: 2, watchers: 1 });
      // A watcher made now owes itself version 2 but holds nothing up.
      value.watch();
      expect(value.backlog()).toEqual({ sets: 2, watchers: 1 });
      slow.close();
      expect(value.backlog()).toEqual({ sets: 0, watchers: 0 });
      expect(make<number>({}).backlog()).toEqual({ sets: 0, watchers: 0 });
    });

    it('ERR-4: a signal passed in place of the options is a TypeError that says to pass { signal }', async () => {
      const value = make<number>({ sync: true, initial: 1 });
      const watcher = value.watch();
      const signal = new AbortController().signal;
      await expect(watcher.get(signal as never)).rejects.toThrow(/pass a signal as \{ signal \}/);
      expect(() => value.set(2, signal as never)).toThrow(/pass a signal as \{ signal \}/);
      expect(await watcher.get()).toBe(1);
      expect(value.peek()?.version).toBe(1);
    });
  });
}
