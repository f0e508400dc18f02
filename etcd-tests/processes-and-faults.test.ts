/**
 * EtcdValue across processes, and through etcd's faults: a restart on the same data directory,
 * an outage during which gets wait and aborts work, and a compaction past a watcher's revision.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtcdValue, type EtcdClient } from '../src/etcd/index.js';
import { flush, track } from '../test/support/promises.js';
import { useEtcd } from './etcd-server.js';

const etcd = useEtcd({ beforeAll, afterAll });

/** Runs a TypeScript program in its own Node process; resolves with its output lines. */
function program(file: string, args: readonly string[], onLine: (line: string) => void = () => {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      onLine(line);
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(lines) : reject(new Error(`${file} exited with ${code}`))));
  });
}

/** Strictly increasing: what GET-4 promises each watcher, with revisions as the versions. */
function strictlyIncreasing(values: readonly number[]): boolean {
  return values.every((value, index) => index === 0 || value > (values[index - 1] ?? 0));
}

describe('EtcdValue across processes and through faults', () => {
  it('one producer process and three watcher processes converge on the final value, each in strictly increasing order', async () => {
    const key = `event-value/processes/${process.pid}`;
    const final = 200;
    let ready = 0;
    let release: () => void = () => {};
    const allReady = new Promise<void>((resolve) => (release = resolve));
    const watchers = Array.from({ length: 3 }, () =>
      program('etcd-tests/processes/watcher.ts', [etcd.server().endpoint, key, String(final)], (line) => {
        if (line === 'ready' && (ready += 1) === 3) release();
      }),
    );
    await allReady;
    await program('etcd-tests/processes/producer.ts', [etcd.server().endpoint, key, String(final)]);
    for (const lines of await Promise.all(watchers)) {
      const seen = JSON.parse(lines.at(-1) ?? '[]') as number[];
      expect(seen.at(-1)).toBe(final);
      expect(strictlyIncreasing(seen)).toBe(true);
    }
  }, 120_000);

  it('etcd stopped and restarted mid-run: a get waits and its abort works while etcd is down; watchers resume with the newest value, nothing out of order', async () => {
    const key = `event-value/restart/${process.pid}`;
    const value = new EtcdValue<number>({ client: etcd.client(), key });
    const watcher = value.watch();
    const seen: number[] = [];
    await value.set(1);
    seen.push(await watcher.get());
    await etcd.server().pause();
    // etcd is down: a get waits, and its signal still works.
    const controller = new AbortController();
    const reason = new Error('gave up while etcd was down');
    const aborted = track(watcher.get({ signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(aborted.outcome.state).toBe('pending');
    controller.abort(reason);
    await flush();
    expect(aborted.outcome).toEqual({ state: 'rejected', reason });
    // A set made while etcd is down retries, and lands once it is back.
    const pendingSet = track(value.set(2));
    const next = track(watcher.get());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pendingSet.outcome.state).toBe('pending');
    await etcd.server().resume();
    // Another client writes newer values after the restart.
    const other = etcd.server().client();
    const writer = new EtcdValue<number>({ client: other, key });
    await pendingSet.promise;
    await writer.set(3);
    await writer.set(4);
    const deadline = Date.now() + 15_000;
    while (next.outcome.state === 'pending' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(next.outcome.state).toBe('fulfilled');
    if (next.outcome.state === 'fulfilled') seen.push(next.outcome.value);
    while (seen.at(-1) !== 4) {
      seen.push(await watcher.get());
      if (Date.now() > deadline) throw new Error(`did not converge on 4: ${JSON.stringify(seen)}`);
    }
    expect(strictlyIncreasing(seen)).toBe(true);
    await Promise.all([value.close(), writer.close()]);
    other.close();
  }, 60_000);

  it('a compaction past a watcher\u2019s revision is survived: the watcher re-reads and delivers the newest value, never an older one', async () => {
    const key = `event-value/compaction/${process.pid}`;
    const other = etcd.server().client();
    // The value's first watch is held back until other puts have moved on and etcd has compacted
    // past the revision the watch starts from: etcd then cancels it, and the value must read the
    // key again. The value's reads are counted to show that it did.
    let reads = 0;
    let watches = 0;
    let caughtUp: () => void = () => {};
    const behindDone = new Promise<void>((resolve) => (caughtUp = resolve));
    const behind = async (): Promise<void> => {
      let last = 0;
      for (let n = 2; n <= 30; n++) last = Number((await other.put(key).value(String(n)).exec()).header.revision);
      await other.kv.compact({ revision: String(last), physical: true });
      caughtUp();
    };
    const laggingClient: EtcdClient = {
      get: (name) => {
        reads += 1;
        return etcd.client().get(name);
      },
      put: (name) => etcd.client().put(name),
      watch: () => ({
        key: (name) => ({
          startRevision: (revision) => ({
            create: async () => {
              watches += 1;
              if (watches === 1) await behind();
              return etcd.client().watch().key(name).startRevision(revision).create();
            },
          }),
        }),
      }),
    };
    const value = new EtcdValue<number>({ client: laggingClient, key });
    await value.set(1);
    const watcher = value.watch();
    expect(await watcher.get()).toBe(1);
    await behindDone;
    for (let n = 31; n <= 35; n++) await other.put(key).value(String(n)).exec();
    const seen: number[] = [1];
    const deadline = Date.now() + 15_000;
    while (seen.at(-1) !== 35) {
      seen.push(await watcher.get());
      if (Date.now() > deadline) throw new Error(`did not reach 35: ${JSON.stringify(seen)}`);
    }
    expect(strictlyIncreasing(seen)).toBe(true);
    // The first read, and at least one more after etcd cancelled the compacted watch.
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(watches).toBeGreaterThanOrEqual(2);
    await value.close();
    other.close();
  }, 60_000);
});