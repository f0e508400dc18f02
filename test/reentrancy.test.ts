/**
 * ORDER-1 where user code runs inside a call: resolving a promise with an object or a function
 * reads its `then` property, and a getter there runs during `set`, before the set returns. It must
 * find every state change of the set made already: each waiting get handed the new version, not
 * some of them still waiting.
 */
import { describe, expect, it } from 'vitest';
import { ModelValue } from '../model/model-value.js';
import { MemoryValue, type ValueCore, type WatcherCore } from '../src/index.js';
import { errorName, flush, track } from './support/promises.js';

const implementations: readonly [string, (sync: boolean) => ValueCore<unknown>][] = [
  ['MemoryValue', (sync) => new MemoryValue<unknown>({ sync })],
  ['ModelValue', (sync) => new ModelValue<unknown>({ sync })],
];

/**
 * Data whose `then` getter, the first time it is read, makes a get on `other`; the getter returns
 * undefined, so the data is not a thenable and the gets resolve with the data itself.
 */
function reentrant<D extends object>(data: D, other: () => WatcherCore<unknown>, made: Promise<unknown>[]): D {
  let read = false;
  return Object.defineProperty(data, 'then', {
    get() {
      if (!read) made.push(other().get());
      read = true;
      return undefined;
    },
  });
}

describe('ORDER-1: a then getter of the data runs inside set, and sees the set finished', () => {
  for (const [name, make] of implementations) {
    for (const sync of [false, true]) {
      for (const [kind, fresh] of [
        ['an object', (): object => ({ n: 1 })],
        ['a function', (): object => () => 1],
      ] as const) {
        it(`${name} (${sync ? 'sync' : 'async'}), data that is ${kind}: the second waiting watcher was handed the version already, so its new get waits`, async () => {
          const value = make(sync);
          const first = value.watch();
          const second = value.watch();
          const received = [track(first.get()), track(second.get())];
          await flush();
          const made: Promise<unknown>[] = [];
          const data = reentrant(fresh(), () => second, made);
          void value.set(data);
          await flush();
          expect(received.map((tracked) => tracked.outcome)).toEqual([
            { state: 'fulfilled', value: data },
            { state: 'fulfilled', value: data },
          ]);
          expect(made).toHaveLength(1);
          // Had the getter run while the second watcher still waited, this get would have been
          // refused with a ConcurrentGetError; it waits for the next set instead.
          const reentered = track(made[0] as Promise<unknown>);
          await flush();
          const { outcome } = reentered;
          expect(outcome.state, outcome.state === 'rejected' ? errorName(outcome.reason) : '').toBe('pending');
          void value.set(2);
          await flush();
          expect(reentered.outcome).toEqual({ state: 'fulfilled', value: 2 });
        });
      }
    }
  }
});
