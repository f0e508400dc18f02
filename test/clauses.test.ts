/**
 * Clause-by-clause tests of docs/spec.md for the clauses that a short scenario shows best. Each
 * runs on MemoryValue and on the reference model, unless it looks inside MemoryValue.
 */
import { describe, expect, it } from 'vitest';
import { ConcurrentGetError, MemoryValue, WatcherClosedError, type ValueCore } from '../src/index.js';
import { ModelValue } from '../model/model-value.js';
import { errorName, flush, track } from './support/promises.js';
import { alive, collectGarbage } from './support/gc.js';

type AnyFactory = <T>(options: { sync: boolean }) => ValueCore<T>;

const implementations: readonly [string, AnyFactory][] = [
  ['MemoryValue', (options) => new MemoryValue(options)],
  ['ModelValue', (options) => new ModelValue(options)],
];

for (const [name, make] of implementations) {
  describe(`${name}: values and versions`, () => {
    it('VAL-1: unset is its own state, distinct from undefined', async () => {
      const value = make<undefined>({ sync: false });
      const unset = track(value.watch().get());
      await flush();
      expect(unset.outcome.state).toBe('pending');
      value.set(undefined);
      await flush();
      expect(unset.outcome).toEqual({ state: 'fulfilled', value: undefined });
    });

    it('VAL-2: identical data still makes a new version', async () => {
      for (const sync of [false, true]) {
        const value = make<string>({ sync });
        const watcher = value.watch();
        void value.set('same');
        expect(await watcher.get()).toBe('same');
        void value.set('same');
        expect(await watcher.get()).toBe('same');
        watcher.close();
      }
    });

    it('VAL-3: any data, null included, is delivered as the very same reference', async () => {
      const value = make<object | null>({ sync: false });
      const watcher = value.watch();
      const data = { nested: [1, 2] };
      value.set(data);
      expect(await watcher.get()).toBe(data);
      value.set(null);
      expect(await watcher.get()).toBeNull();
    });

    it('VAL-4: set never throws and its promise never rejects, in either mode', async () => {
      for (const sync of [false, true]) {
        const value = make<number>({ sync });
        const watcher = value.watch();
        const pending = track(watcher.get());
        const first = track(Promise.resolve(value.set(1)));
        watcher.close();
        const second = track(Promise.resolve(value.set(2)));
        await flush();
        expect(pending.outcome).toEqual({ state: 'fulfilled', value: 1 });
        expect(first.outcome.state).toBe('fulfilled');
        expect(second.outcome.state).toBe('fulfilled');
      }
    });

    it('VAL-5: when set returns, every later watch and get sees its version', async () => {
      const value = make<number>({ sync: false });
      const early = value.watch();
      value.set(1);
      const late = value.watch();
      expect(await early.get()).toBe(1);
      expect(await late.get()).toBe(1);
    });

    it('VAL-6: the mode is chosen at construction, async by default', async () => {
      // An async-mode set resolves at once even with an unattended watcher; a sync-mode set waits.
      const defaults = new (name === 'MemoryValue' ? MemoryValue : ModelValue)<number>();
      defaults.watch();
      const asyncSet = track(defaults.set(1));
      const syncValue = make<number>({ sync: true });
      syncValue.watch();
      const syncSet = track(Promise.resolve(syncValue.set(1)));
      await flush();
      expect(asyncSet.outcome.state).toBe('fulfilled');
      expect(syncSet.outcome.state).toBe('pending');
    });
  });

  describe(`${name}: watchers`, () => {
    it('WATCH-1: watch never waits, not even behind a sync set that has not resolved', async () => {
      const value = make<number>({ sync: true });
      const slow = value.watch();
      const set = track(Promise.resolve(value.set(1)));
      const fresh = value.watch();
      expect(await fresh.get()).toBe(1);
      await flush();
      expect(set.outcome.state).toBe('pending');
      slow.close();
      await flush();
      expect(set.outcome.state).toBe('fulfilled');
    });

    it("WATCH-2: one watcher's gets, aborts and close do not change what another receives", async () => {
      const value = make<number>({ sync: false });
      const steady = value.watch();
      const busy = value.watch();
      value.set(1);
      const controller = new AbortController();
      await busy.get();
      const aborted = track(busy.get({ signal: controller.signal }));
      controller.abort();
      busy.close();
      expect(await steady.get()).toBe(1);
      value.set(2);
      expect(await steady.get()).toBe(2);
      await flush();
      expect(aborted.outcome.state).toBe('rejected');
    });

    it('WATCH-3, GET-1: a get resolves with one version, which becomes the cursor; a rejection moves nothing', async () => {
      const value = make<number>({ sync: true });
      const watcher = value.watch();
      for (const n of [1, 2, 3]) void value.set(n);
      expect(await watcher.get()).toBe(1);
      const controller = new AbortController();
      controller.abort();
      await expect(watcher.get({ signal: controller.signal })).rejects.toBe(controller.signal.reason);
      expect(await watcher.get()).toBe(2);
      expect(await watcher.get()).toBe(3);
      watcher.close();
    });
  });

  describe(`${name}: gets`, () => {
    it('GET-7: failures are reported in order: options, closed, concurrent, aborted', async () => {
      const value = make<number>({ sync: false });
      const watcher = value.watch();
      const aborted = AbortSignal.abort();
      const pending = track(watcher.get());
      // Invalid options win over a pending get.
      await expect(watcher.get({ signal: 42 } as never)).rejects.toBeInstanceOf(TypeError);
      // A pending get wins over an aborted signal.
      expect(errorName(await watcher.get({ signal: aborted }).catch((error: unknown) => error))).toBe('ConcurrentGetError');
      watcher.close();
      // A closed watcher wins over an aborted signal, but not over invalid options.
      expect(errorName(await watcher.get({ signal: aborted }).catch((error: unknown) => error))).toBe('WatcherClosedError');
      await expect(watcher.get(42 as never)).rejects.toBeInstanceOf(TypeError);
      await flush();
      expect(pending.outcome.state).toBe('rejected');
    });

    it('ASYNC-3, PROD-1: an async set resolves at once, with nothing, however many watchers wait or idle', async () => {
      for (const watchers of [0, 3]) {
        const value = make<number>({ sync: false });
        const gets = Array.from({ length: watchers }, () => track(value.watch().get()));
        value.watch();
        const set = track(Promise.resolve(value.set(1)));
        await Promise.resolve();
        await Promise.resolve();
        expect(set.outcome).toEqual({ state: 'fulfilled', value: undefined });
        await flush();
        for (const get of gets) expect(get.outcome).toEqual({ state: 'fulfilled', value: 1 });
      }
    });
  });

  describe(`${name}: bad input`, () => {
    it('ERR-3: invalid get options reject with a TypeError naming the problem and leave the watcher as it was', async () => {
      const value = make<number>({ sync: false });
      value.set(1);
      const watcher = value.watch();
      const cases: [unknown, RegExp][] = [
        [42, /options must be an object/],
        [null, /options must be an object/],
        [{ signal: 42 }, /'signal' must be an AbortSignal/],
        [{ signal: {} }, /'signal' must be an AbortSignal/],
        [{ signal: null }, /'signal' must be an AbortSignal/],
        [{ signal: 'abort' }, /'signal' must be an AbortSignal/],
        [{ signal: { aborted: 'no', addEventListener() {}, removeEventListener() {} } }, /'signal' must be an AbortSignal/],
        [{ signal: { aborted: false, removeEventListener() {} } }, /'signal' must be an AbortSignal/],
        [{ signal: { aborted: false, addEventListener() {} } }, /'signal' must be an AbortSignal/],
        [{ signal: Object.assign(() => {}, { aborted: false, addEventListener() {}, removeEventListener() {} }) }, /'signal' must be an AbortSignal/],
        [{ timeout: 5 }, /unknown option 'timeout'/],
        [[], /options must be an object/],
      ];
      for (const [options, message] of cases) {
        const error: unknown = await watcher.get(options as never).catch((reason: unknown) => reason);
        expect(error).toBeInstanceOf(TypeError);
        expect((error as TypeError).message).toMatch(message);
      }
      // Nothing was consumed: the first valid get still receives version 1.
      expect(await watcher.get()).toBe(1);
    });

    it('ERR-3: an object that has the shape of an AbortSignal is accepted as one', async () => {
      const value = make<number>({ sync: false });
      value.set(1);
      const signal = { aborted: false, reason: undefined, addEventListener() {}, removeEventListener() {} };
      expect(await value.watch().get({ signal: signal as unknown as AbortSignal })).toBe(1);
      expect(await value.watch().get({ signal: undefined })).toBe(1);
      expect(await value.watch().get({})).toBe(1);
    });

    it('ERR-1: the typed errors carry a message that says what happened', async () => {
      const value = make<number>({ sync: false });
      const watcher = value.watch();
      const pending = watcher.get();
      const concurrent: unknown = await watcher.get().catch((error: unknown) => error);
      watcher.close();
      const closedWhilePending: unknown = await pending.catch((error: unknown) => error);
      const closed: unknown = await watcher.get().catch((error: unknown) => error);
      expect((concurrent as Error).message).toMatch(/a get is pending/);
      expect((closedWhilePending as Error).message).toMatch(/closed/);
      expect((closed as Error).message).toMatch(/closed/);
    });
  });

  describe(`${name}: order and re-entrancy`, () => {
    it('RE-1: a set made from a continuation is an ordinary call that sees the earlier state', async () => {
      const value = make<number>({ sync: false });
      const watcher = value.watch();
      const seen: number[] = [];
      const consumer = watcher.get().then(async (first) => {
        seen.push(first);
        value.set(first + 1);
        seen.push(await watcher.get());
      });
      value.set(1);
      await consumer;
      expect(seen).toEqual([1, 2]);
    });

    it('RE-2: a set made by an earlier listener of the same signal hands the get its version; the abort changes nothing', async () => {
      const value = make<number>({ sync: false });
      const watcher = value.watch();
      const controller = new AbortController();
      controller.signal.addEventListener('abort', () => value.set(1));
      const get = track(watcher.get({ signal: controller.signal }));
      controller.abort();
      await flush();
      expect(get.outcome).toEqual({ state: 'fulfilled', value: 1 });
      const next = track(watcher.get());
      await flush();
      expect(next.outcome.state).toBe('pending');
    });

    it('RE-2: a close made by an earlier listener of the same signal rejects the get as closed', async () => {
      const value = make<number>({ sync: false });
      const watcher = value.watch();
      const controller = new AbortController();
      controller.signal.addEventListener('abort', () => watcher.close());
      const get = track(watcher.get({ signal: controller.signal }));
      controller.abort();
      await flush();
      expect(get.outcome.state === 'rejected' && errorName(get.outcome.reason)).toBe('WatcherClosedError');
    });

    it('RE-2: a signal that still calls a removed listener cannot abort a later get', async () => {
      // A stand-in signal that, unlike AbortSignal, ignores removeEventListener. Like any
      // EventTarget, it accepts a function or an object with handleEvent as a listener.
      type Listener = (() => void) | { handleEvent(): void };
      const registered: Listener[] = [];
      const listeners = [() => registered.forEach((listener) => (typeof listener === 'function' ? listener() : listener.handleEvent()))];
      const signal = {
        aborted: false,
        reason: new Error('stale'),
        addEventListener: (_type: string, listener: Listener) => registered.push(listener),
        removeEventListener: () => {},
      } as unknown as AbortSignal;
      const value = make<number>({ sync: false });
      const watcher = value.watch();
      const first = track(watcher.get({ signal }));
      value.set(1);
      const second = track(watcher.get());
      for (const listener of listeners) listener(); // the stale listener of the settled first get
      await flush();
      expect(first.outcome).toEqual({ state: 'fulfilled', value: 1 });
      expect(second.outcome.state).toBe('pending');
      // The watcher still counts the second get as pending.
      expect(errorName(await watcher.get().catch((error: unknown) => error))).toBe('ConcurrentGetError');
      value.set(2);
      await flush();
      expect(second.outcome).toEqual({ state: 'fulfilled', value: 2 });
      for (const listener of listeners) listener(); // while idle
      watcher.close();
      for (const listener of listeners) listener(); // once closed
      await expect(watcher.get()).rejects.toThrow(/closed/);
    });

    it('RE-3: a listener that runs after the abort sees the watcher idle with its cursor unchanged', async () => {
      const value = make<number>({ sync: false });
      value.set(1);
      const watcher = value.watch();
      await watcher.get();
      const controller = new AbortController();
      const get = track(watcher.get({ signal: controller.signal }));
      let next: ReturnType<typeof track<number>> | undefined;
      controller.signal.addEventListener('abort', () => {
        next = track(watcher.get());
        value.set(2);
      });
      controller.abort();
      await flush();
      expect(get.outcome.state).toBe('rejected');
      expect(next?.outcome).toEqual({ state: 'fulfilled', value: 2 });
    });

    it('RE-4: in sync mode, awaiting a set inside the own watcher loop waits for the own get; not awaiting never does', async () => {
      const value = make<number>({ sync: true });
      const watcher = value.watch();
      void value.set(1);
      expect(await watcher.get()).toBe(1);
      // Awaiting the own set: it resolves only once this watcher receives version 2.
      const own = track(Promise.resolve(value.set(2)));
      await flush();
      expect(own.outcome.state).toBe('pending');
      expect(await watcher.get()).toBe(2);
      await flush();
      expect(own.outcome.state).toBe('fulfilled');
      // Closing first frees it at once.
      const later = track(Promise.resolve(value.set(3)));
      watcher.close();
      await flush();
      expect(later.outcome.state).toBe('fulfilled');
    });
  });

  describe(`${name}: lifetime`, () => {
    it('LIFE-2: in sync mode, a watcher dropped without close keeps every later set waiting', async () => {
      const value = make<number>({ sync: true });
      value.watch();
      const set = track(Promise.resolve(value.set(1)));
      await flush();
      expect(set.outcome.state).toBe('pending');
    });
  });
}

describe('errors', () => {
  it("ERR-1: the errors are Error subclasses named 'ConcurrentGetError' and 'WatcherClosedError'", () => {
    const concurrent = new ConcurrentGetError();
    const closed = new WatcherClosedError();
    expect(concurrent).toBeInstanceOf(Error);
    expect(closed).toBeInstanceOf(Error);
    expect(concurrent.name).toBe('ConcurrentGetError');
    expect(closed.name).toBe('WatcherClosedError');
    expect(concurrent.message).toMatch(/a get is pending/);
    expect(closed.message).toMatch(/closed/);
  });

  it('ERR-2: invalid construction options throw a TypeError naming the option', () => {
    const cases: [unknown, RegExp][] = [
      [{ sync: 'yes' }, /option 'sync' must be a boolean, got string/],
      [{ sync: 1 }, /option 'sync' must be a boolean, got number/],
      [{ sink: true }, /unknown option 'sink'/],
      [42, /options must be an object, got number/],
      [null, /options must be an object, got null/],
      [[true], /options must be an object, got object/],
      ['sync', /options must be an object, got string/],
    ];
    for (const [options, message] of cases) {
      expect(() => new MemoryValue(options as never)).toThrow(TypeError);
      expect(() => new MemoryValue(options as never)).toThrow(message);
      expect(() => new ModelValue(options as never)).toThrow(TypeError);
      expect(() => new ModelValue(options as never)).toThrow(/options must be an object|option 'sync'|unknown option 'sink'/);
    }
    expect(() => new MemoryValue({ sink: true } as never)).toThrow("MemoryValue: unknown option 'sink'");
    expect(() => new MemoryValue({ sync: 'yes' } as never)).toThrow("MemoryValue: option 'sync' must be a boolean, got string");
    expect(new MemoryValue({ sync: undefined }).sync).toBe(false);
    expect(new MemoryValue().sync).toBe(false);
    expect(new MemoryValue({ sync: true }).sync).toBe(true);
  });
});

describe("MemoryValue's messages", () => {
  it('ERR-3: the TypeError of a bad get names the method, the option and what was passed', async () => {
    const watcher = new MemoryValue<number>().watch();
    await expect(watcher.get({ signal: 42 } as never)).rejects.toThrow("Watcher.get: option 'signal' must be an AbortSignal, got number");
    await expect(watcher.get({ limit: 1 } as never)).rejects.toThrow("Watcher.get: unknown option 'limit'");
    await expect(watcher.get('now' as never)).rejects.toThrow('Watcher.get: options must be an object, got string');
  });
});

describe("MemoryValue's costs", () => {
  it('COST-1, LIFE-1, CLOSE-4: an async value references idle watchers not at all, and pending gets until they settle', async () => {
    const value = new MemoryValue<number>();
    const idle = Array.from({ length: 1000 }, () => new WeakRef(value.watch()));
    // The pending gets' promises are kept; their watchers are not.
    const pending: Promise<number>[] = [];
    const waiting = Array.from({ length: 10 }, () => {
      const watcher = value.watch();
      pending.push(watcher.get());
      return new WeakRef(watcher);
    });
    await collectGarbage();
    expect(alive(idle)).toBe(0);
    // A set must still reach these gets, so the value holds them.
    expect(alive(waiting)).toBe(10);
    value.set(1);
    expect(await Promise.all(pending)).toEqual(Array.from({ length: 10 }, () => 1));
    await collectGarbage();
    expect(alive(waiting)).toBe(0);
  });

  it('LIFE-3: a long-lived signal does not keep a pending get\'s watcher or value alive, and its abort still rejects the get', async () => {
    const controller = new AbortController();
    const refs: WeakRef<object>[] = [];
    const got = (() => {
      const value = new MemoryValue<object>({ sync: false });
      const datum = { big: new Array(1000).fill(0) };
      value.set(datum);
      refs.push(new WeakRef(datum));
      const watcher = value.watch();
      void watcher.get();
      const get = watcher.get({ signal: controller.signal });
      refs.push(new WeakRef(value), new WeakRef(watcher));
      return track(get);
    })();
    // Neither the value, its data, nor the watcher is held by the signal's listener.
    await collectGarbage();
    expect(alive(refs)).toBe(0);
    const reason = new Error('gave up');
    controller.abort(reason);
    await flush();
    expect(got.outcome).toEqual({ state: 'rejected', reason });
  });

  it('COST-2, COST-3: a sync value keeps only what its slowest watcher lacks, and a close releases it', async () => {
    const value = new MemoryValue<{ readonly n: number }>({ sync: true });
    const slow = value.watch();
    const fast = value.watch();
    const data: WeakRef<object>[] = [];
    const sets = Array.from({ length: 100 }, (_, i) => {
      const datum = { n: i + 1 };
      data.push(new WeakRef(datum));
      return track(value.set(datum));
    });
    for (let i = 0; i < 100; i++) await fast.get();
    await collectGarbage();
    expect(alive(data)).toBe(100);
    // Once the slow watcher has version 1, only versions 1 to 100 are kept: 1 is where it stands.
    expect((await slow.get()).n).toBe(1);
    expect((await slow.get()).n).toBe(2);
    await collectGarbage();
    expect(alive(data)).toBe(99);
    expect(data[0]?.deref()).toBeUndefined();
    slow.close();
    await collectGarbage();
    // Only the current version is left.
    expect(alive(data)).toBe(1);
    expect(data[99]?.deref()).toBeDefined();
    await flush();
    expect(sets.every((set) => set.outcome.state === 'fulfilled')).toBe(true);
  });
});
