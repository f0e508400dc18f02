/**
 * The trace checker's state machine (conformance/trace/machine.ts) driven directly, instant by
 * instant, on small timelines compiled from parsed traces the way the checker compiles them. The
 * search refuses a wrong configuration sooner or later through the frontier or the prune, so its
 * verdicts cannot tell whether the machine itself refuses an instant that contradicts the trace's
 * recorded outcome; these tests can: each instant's result, and the exact state it leaves (every
 * operation's progress, ending and version, every watcher's fields, the waiting list, the
 * audiences), are pinned, and a refused instant must leave the state as it was.
 */
import { describe, expect, it } from 'vitest';
import { Ending, Progress } from '../conformance/trace/machine.js';
import type { Timeline } from '../conformance/trace/timeline.js';
import { call, Driver, op, ret, timelines, whole } from './support/trace-machine.js';

describe('the trace machine refuses an instant that contradicts the recorded outcome', () => {
  it('WATCH-1: a get or a close of a watcher no watch has made yet is refused', () => {
    const run = new Driver(whole('async', [call('w', 'watch', { watcher: 'w' }), op('g', 'get', { watcher: 'w', data: 1 }), op('c', 'close', { watcher: 'w' }), ret('w')]));
    run.refused(() => run.effect('g'));
    run.refused(() => run.effect('c'));
    expect([run.operation('g'), run.operation('c')]).toEqual([
      [Progress.none, Ending.none, 0],
      [Progress.none, Ending.none, 0],
    ]);
  });

  it('GET-5, GET-1: a get cannot receive the version at hand when it returned other data or an error', () => {
    const run = new Driver(
      whole('async', [op('s', 'set', { data: 1 }), op('w', 'watch', { watcher: 'w' }), op('g2', 'get', { watcher: 'w', data: 2 }), op('gc', 'get', { watcher: 'w', error: 'WatcherClosedError' }), op('g1', 'get', { watcher: 'w', data: 1 })]),
    );
    run.effects('s', 'w');
    expect(run.machine.available(run.watcher('w'))).toBe(1);
    run.refused(() => run.effect('g2'));
    run.refused(() => run.effect('gc'));
    expect(run.effect('g1')).toBe(true);
    expect(run.operation('g1')).toEqual([Progress.done, Ending.receivedAtRequest, 1]);
  });

  it('CONC-1, ERR-1, ABORT-1: a get with nothing at hand cannot wait when what it returned is something no follow-up gives', () => {
    const run = new Driver(
      whole('async', [
        op('w', 'watch', { watcher: 'w' }),
        op('gc', 'get', { watcher: 'w', error: 'ConcurrentGetError' }),
        op('ge', 'get', { watcher: 'w', error: 'TypeError' }),
        op('ga', 'get', { watcher: 'w', error: 'aborted' }),
        call('gx', 'get', { watcher: 'w', signal: 'x' }),
        op('x', 'abort', { signal: 'x' }),
        ret('gx', { error: 'aborted' }),
      ]),
    );
    run.effects('w');
    // A refusal with ConcurrentGetError or an unknown error ends a get at its request only; an
    // abort ends a wait only through a signal, and this get had none.
    run.refused(() => run.effect('gc'));
    run.refused(() => run.effect('ge'));
    run.refused(() => run.effect('ga'));
    // The same outcome with a signal may wait for its abort.
    expect(run.effect('gx')).toBe(true);
    expect(run.waiting()).toEqual(['gx']);
  });

  it('CLOSE-3, CONC-1, ABORT-3: a get answered at its request must have returned that answer', () => {
    // Two watchers, and a set that never returned, so that the history is judged whole.
    const run = new Driver(
      whole('async', [
        op('w', 'watch', { watcher: 'w' }),
        call('g', 'get', { watcher: 'w' }),
        op('gd', 'get', { watcher: 'w', data: 1 }),
        op('x', 'abort', { signal: 'x' }),
        op('v', 'watch', { watcher: 'v' }),
        op('gv', 'get', { watcher: 'v', signal: 'x', data: 1 }),
        op('c', 'close', { watcher: 'w' }),
        op('gw', 'get', { watcher: 'w', data: 1 }),
        ret('g', { error: 'WatcherClosedError' }),
        call('s', 'set', { data: 1 }),
      ]),
    );
    run.effects('w', 'g');
    // Another get waits: the request is refused with ConcurrentGetError, not answered with data.
    run.refused(() => run.effect('gd'));
    run.effects('x', 'v');
    // The signal is aborted: the request rejects with it.
    run.refused(() => run.effect('gv'));
    run.effects('c');
    // The watcher is closed: the request rejects with WatcherClosedError.
    run.refused(() => run.effect('gw'));
  });

  it('GET-6: a set is refused while a waiting get returned other data, and then hands its version to the get that did', () => {
    const run = new Driver(whole('async', [op('w', 'watch', { watcher: 'w' }), call('g', 'get', { watcher: 'w' }), op('s1', 'set', { data: 1 }), op('s2', 'set', { data: 2 }), ret('g', { data: 2 })]));
    run.effects('w', 'g');
    expect(run.waiting()).toEqual(['g']);
    expect(run.machine.blockingSet(run.datum('s1'))).toBe(run.number('g'));
    expect(run.machine.blockingSet(run.datum('s2'))).toBe(-1);
    run.refused(() => run.effect('s1'));
    expect(run.effect('s2')).toBe(true);
    expect([run.operation('s2'), run.operation('g'), run.waiting(), run.machine.cursor(run.watcher('w'))]).toEqual([[Progress.done, Ending.none, 1], [Progress.done, Ending.receivedFromSet, 1], [], 1]);
  });

  it('CLOSE-2: a close is refused while a get that returned data waits on its watcher', () => {
    const run = new Driver(whole('async', [op('w', 'watch', { watcher: 'w' }), call('g', 'get', { watcher: 'w' }), op('c', 'close', { watcher: 'w' }), op('s', 'set', { data: 1 }), ret('g', { data: 1 })]));
    run.effects('w', 'g');
    run.refused(() => run.effect('c'));
    expect([run.machine.closed(run.watcher('w')), run.waiting()]).toEqual([false, ['g']]);
  });

  it('ABORT-1: the abort of its signal cannot end the wait of a get that returned data', () => {
    const run = new Driver(whole('async', [op('w', 'watch', { watcher: 'w' }), call('g', 'get', { watcher: 'w', signal: 'x' }), op('x', 'abort', { signal: 'x' }), op('s', 'set', { data: 1 }), ret('g', { data: 1 })]));
    run.effects('w', 'g', 'x');
    expect(run.machine.canAbort(run.number('g'))).toBe(true);
    run.refused(() => run.machine.abortWait(run.number('g')));
    expect(run.effect('s')).toBe(true);
    expect(run.operation('g')).toEqual([Progress.done, Ending.receivedFromSet, 1]);
  });
});

describe('the trace machine counts audiences in sync mode only', () => {
  it('ASYNC-3: in async mode no watcher owes a version, whether it receives it from a set, at its request, or is closed before it', () => {
    const run = new Driver(
      whole('async', [
        op('w', 'watch', { watcher: 'w' }),
        call('g1', 'get', { watcher: 'w' }),
        op('s1', 'set', { data: 1 }),
        ret('g1', { data: 1 }),
        op('s2', 'set', { data: 2 }),
        op('g2', 'get', { watcher: 'w', data: 2 }),
        op('s3', 'set', { data: 3 }),
        op('c', 'close', { watcher: 'w' }),
      ]),
    );
    // The search asks about audiences in sync mode only; the machine must not count them in async
    // mode either, where every set settles at once.
    const complete = (): boolean[] => [1, 2, 3].map((number) => run.machine.audienceComplete(number));
    run.effects('w', 'g1', 's1');
    expect([run.operation('g1'), complete()]).toEqual([[Progress.done, Ending.receivedFromSet, 1], [true, true, true]]);
    run.effects('s2', 'g2');
    expect([run.operation('g2'), complete()]).toEqual([[Progress.done, Ending.receivedAtRequest, 2], [true, true, true]]);
    // The watcher closes owing version 3 in sync-mode terms: async mode has no such debt.
    run.effects('s3', 'c');
    expect([run.machine.cursor(run.watcher('w')), run.machine.closedAt(run.watcher('w')), complete()]).toEqual([2, 3, [true, true, true]]);
  });

  it('SYNC-2, CLOSE-5: in sync mode a version is owed by every watcher open at its set until it receives it or closes', () => {
    const run = new Driver(
      whole('sync', [
        op('wa', 'watch', { watcher: 'a' }),
        op('wb', 'watch', { watcher: 'b' }),
        op('s1', 'set', { data: 1, settled: false }),
        call('s2', 'set', { thread: 'p', data: 2 }),
        op('ga', 'get', { watcher: 'a', data: 1 }),
        op('ca', 'close', { watcher: 'a' }),
        op('cb', 'close', { watcher: 'b' }),
        ret('s2'),
      ]),
    );
    const complete = (): boolean[] => [1, 2].map((number) => run.machine.audienceComplete(number));
    run.effects('wa', 'wb', 's1', 's2', 'ga');
    expect([run.machine.cursor(run.watcher('a')), complete()]).toEqual([1, [false, false]]);
    // Closing a settles version 2, which it never received; b still owes both.
    run.effects('ca');
    expect([run.machine.closedAt(run.watcher('a')), complete()]).toEqual([2, [false, false]]);
    run.effects('cb');
    expect(complete()).toEqual([true, true]);
  });
});

describe('the trace machine over a later part of a split history', () => {
  // Three sets before watcher b's first call: b's part starts with the third (whose data b's first
  // get could receive), so its first set makes version 3.
  it('VAL-2: versions are numbered from the part\'s first set on, and versions before it have no set in the part', () => {
    const parts = timelines('async', [
      op('s1', 'set', { data: 1 }),
      op('wa', 'watch', { watcher: 'a' }),
      op('s2', 'set', { data: 2 }),
      op('s3', 'set', { data: 3 }),
      op('wb', 'watch', { watcher: 'b' }),
      op('s4', 'set', { data: 4 }),
      op('gb', 'get', { watcher: 'b', data: 4 }),
      op('ga', 'get', { watcher: 'a', data: 4 }),
    ]);
    const part = parts.find((timeline) => timeline.firstVersion > 1) as Timeline;
    expect([part.firstVersion, part.operations.map((operation) => operation.id)]).toEqual([3, ['s3', 'wb', 's4', 'gb']]);
    const run = new Driver(part);
    // Versions 1 and 2 come before the part's first set; 3 and 4 are not made yet.
    expect([run.machine.version, run.machine.setOf(1), run.machine.setOf(2), run.machine.setOf(3), run.machine.setOf(4)]).toEqual([2, -1, -1, -1, -1]);
    run.effects('s3', 'wb');
    // GET-2: b was made at version 3, so its first get may receive 3; it returned 4, so s4 first.
    expect([run.machine.madeAt(run.watcher('b')), run.machine.cursor(run.watcher('b')), run.machine.setOf(3), run.operation('s3')]).toEqual([3, 2, run.number('s3'), [Progress.done, Ending.none, 3]]);
    run.refused(() => run.effect('gb'));
    run.effects('s4', 'gb');
    expect([run.machine.setOf(4), run.operation('gb'), run.machine.setOf(1), run.machine.setOf(2)]).toEqual([run.number('s4'), [Progress.done, Ending.receivedAtRequest, 4], -1, -1]);
  });
});

describe('the trace machine undoes exactly', () => {
  it('restores every state it passed through, after more writes than its first undo log holds', () => {
    // A set and a get of a sync watcher write a dozen entries together: a hundred of each outgrow
    // the first log of 1,024 writes, so the log must grow, keeping what it holds.
    const events: Record<string, unknown>[] = [op('w', 'watch', { watcher: 'w' })];
    for (let data = 1; data <= 100; data++) events.push(op(`s${data}`, 'set', { data, settled: false }), op(`g${data}`, 'get', { watcher: 'w', data }));
    const run = new Driver(whole('sync', events));
    const passed: { mark: number; state: Record<string, unknown> }[] = [];
    for (const operation of run.timeline.operations) {
      passed.push({ mark: run.machine.mark(), state: run.state() });
      expect(run.effect(operation.id)).toBe(true);
    }
    expect(run.machine.mark()).toBeGreaterThan(3 * 1024);
    expect([run.machine.version, run.machine.cursor(run.watcher('w')), run.machine.audienceComplete(100)]).toEqual([100, 100, true]);
    for (const { mark, state } of passed.reverse()) {
      run.machine.undo(mark);
      expect(run.state()).toEqual(state);
    }
    // Undone, no set has made any version: each has no set (-1, as a version before the
    // timeline's first set), and nothing is owed.
    expect([run.machine.version, run.machine.setOf(1), run.machine.setOf(100), run.machine.audienceComplete(1), run.machine.mark()]).toEqual([0, -1, -1, true, 0]);
    // After a full undo the machine runs the same path again to the same end.
    run.effects(...run.timeline.operations.map((operation) => operation.id));
    expect([run.machine.version, run.machine.cursor(run.watcher('w')), run.machine.setOf(100)]).toEqual([100, 100, run.number('s100')]);
  });
});

describe('the trace machine with a get as operation 0', () => {
  // The parser does not ask that a get's watcher was made before the get was called, and operations
  // are numbered by their calls: a trace may call a get first, so a get can be operation 0, and so
  // the first in the waiting list, the last, or the one before or after the get that ends.
  it('GET-6: a set is refused while operation 0 waits having returned other data, and hands its version to it otherwise', () => {
    const run = new Driver(whole('async', [call('g', 'get', { watcher: 'w' }), op('w', 'watch', { watcher: 'w' }), op('s1', 'set', { data: 1 }), op('s2', 'set', { data: 2 }), ret('g', { data: 2 })]));
    expect(run.number('g')).toBe(0);
    run.effects('w', 'g');
    expect(run.waiting()).toEqual(['g']);
    expect(run.machine.blockingSet(run.datum('s1'))).toBe(0);
    run.refused(() => run.effect('s1'));
    expect(run.effect('s2')).toBe(true);
    expect([run.operation('g'), run.waiting(), run.machine.waitingGet(run.watcher('w')), run.machine.cursor(run.watcher('w'))]).toEqual([[Progress.done, Ending.receivedFromSet, 1], [], -1, 1]);
  });

  it('CLOSE-2: a close ends the wait of operation 0, and is refused when it returned data', () => {
    const closing = (outcome: Record<string, unknown>): Driver => {
      const run = new Driver(whole('async', [call('g', 'get', { watcher: 'w' }), op('w', 'watch', { watcher: 'w' }), op('c', 'close', { watcher: 'w' }), ret('g', outcome)]));
      run.effects('w', 'g');
      return run;
    };
    const refused = closing({ data: 1 });
    refused.refused(() => refused.effect('c'));
    const run = closing({ error: 'WatcherClosedError' });
    expect(run.effect('c')).toBe(true);
    expect([run.operation('g'), run.waiting(), run.machine.waitingGet(run.watcher('w')), run.machine.closed(run.watcher('w'))]).toEqual([[Progress.done, Ending.closedWhileWaiting, 0], [], -1, true]);
  });

  it('CONC-1: a get is refused while operation 0 waits on its watcher', () => {
    const run = new Driver(whole('async', [call('g', 'get', { watcher: 'w' }), op('w', 'watch', { watcher: 'w' }), op('x', 'get', { watcher: 'w', error: 'ConcurrentGetError' })]));
    run.effects('w', 'g');
    expect(run.effect('x')).toBe(true);
    expect([run.operation('x'), run.waiting()]).toEqual([[Progress.done, Ending.concurrent, 0], ['g']]);
  });

  // Two watchers whose gets both wait, with a set that never returned, so the history is judged whole.
  const two = (first: 'g' | 'h'): Driver => {
    const run = new Driver(
      whole('async', [
        call('g', 'get', { watcher: 'a' }),
        op('wa', 'watch', { watcher: 'a' }),
        op('wb', 'watch', { watcher: 'b' }),
        call('h', 'get', { watcher: 'b' }),
        op('cb', 'close', { watcher: 'b' }),
        op('ca', 'close', { watcher: 'a' }),
        ret('g', { error: 'WatcherClosedError' }),
        ret('h', { error: 'WatcherClosedError' }),
        call('s', 'set', { data: 1 }),
      ]),
    );
    run.effects('wa', 'wb', first, first === 'g' ? 'h' : 'g');
    return run;
  };

  it('GET-6, CLOSE-2: a get waiting after operation 0 is listed after it, and ending it leaves operation 0 first and last', () => {
    const run = two('g');
    expect(run.waiting()).toEqual(['g', 'h']);
    run.effects('cb');
    expect([run.waiting(), run.operation('h')]).toEqual([['g'], [Progress.done, Ending.closedWhileWaiting, 0]]);
    run.effects('ca');
    expect(run.waiting()).toEqual([]);
  });

  it('GET-6, CLOSE-2: a get waiting before operation 0 ends, and operation 0 is then alone in the list, so that ending it empties it', () => {
    const run = two('h');
    expect(run.waiting()).toEqual(['h', 'g']);
    run.effects('cb');
    expect(run.waiting()).toEqual(['g']);
    run.effects('ca');
    expect([run.waiting(), run.operation('g')]).toEqual([[], [Progress.done, Ending.closedWhileWaiting, 0]]);
  });
});
