/**
 * How `checkTrace` puts a verdict together from its parts (conformance/trace/check.ts): which
 * failure it reports when several parts of a split history fail, or one fails and another runs out
 * of budget; a failure found by reading the trace against one found by the search; and the
 * fields of an illegal verdict beyond its clause: the line, the prefix, and the linearization of
 * the longest legal prefix. test/trace-explain.test.ts pins the messages; this file pins the rest.
 *
 * Every trace is built inside its test: Stryker counts code run while a file is collected as static.
 */
import { describe, expect, it } from 'vitest';
import { checkTrace, type Verdict } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { split } from '../conformance/trace/partition.js';

type Event = Readonly<Record<string, unknown>>;

const op = (id: string, kind: string, fields: Record<string, unknown> = {}): Event => ({ event: 'op', id, op: kind, ...fields });
const call = (id: string, kind: string, fields: Record<string, unknown> = {}): Event => ({ event: 'call', id, op: kind, ...fields });
const ret = (id: string, fields: Record<string, unknown> = {}): Event => ({ event: 'return', id, ...fields });

function parse(mode: 'async' | 'sync', events: readonly Event[]) {
  return parseTrace([{ trace: 'event-value', version: 1, mode }, ...events].map((line) => JSON.stringify(line)).join('\n'));
}

/** The verdict with its linearization written as `id:phase:version`. */
function judged(verdict: Verdict): Record<string, unknown> {
  if (verdict.verdict === 'unknown') return { ...verdict };
  const { linearization, ...rest } = verdict;
  return { ...rest, linearization: linearization.map((point) => `${point.id}:${point.phase}:${point.version}`) };
}

/** Watchers a and b, one set, then each watcher's gets: a history split into three parts. */
const twoWatchers = (gets: readonly Event[]): Event[] => [op('wa', 'watch', { watcher: 'a' }), op('wb', 'watch', { watcher: 'b' }), op('s1', 'set', { data: 1 }), ...gets];

describe('the failure a split history reports', () => {
  it('GET-1, GET-4: the earliest of the parts\' failures, when the part judged first fails first', () => {
    const trace = parse('async', twoWatchers([op('ga', 'get', { watcher: 'a', data: 9 }), op('gb1', 'get', { watcher: 'b', data: 1 }), op('gb2', 'get', { watcher: 'b', data: 1 })]));
    expect(split(trace)).toHaveLength(3);
    // b's part fails too, later (GET-4 at gb2, line 7), and is not reported.
    expect(judged(checkTrace(trace))).toEqual({
      verdict: 'illegal',
      line: 5,
      prefix: 8,
      clause: 'GET-1',
      message: "get 'ga' (line 5) of watcher 'a' returned 9, which no set had set before it returned",
      operation: 'ga',
      // a's part up to its failure, and of b's only what comes before it: b's gets come after.
      linearization: ['wa:effect:0', 'wb:effect:0', 's1:effect:1'],
    });
  });

  it('GET-1, GET-4: the earliest of the parts\' failures, when the part judged last fails first', () => {
    const trace = parse('async', twoWatchers([op('ga1', 'get', { watcher: 'a', data: 1 }), op('gb', 'get', { watcher: 'b', data: 9 }), op('ga2', 'get', { watcher: 'a', data: 1 })]));
    expect(judged(checkTrace(trace))).toEqual({
      verdict: 'illegal',
      line: 6,
      prefix: 10,
      clause: 'GET-1',
      message: "get 'gb' (line 6) of watcher 'b' returned 9, which no set had set before it returned",
      operation: 'gb',
      // b's part up to its failure, and a's get before it; a's later get (its own failure) is not there.
      linearization: ['wa:effect:0', 'wb:effect:0', 's1:effect:1', 'ga1:effect:1'],
    });
  });
});

describe('a failure found by reading the trace', () => {
  it('ASYNC-3: of two async sets that returned unsettled, the one that returned first is reported, whatever the order of their calls', () => {
    const trace = parse('async', [call('s1', 'set', { data: 1 }), call('s2', 'set', { data: 2 }), ret('s2', { settled: false }), ret('s1', { settled: false })]);
    expect(judged(checkTrace(trace))).toMatchObject({ line: 4, prefix: 3, clause: 'ASYNC-3', operation: 's2' });
  });

  it('ASYNC-3: wins over a later failure the search finds, and its linearization keeps only the instants before it', () => {
    const trace = parse('async', [op('w', 'watch', { watcher: 'w' }), op('s', 'set', { data: 1, settled: false }), op('g', 'get', { watcher: 'w', data: 7 })]);
    expect(judged(checkTrace(trace))).toMatchObject({ line: 3, prefix: 4, clause: 'ASYNC-3', operation: 's', linearization: ['w:effect:0', 's:effect:1'] });
    const alone = parse('async', [op('s1', 'set', { data: 1, settled: false }), op('s2', 'set', { data: 2 })]);
    expect(judged(checkTrace(alone))).toMatchObject({ line: 2, prefix: 2, clause: 'ASYNC-3', linearization: ['s1:effect:1'] });
  });

  it('ASYNC-3: is reported even when the search runs out of budget, never unknown', () => {
    const trace = parse('async', [op('w', 'watch', { watcher: 'w' }), op('s', 'set', { data: 1, settled: false }), op('g', 'get', { watcher: 'w', data: 1 })]);
    expect(judged(checkTrace(trace, { budget: 1 }))).toMatchObject({ verdict: 'illegal', line: 3, clause: 'ASYNC-3', linearization: [] });
  });

  it('WATCH-1: at the quiescent end, the prefix is the whole trace', () => {
    const trace = parseTrace([{ trace: 'event-value', version: 1, mode: 'async' }, call('w', 'watch', { watcher: 'w' }), { event: 'end', quiescent: true }].map((line) => JSON.stringify(line)).join('\n'));
    expect(judged(checkTrace(trace))).toMatchObject({ verdict: 'illegal', line: 'end', prefix: 1, clause: 'WATCH-1', operation: undefined });
  });
});

describe('a verdict when the budget runs out', () => {
  it('is unknown, with the budget in its reason, when nothing was found illegal', () => {
    const trace = parse('async', [op('w', 'watch', { watcher: 'w' }), op('s', 'set', { data: 1 }), op('g', 'get', { watcher: 'w', data: 1 })]);
    expect(checkTrace(trace, { budget: 1 })).toEqual({ verdict: 'unknown', reason: 'the search budget of 1 instants ran out before a verdict' });
  });

  it('GET-1: is illegal when one part fails and another runs out of budget after it', () => {
    // a's part fails at once; b's needs more than what is left (two aborts in flight and a get to place among them).
    const trace = parse('async', [
      op('wa', 'watch', { watcher: 'a' }),
      op('ga', 'get', { watcher: 'a', data: 9 }),
      op('wb', 'watch', { watcher: 'b' }),
      call('x', 'abort', { signal: 'k' }),
      call('y', 'abort', { signal: 'k2' }),
      call('gb', 'get', { watcher: 'b' }),
      op('s1', 'set', { data: 1 }),
      op('s2', 'set', { data: 2 }),
      ret('x'),
      ret('y'),
      ret('gb', { data: 2 }),
    ]);
    expect(checkTrace(trace, { budget: 3 })).toMatchObject({ verdict: 'unknown' });
    expect(judged(checkTrace(trace, { budget: 5 }))).toMatchObject({ verdict: 'illegal', line: 3, clause: 'GET-1', operation: 'ga', linearization: ['wa:effect:0', 'ga:request:0'] });
  });
});

describe('the words of a verdict', () => {
  it('GET-1: data is written as JSON, as the trace holds it', () => {
    const trace = parse('async', [op('w', 'watch', { watcher: 'w' }), op('g', 'get', { watcher: 'w', data: { v: [1, 'x'] } })]);
    expect(checkTrace(trace)).toMatchObject({ clause: 'GET-1', message: `get 'g' (line 3) of watcher 'w' returned {"v":[1,"x"]}, which no set had set before it returned` });
  });

  it('CONC-1: names the pending get even when it is the trace\'s first operation, called before the watch that makes its watcher', () => {
    const trace = parse('async', [call('g1', 'get', { watcher: 'w' }), op('ww', 'watch', { watcher: 'w' }), op('g2', 'get', { watcher: 'w', error: 'TypeError' })]);
    expect(checkTrace(trace)).toMatchObject({
      line: 4,
      clause: 'CONC-1',
      message: "get 'g2' (line 4) of watcher 'w' was made while get 'g1' (line 2) was pending on that watcher, so it must be refused with ConcurrentGetError, but it rejected with TypeError",
      operation: 'g2',
    });
  });
});

describe('a failure two parts share', () => {
  it('SYNC-2: a settlement both watchers\' parts fail at is reported from the part judged first, with the abort that part reached in its linearization', () => {
    const trace = parse('sync', [
      op('wa', 'watch', { watcher: 'a' }),
      op('wb', 'watch', { watcher: 'b' }),
      call('ga', 'get', { watcher: 'a', signal: 'k' }),
      op('x', 'abort', { signal: 'k' }),
      ret('ga', { error: 'aborted' }),
      op('s1', 'set', { data: 1, settled: false }),
      { event: 'settle', id: 's1' },
    ]);
    expect(split(trace)).toHaveLength(3);
    expect(judged(checkTrace(trace))).toEqual({
      verdict: 'illegal',
      line: 8,
      prefix: 11,
      clause: 'SYNC-2',
      message: "sync set 's1' (line 7), version 1, settled before every watcher open at the set had received it or was closed",
      operation: 's1',
      linearization: ['wa:effect:0', 'wb:effect:0', 'ga:request:0', 'x:effect:0', 'ga:follow-up:0', 's1:effect:1'],
    });
  });
});

describe('a failure two parts share, explained differently', () => {
  it('GET-6: a set that neither watcher\'s part can take is explained by the part judged first, with its own waiting get', () => {
    const trace = parse('async', [
      op('wa', 'watch', { watcher: 'a' }),
      op('wb', 'watch', { watcher: 'b' }),
      call('ga', 'get', { watcher: 'a' }),
      op('ya', 'get', { watcher: 'a', error: 'ConcurrentGetError' }),
      call('gb', 'get', { watcher: 'b' }),
      op('yb', 'get', { watcher: 'b', error: 'ConcurrentGetError' }),
      op('s', 'set', { data: 1 }),
      ret('ga', { error: 'WatcherClosedError' }),
      ret('gb', { error: 'WatcherClosedError' }),
    ]);
    expect(split(trace)).toHaveLength(3);
    expect(judged(checkTrace(trace))).toMatchObject({
      verdict: 'illegal',
      line: 8,
      clause: 'GET-6',
      operation: 's',
      message: "set 's' (line 8) cannot take effect: get 'ga' (line 4) was waiting on watcher 'a', so the set would hand it version 1, but the get rejected with WatcherClosedError",
    });
  });
});

describe('the linearization of an illegal verdict', () => {
  it('GET-6: leaves out the set that fails, though another part took it at its call, so that the prefix stays one legal order', () => {
    // Set s cannot take effect in b's part: the get waiting there would receive its version, but
    // rejected with WatcherClosedError. a's part takes s at its call, before its return, where b's
    // part fails; shown in the prefix, s would have to end the get's wait.
    const trace = parse('async', [
      op('wa', 'watch', { watcher: 'a' }),
      op('wb', 'watch', { watcher: 'b' }),
      call('g', 'get', { watcher: 'b' }),
      op('y', 'get', { watcher: 'b', error: 'ConcurrentGetError' }),
      op('s', 'set', { data: 1 }),
      op('ga', 'get', { watcher: 'a', data: 1 }),
      ret('g', { error: 'WatcherClosedError' }),
    ]);
    expect(split(trace)).toHaveLength(3);
    expect(judged(checkTrace(trace))).toMatchObject({
      verdict: 'illegal',
      line: 6,
      prefix: 9,
      clause: 'GET-6',
      operation: 's',
      linearization: ['wa:effect:0', 'wb:effect:0', 'g:request:0', 'y:effect:0'],
    });
  });

  it('GET-4: in a trace that ends quiescent, a failure before the end is shown on its own path, not judged as the end', () => {
    const trace = parse('async', [
      op('w', 'watch', { watcher: 'w' }),
      op('s', 'set', { data: 1 }),
      op('g1', 'get', { watcher: 'w', data: 1 }),
      op('g2', 'get', { watcher: 'w', data: 1 }),
      { event: 'end', quiescent: true },
    ]);
    expect(judged(checkTrace(trace))).toMatchObject({ verdict: 'illegal', line: 5, clause: 'GET-4', operation: 'g2', linearization: ['w:effect:0', 's:effect:1', 'g1:effect:1', 'g2:request:1'] });
  });

  it('CLOSE-2: a close that ends the wait of a get that is operation 0 lists that get\'s follow-up after it', () => {
    const trace = parse('async', [
      call('g', 'get', { watcher: 'w' }),
      op('w', 'watch', { watcher: 'w' }),
      op('y', 'get', { watcher: 'w', error: 'ConcurrentGetError' }),
      op('c', 'close', { watcher: 'w' }),
      ret('g', { error: 'WatcherClosedError' }),
    ]);
    expect(judged(checkTrace(trace))).toMatchObject({ verdict: 'ok', linearization: ['w:effect:0', 'g:request:0', 'y:effect:0', 'c:effect:0', 'g:follow-up:0'] });
  });
});
