/**
 * The layer of spec section 13 on EtcdValue, which has no idiom code of its own: its watchers
 * inherit `IdiomaticWatcher`, as MemoryValue's do. Each idiom is shown by a scenario on a real etcd,
 * and the layer's properties (the predicate aspect, with iterator steps, leaving loops, disposal
 * and views mixed in) run against it in remote timing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predicate } from '../properties/aspects/index.js';
import { aspectProperty, parameters } from '../properties/harness/property.js';
import type { Factory } from '../properties/harness/run.js';
import { EtcdValue } from '../src/etcd/index.js';
import { readOnly } from '../src/index.js';
import { errorName, flush, track } from '../test/support/promises.js';
import { useEtcd } from './etcd-server.js';

const etcd = useEtcd({ beforeAll, afterAll });
let keys = 0;
const freshKey = (): string => `event-value/idioms/${process.pid}/${(keys += 1)}`;

describe('the idioms on EtcdValue', () => {
  it('ITER-1, ITER-3: for await sees the newest revisions, and break closes the watcher', async () => {
    const value = new EtcdValue<number>({ client: etcd.client(), key: freshKey() });
    await value.set(1);
    const watcher = value.watch();
    const seen: number[] = [];
    for await (const n of watcher) {
      seen.push(n);
      if (n === 2) break;
      await value.set(2);
    }
    expect(seen).toEqual([1, 2]);
    expect(errorName(await watcher.get().catch((error: unknown) => error))).toBe('WatcherClosedError');
    await value.close();
  });

  it('DISPOSE-1: using closes the watcher at the end of its scope', async () => {
    const value = new EtcdValue<number>({ client: etcd.client(), key: freshKey() });
    let kept: { get(): Promise<number> } | undefined;
    {
      using watcher = value.watch();
      kept = watcher;
    }
    expect(errorName(await kept.get().catch((error: unknown) => error))).toBe('WatcherClosedError');
    await value.close();
  });

  it('VIEW-1: the read-only view of an EtcdValue watches and peeks it, and nothing else', async () => {
    const value = new EtcdValue<string>({ client: etcd.client(), key: freshKey() });
    const view = readOnly(value);
    expect(Object.keys(view)).toEqual(['watch', 'peek']);
    await value.set('node-2');
    const watcher = view.watch();
    expect(await watcher.get()).toBe('node-2');
    watcher.close();
    await value.close();
  });

  it('PRED-1, PRED-2, PRED-4: waitFor skips and consumes what it rejects; a throwing predicate rejects it', async () => {
    const value = new EtcdValue<string>({ client: etcd.client(), key: freshKey() });
    const watcher = value.watch();
    const online = track(watcher.waitFor((status) => status === 'online'));
    await value.set('connecting');
    await flush();
    expect(online.outcome.state).toBe('pending');
    await value.set('online');
    await flush();
    expect(online.outcome).toEqual({ state: 'fulfilled', value: 'online' });
    const problem = new Error('bad status');
    const thrown = track(
      watcher.waitFor(() => {
        throw problem;
      }),
    );
    await value.set('offline');
    await flush();
    expect(thrown.outcome).toEqual({ state: 'rejected', reason: problem });
    watcher.close();
    await value.close();
  });

  it('PRED-1, PRED-2, PRED-4 with ITER and VIEW mixed in: the layer\'s property holds on a real etcd', async () => {
    let made = 0;
    let previous: EtcdValue<number> | undefined;
    // A value on a fresh key for each run; the one before is closed so its etcd watch ends.
    const factory: Factory = () => {
      void previous?.close();
      previous = new EtcdValue<number>({ client: etcd.client(), key: `event-value/idioms-property/${process.pid}/${(made += 1)}` });
      return previous;
    };
    const mixed = { ...predicate, weights: { ...predicate.weights, idioms: 1 } };
    await fc.assert(aspectProperty(mixed, factory, "async", "remote"), parameters(25));
    await previous?.close();
  });
});
