/**
 * The JavaScript recorder: the exact lines it writes for each call of a recorded MemoryValue, the
 * quiescent end marker, and its refusal to record after that end.
 */
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { Recorder } from '../conformance/trace/recorder.js';
import { MemoryValue } from '../src/index.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('the recorder', () => {
  it('writes each call of an async-mode value, and ends quiescent', async () => {
    const recorder = new Recorder('async');
    const value = recorder.record(new MemoryValue<unknown>());
    const watcher = value.watch();
    const first = watcher.get();
    await value.set({ n: 1 });
    await first;
    // A peek is passed through and not recorded.
    expect(value.peek()).toEqual({ version: 1, data: { n: 1 } });
    const controller = new AbortController();
    const waiting = watcher.get({ signal: controller.signal });
    const refused = watcher.get({ signal: controller.signal });
    await expect(refused).rejects.toMatchObject({ name: 'ConcurrentGetError' });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    const early = new AbortController();
    early.abort();
    await expect(watcher.get({ signal: early.signal })).rejects.toBeDefined();
    watcher.close();
    await expect(watcher.get()).rejects.toMatchObject({ name: 'WatcherClosedError' });
    await settle();
    recorder.endQuiescent();
    // Strictly: a get without a signal has no `signal` field at all, not an undefined one.
    expect(recorder.records).toStrictEqual([
      { trace: 'event-value', version: 1, mode: 'async' },
      { event: 'op', id: 'o1', thread: 'main', op: 'watch', watcher: 'w1' },
      { event: 'call', id: 'o2', thread: 'main', op: 'get', watcher: 'w1' },
      { event: 'op', id: 'o3', thread: 'main', op: 'set', data: { n: 1 } },
      { event: 'return', id: 'o2', data: { n: 1 } },
      { event: 'call', id: 'o4', thread: 'main', op: 'get', watcher: 'w1', signal: 's1' },
      { event: 'call', id: 'o5', thread: 'main', op: 'get', watcher: 'w1', signal: 's1' },
      { event: 'return', id: 'o5', error: 'ConcurrentGetError' },
      { event: 'op', id: 'o6', thread: 'main', op: 'abort', signal: 's1' },
      { event: 'return', id: 'o4', error: 'aborted' },
      { event: 'op', id: 'o8', thread: 'main', op: 'abort', signal: 's2' },
      { event: 'call', id: 'o7', thread: 'main', op: 'get', watcher: 'w1', signal: 's2' },
      { event: 'return', id: 'o7', error: 'aborted' },
      { event: 'op', id: 'o9', thread: 'main', op: 'close', watcher: 'w1' },
      { event: 'call', id: 'o10', thread: 'main', op: 'get', watcher: 'w1' },
      { event: 'return', id: 'o10', error: 'WatcherClosedError' },
      { event: 'end', quiescent: true },
    ]);
    expect(recorder.text()).toBe(`${recorder.records.map((record) => JSON.stringify(record)).join('\n')}\n`);
    expect(checkTrace(parseTrace(recorder.text()))).toMatchObject({ verdict: 'ok' });
  });

  it('writes a sync-mode set unsettled, then its settlement', async () => {
    const recorder = new Recorder('sync');
    const value = recorder.record(new MemoryValue<number>({ sync: true }));
    const watcher = value.watch();
    const settled = value.set(7);
    await settle();
    expect(recorder.records.slice(1)).toEqual([
      { event: 'op', id: 'o1', thread: 'main', op: 'watch', watcher: 'w1' },
      { event: 'op', id: 'o2', thread: 'main', op: 'set', data: 7, settled: false },
    ]);
    expect(await watcher.get()).toBe(7);
    await settled;
    expect(recorder.records.slice(3)).toEqual([
      { event: 'call', id: 'o3', thread: 'main', op: 'get', watcher: 'w1' },
      { event: 'settle', id: 'o2' },
      { event: 'return', id: 'o3', data: 7 },
    ]);
  });

  it('hands back what set returned in async mode, and names a rejection that is not an Error by its text, and an error of another signal by its name', async () => {
    const recorder = new Recorder('async');
    const resolved = Promise.resolve();
    expect(recorder.record<number>({ set: () => resolved, peek: () => undefined, watch: () => ({ get: () => Promise.resolve(1), close: () => undefined }) }).set(1)).toBe(resolved);
    recorder.records.splice(1);
    const failing = recorder.record<number>({
      set: () => undefined,
      peek: () => undefined,
      watch: () => ({ get: () => Promise.reject('gone'), close: () => undefined }),
    });
    await expect(failing.watch().get()).rejects.toBe('gone');
    const other = recorder.record<number>({
      set: () => undefined,
      peek: () => undefined,
      watch: () => ({ get: () => Promise.reject(new RangeError('no')), close: () => undefined }),
    });
    await expect(other.watch().get({ signal: new AbortController().signal })).rejects.toThrow('no');
    expect(recorder.records.filter((record) => record['event'] === 'return')).toEqual([
      { event: 'return', id: 'o3', error: 'gone' },
      { event: 'return', id: 'o5', error: 'RangeError' },
    ]);
  });

  it('refuses to record after a quiescent end: the end was not quiescent', async () => {
    const recorder = new Recorder('async');
    const value = recorder.record(new MemoryValue<number>());
    const watcher = value.watch();
    const pending = watcher.get();
    recorder.endQuiescent();
    expect(() => value.set(1)).toThrow('the recording ended quiescent, yet something more happened: the end was not quiescent');
    await expect(pending).rejects.toThrow('the recording ended quiescent');
    expect(recorder.records.at(-1)).toEqual({ event: 'end', quiescent: true });
  });
});
