/**
 * The trace checker's parts, one by one, with exact expectations: JSON equality, the path of a
 * search, the merge of the parts' linearizations, the split of a history by watcher, and the
 * compiled timeline the search reads.
 */
import { describe, expect, it } from 'vitest';
import { jsonEqual } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { canonicalJson } from '../conformance/trace/json.js';
import { Linearization } from '../conformance/trace/linearization.js';
import { split } from '../conformance/trace/partition.js';
import { Path } from '../conformance/trace/path.js';
import { Compiler, never } from '../conformance/trace/timeline.js';

/** A trace of a header and events. */
function trace(mode: 'async' | 'sync', events: readonly Record<string, unknown>[], quiescent = false) {
  const lines = [{ trace: 'event-value', version: 1, mode }, ...events, ...(quiescent ? [{ event: 'end', quiescent: true }] : [])];
  return parseTrace(lines.map((line) => JSON.stringify(line)).join('\n'));
}
const op = (id: string, kind: string, rest: Record<string, unknown> = {}) => ({ event: 'op', id, op: kind, ...rest });
const call = (id: string, kind: string, rest: Record<string, unknown> = {}) => ({ event: 'call', id, op: kind, ...rest });
const ret = (id: string, rest: Record<string, unknown> = {}) => ({ event: 'return', id, ...rest });

/** The parts of a split, as `first version: event indices`. */
function parts(events: Parameters<typeof trace>[1], mode: 'async' | 'sync' = 'async', quiescent = false): string[] {
  return split(trace(mode, events, quiescent)).map((part) => `${part.firstVersion}: ${Array.from(part.events).join(' ')}`);
}

describe('JSON equality', () => {
  it('compares data as JSON, whatever the order of keys', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(canonicalJson({ b: [true, 'x'], a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":[true,"x"]}');
    expect(canonicalJson(undefined)).toBe('undefined');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([{ b: 1, a: 2 }, 'c'])).toBe('[{"a":2,"b":1},"c"]');
  });
});

describe('the path of a search', () => {
  it('adds and removes instants, and copies itself apart', () => {
    const path = new Path();
    expect(path.length).toBe(0);
    expect(path.lastTime()).toBe(0);
    path.push(3, false, true, 1, 4, []);
    path.push(5, true, false, 2, 6, [3]);
    expect([path.length, path.lastTime(), path.operation, path.followUp, path.waited, path.version, path.time, path.ended]).toEqual([2, 6, [3, 5], [false, true], [true, false], [1, 2], [4, 6], [[], [3]]]);
    const copy = path.copy();
    path.truncate(1);
    expect([path.length, path.lastTime(), path.operation, path.followUp, path.waited, path.version, path.time, path.ended]).toEqual([1, 4, [3], [false], [true], [1], [4], [[]]]);
    path.push(7, false, false, 3, 8, []);
    path.push(9, false, false, 4, 10, []);
    path.truncate(1);
    expect([path.length, path.operation, path.followUp, path.waited, path.version, path.time, path.ended]).toEqual([1, [3], [false], [true], [1], [4], [[]]]);
    expect([copy.length, copy.operation, copy.followUp, copy.waited, copy.version, copy.time, copy.ended]).toEqual([2, [3, 5], [false, true], [true, false], [1, 2], [4, 6], [[], [3]]]);
  });
});

describe('the merge of the parts of a linearization', () => {
  // Watchers a and b, a get of each waiting, one set ending both waits. Parsed by each test, not
  // while the file is collected, so that Stryker knows which tests cover the parser.
  const parsed = () => {
    const history = trace('async', [
      op('wa', 'watch', { watcher: 'a' }),
      op('wb', 'watch', { watcher: 'b' }),
      call('gb', 'get', { watcher: 'b' }),
      call('ga', 'get', { watcher: 'a' }),
      op('s', 'set', { data: 1 }),
      ret('ga', { data: 1 }),
      ret('gb', { data: 1 }),
    ]);
    const [wa, wb, gb, ga, s] = history.operations;
    return { history, wa, wb, gb, ga, s };
  };
  /** A part: a watcher's watch at its call, its get's request at its call, the set ending the get's wait. */
  const part = (watch: number, requested: number): Path => {
    const path = new Path();
    path.push(0, false, false, 0, watch, []);
    path.push(1, false, true, 0, requested, []);
    path.push(2, false, false, 1, 6, [1]);
    return path;
  };

  it('orders instants by the event they follow, writes a shared set once, and its follow-ups in the order the gets began waiting', () => {
    const { history, wa, wb, gb, ga, s } = parsed();
    const merged = new Linearization(history.operations);
    merged.add(part(0, 5), [wa, ga, s] as never);
    merged.add(part(2, 4), [wb, gb, s] as never);
    expect(merged.points().map((point) => `${point.id}:${point.phase}:${point.version}`)).toEqual([
      'wa:effect:0',
      'wb:effect:0',
      'gb:request:0',
      'ga:request:0',
      's:effect:1',
      'gb:follow-up:1',
      'ga:follow-up:1',
    ]);
    expect([...merged.operationsOf(1)].map((operation) => operation.id)).toEqual(['wb', 'gb', 's']);
  });

  it('keeps each part up to the first instant it is told not to keep', () => {
    const { history, wa, wb, gb, ga, s } = parsed();
    const merged = new Linearization(history.operations);
    merged.add(part(0, 5), [wa, ga, s] as never);
    merged.add(part(2, 4), [wb, gb, s] as never);
    const kept = merged.points((number, operation, time) => number === 0 || (operation.kind !== 'get' && time < 8));
    expect(kept.map((point) => `${point.id}:${point.phase}`)).toEqual(['wa:effect', 'wb:effect', 'ga:request', 's:effect', 'ga:follow-up']);
    expect(merged.points(() => false)).toEqual([]);
  });

  it('writes a follow-up of an abort as its own instant', () => {
    const { history, ga } = parsed();
    const merged = new Linearization(history.operations);
    const path = new Path();
    path.push(0, false, true, 0, 4, []);
    path.push(0, true, false, 0, 5, []);
    merged.add(path, [ga] as never);
    expect(merged.points()).toEqual([
      { id: 'ga', phase: 'request', version: 0 },
      { id: 'ga', phase: 'follow-up', version: 0 },
    ]);
  });
});

describe('the split of a history by watcher', () => {
  it('splits when every set and every shared abort is atomic: a part of the sets alone first, then each watcher with the sets of its lifetime and the aborts of its signals', () => {
    expect(
      parts([
        op('s1', 'set', { data: 1 }),
        op('wa', 'watch', { watcher: 'a' }),
        op('s2', 'set', { data: 2 }),
        op('wb', 'watch', { watcher: 'b' }),
        op('x', 'abort', { signal: 'k' }),
        op('ga', 'get', { watcher: 'a', signal: 'k', error: 'aborted' }),
        op('s3', 'set', { data: 3 }),
        op('gb', 'get', { watcher: 'b', signal: 'k', error: 'aborted' }),
        op('s4', 'set', { data: 4 }),
        op('y', 'abort', { signal: 'lonely' }),
      ]),
    ).toEqual(['1: 0 1 4 5 12 13 16 17', '1: 0 1 2 3 4 5 8 9 10 11', '2: 4 5 6 7 8 9 12 13 14 15', '4: 16 17 18 19']);
  });

  it('lets an open watcher of a sync-mode history keep every later set, and a closed one only those of its lifetime', () => {
    const events = [
      op('wa', 'watch', { watcher: 'a' }),
      op('wb', 'watch', { watcher: 'b' }),
      op('s1', 'set', { data: 1, settled: false }),
      op('ca', 'close', { watcher: 'a' }),
      op('s2', 'set', { data: 2 }),
      { event: 'settle', id: 's1' },
    ];
    expect(parts(events, 'sync')).toEqual(['1: 4 5 8 9 10', '1: 0 1 4 5 6 7 10', '1: 2 3 4 5 8 9 10']);
    expect(parts(events, 'async')).toEqual(['1: 4 5 8 9 10', '1: 0 1 4 5 6 7 10', '1: 2 3 4 5 10']);
  });

  it('keeps every later set for a watcher with an operation that never returned, and gives a watch that was never named a part of its own', () => {
    expect(parts([op('s1', 'set', { data: 1 }), op('wa', 'watch', { watcher: 'a' }), call('g', 'get', { watcher: 'a' }), call('w', 'watch'), op('s2', 'set', { data: 2 })])).toEqual([
      '1: 0 1 6 7',
      '1: 0 1 2 3 4 6 7',
      '1: 0 1 5 6 7',
    ]);
  });

  it('judges whole a history with a set that is not atomic, a shared abort that is not, one watcher, or a sync set never settled before a quiescent end', () => {
    const whole = (count: number): string[] => [`1: ${Array.from({ length: count }, (_, index) => index).join(' ')}`];
    expect(parts([op('wa', 'watch', { watcher: 'a' }), call('s', 'set', { data: 1 }), op('wb', 'watch', { watcher: 'b' }), ret('s')])).toEqual(whole(6));
    expect(parts([op('wa', 'watch', { watcher: 'a' }), op('wb', 'watch', { watcher: 'b' }), op('s', 'set', { data: 1 }), call('s2', 'set', { data: 2 })])).toEqual(whole(7));
    expect(
      parts([
        op('wa', 'watch', { watcher: 'a' }),
        op('wb', 'watch', { watcher: 'b' }),
        call('x', 'abort', { signal: 'k' }),
        op('ga', 'get', { watcher: 'a', signal: 'k', error: 'aborted' }),
        op('gb', 'get', { watcher: 'b', signal: 'k', error: 'aborted' }),
        ret('x'),
      ]),
    ).toEqual(whole(10));
    expect(parts([op('wa', 'watch', { watcher: 'a' }), op('s', 'set', { data: 1 }), op('ga', 'get', { watcher: 'a', data: 1 })])).toEqual(whole(6));
    const syncSets = [op('wa', 'watch', { watcher: 'a' }), op('wb', 'watch', { watcher: 'b' }), op('s', 'set', { data: 1, settled: false })];
    expect(parts(syncSets, 'sync', true)).toEqual(whole(6));
    expect(parts(syncSets, 'sync', false)).toEqual(['1: 4 5', '1: 0 1 4 5', '1: 2 3 4 5']);
    expect(parts([...syncSets, { event: 'settle', id: 's' }], 'sync', true)).toEqual(['1: 4 5 6', '1: 0 1 4 5 6', '1: 2 3 4 5 6']);
  });

  it('splits around a signal that one watcher alone uses, however its abort spans', () => {
    expect(
      parts([op('wa', 'watch', { watcher: 'a' }), op('wb', 'watch', { watcher: 'b' }), call('x', 'abort', { signal: 'k' }), op('ga', 'get', { watcher: 'a', signal: 'k', error: 'aborted' }), ret('x')]),
    ).toEqual(['1: ', '1: 0 1 4 5 6 7', '1: 2 3']);
  });
});

describe('the compiled timeline', () => {
  /** The whole trace compiled as one part. */
  function compiled(mode: 'async' | 'sync', events: Parameters<typeof trace>[1]) {
    const parsed = trace(mode, events);
    return new Compiler(parsed).compile(Int32Array.from(parsed.events, (_, index) => index));
  }

  it('gives a watch that never returned and was not named a watcher of its own, which no name in the trace aliases, and no watcher to a set or an abort', () => {
    // The checker once named such a watcher "\u0000anonymous 1", a name a trace may use too.
    const timeline = compiled('async', [
      op('w', 'watch', { watcher: '\u0000anonymous 1' }),
      call('p', 'watch'),
      call('q', 'watch'),
      op('s', 'set', { data: 1 }),
      op('x', 'abort', { signal: 'k' }),
    ]);
    expect(Array.from(timeline.watcher)).toEqual([0, 1, 2, -1, -1]);
    expect(timeline.watcherNames).toEqual(['\u0000anonymous 1', "the watcher of 'p'", "the watcher of 'q'"]);
  });

  it('numbers the data of sets and of the gets that received them, and gives -1 to the operations that carry none', () => {
    const timeline = compiled('async', [
      op('w', 'watch', { watcher: 'a' }),
      op('s1', 'set', { data: { v: 1 } }),
      op('s2', 'set', { data: 2 }),
      op('s3', 'set', { data: { v: 1 } }),
      op('g1', 'get', { watcher: 'a', data: 2 }),
      op('g2', 'get', { watcher: 'a', data: 3 }),
      op('g3', 'get', { watcher: 'a', error: 'aborted' }),
      op('c', 'close', { watcher: 'a' }),
    ]);
    expect(Array.from(timeline.datum)).toEqual([-1, 0, 1, 0, 1, -1, -1, -1]);
    expect(timeline.sets).toBe(3);
  });

  it('places each call, return and settlement at its position in the part, and `never` where an operation has none', () => {
    // In sync mode s1 returns unsettled and settles later, s2 settles at its return, s3 never
    // returns, and s4 returns unsettled and never settles; the get never returns.
    const events = [
      op('w', 'watch', { watcher: 'a' }),
      op('s1', 'set', { data: 1, settled: false }),
      call('s3', 'set', { data: 3 }),
      op('s2', 'set', { data: 2 }),
      call('g', 'get', { watcher: 'a' }),
      { event: 'settle', id: 's1' },
      op('s4', 'set', { data: 4, settled: false }),
    ];
    const timeline = compiled('sync', events);
    expect(timeline.operations.map((operation) => operation.id)).toEqual(['w', 's1', 's3', 's2', 'g', 's4']);
    expect(Array.from(timeline.callAt)).toEqual([0, 2, 4, 5, 7, 9]);
    expect(Array.from(timeline.returnAt)).toEqual([1, 3, never, 6, never, 10]);
    expect(Array.from(timeline.settleAt)).toEqual([never, 8, never, 6, never, never]);
    expect(Array.from(timeline.positionType)).toEqual([0, 1, 0, 1, 0, 0, 1, 0, 2, 0, 1]);
    expect(Array.from(timeline.positionOperation)).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 1, 5, 5]);
    // A part numbers its own operations and positions: here the sets and the settlement alone.
    const parsed = trace('sync', events);
    const part = new Compiler(parsed).compile([2, 3, 4, 5, 6, 8, 9, 10], 1);
    expect(part.operations.map((operation) => operation.id)).toEqual(['s1', 's3', 's2', 's4']);
    expect(Array.from(part.callAt)).toEqual([0, 2, 3, 6]);
    expect(Array.from(part.returnAt)).toEqual([1, never, 4, 7]);
    expect(Array.from(part.settleAt)).toEqual([5, never, 4, never]);
    expect(Array.from(part.global)).toEqual([2, 3, 4, 5, 6, 8, 9, 10]);
  });
});
