/**
 * The search's frontier (conformance/trace/frontier.ts) moved directly, instant by instant, on
 * small timelines, with exact expectations on every `Frontier` it returns: the position, the
 * operations active there (soonest due first), the watchers whose state the future may still
 * observe, the sync-mode settlements still to check, and `blocked`. The verdicts of the other tests
 * rarely see a frontier that keeps a watcher too long or sums up one that it should not: the
 * search then only keys, cuts or orders differently, often reaching the same verdict. The lists
 * are also checked to be copied only when they change, as frontier.ts promises (most moves of the
 * frontier change neither), and the binary searches that count calls against their contract.
 */
import { describe, expect, it } from 'vitest';
import { calledBetween, countFrom, countOutstanding, type Frontier } from '../conformance/trace/frontier.js';
import { never } from '../conformance/trace/timeline.js';
import { call, Driver, type Events, op, ret, whole } from './support/trace-machine.js';

/** A frontier with operations by id and watchers by name. */
function named(run: Driver, frontier: Frontier) {
  const { operations, watcherNames } = run.timeline;
  const id = (operation: number): string => operations[operation]?.id as string;
  return {
    position: frontier.position,
    active: frontier.active.map(id),
    watchers: frontier.watchers.map((watcher) => watcherNames[watcher]),
    settles: frontier.settles.map(id),
    blocked: frontier.blocked,
  };
}

/** What `countOutstanding` adds at the driver's frontier, per watcher by name: [gets, closes]. */
function outstanding(run: Driver): Record<string, [number, number]> {
  const names = run.timeline.watcherNames;
  const gets = new Int32Array(names.length);
  const closes = new Int32Array(names.length);
  countOutstanding(run.timeline, run.machine, run.frontier, gets, closes);
  return Object.fromEntries(names.map((name, watcher) => [name, [gets[watcher] as number, closes[watcher] as number]]));
}

describe('the frontier moves past what the instants explain', () => {
  // Sync mode. s returns unsettled and settles once a and b have its version; x holds the frontier
  // at its return until it takes effect.
  const events: Events = [
    op('wa', 'watch', { watcher: 'a' }),
    op('wb', 'watch', { watcher: 'b' }),
    call('s', 'set', { data: 1 }),
    call('x', 'abort', { signal: 'k' }),
    ret('x'),
    ret('s', { settled: false }),
    call('g', 'get', { watcher: 'a' }),
    ret('g', { data: 1 }),
    { event: 'settle', id: 's' },
  ];

  it('SYNC-2: lists the operations called and not due, soonest due first, the watchers still due, the settlements still to check, and sums up an open watcher no operation of which is due any more', () => {
    const run = new Driver(whole('sync', events));
    expect(named(run, run.frontier)).toEqual({ position: 1, active: ['wa'], watchers: ['a'], settles: [], blocked: never });
    expect(named(run, run.step('wa'))).toEqual({ position: 3, active: ['wb'], watchers: ['a', 'b'], settles: [], blocked: never });
    // x is due before s though called after it. b has nothing left to do: open, made at version 0
    // with nothing received, it is in the audience of every version above 0 and will complete none.
    const atX = run.step('wb');
    expect(named(run, atX)).toEqual({ position: 6, active: ['x', 's'], watchers: ['a'], settles: ['s'], blocked: 0 });
    // s returned unsettled: its return is explained once it took effect, its settlement is checked at the settle event.
    expect(named(run, run.steps('s', 'x'))).toEqual({ position: 9, active: ['g'], watchers: ['a'], settles: ['s'], blocked: 0 });
    // b has not received version 1, so s cannot settle: the frontier stops at its settlement, past every operation of a.
    expect(named(run, run.step('g'))).toEqual({ position: 10, active: [], watchers: [], settles: ['s'], blocked: 0 });
  });

  it('copies its lists only when they change, and is itself kept when an instant explains nothing new', () => {
    const run = new Driver(whole('sync', events));
    const atX = run.steps('wa', 'wb');
    // s takes effect, but x still holds the frontier: the same frontier.
    expect(run.step('s')).toBe(atX);
    // a is due at the new position (its get returns there), and s settles after it: neither list changes.
    const atG = run.step('x');
    expect([atG.watchers, atG.settles]).toEqual([atX.watchers, atX.settles]);
    expect(atG.watchers).toBe(atX.watchers);
    expect(atG.settles).toBe(atX.settles);
    // The frontier stops at s's settlement itself: s is still to check, and the list is kept.
    expect(run.step('g').settles).toBe(atG.settles);
  });

  it('counts, per watcher, the gets that may still receive and the closes still to take effect among the operations active and not done', () => {
    const run = new Driver(whole('sync', events));
    // A watch not done is neither a get nor a close.
    expect(outstanding(run)).toEqual({ a: [0, 0], b: [0, 0] });
    run.steps('wa', 'wb', 's', 'x');
    expect(outstanding(run)).toEqual({ a: [1, 0], b: [0, 0] });
    run.step('g');
    expect(outstanding(run)).toEqual({ a: [0, 0], b: [0, 0] });
    const closing = new Driver(whole('sync', [op('wa', 'watch', { watcher: 'a' }), op('ca', 'close', { watcher: 'a' }), call('s', 'set', { data: 1 }), ret('s')]));
    closing.step('wa');
    expect(outstanding(closing)).toEqual({ a: [0, 1] });
  });
});

describe('the frontier sums up in `blocked` only the open watchers of sync mode', () => {
  it('SYNC-2, CLOSE-5: a closed watcher is in the audience of no later set, so it blocks nothing when its operations are past', () => {
    const run = new Driver(whole('sync', [op('wa', 'watch', { watcher: 'a' }), op('ca', 'close', { watcher: 'a' }), call('s', 'set', { data: 1 }), ret('s')]));
    run.step('wa');
    expect(named(run, run.step('ca'))).toEqual({ position: 5, active: ['s'], watchers: [], settles: ['s'], blocked: never });
  });

  it('ASYNC-3: in async mode no watcher owes a version, so one whose operations are past is dropped and blocks nothing', () => {
    const run = new Driver(whole('async', [op('wa', 'watch', { watcher: 'a' }), call('s', 'set', { data: 1 }), ret('s')]));
    expect(named(run, run.step('wa'))).toEqual({ position: 3, active: ['s'], watchers: [], settles: [], blocked: never });
  });
});

describe('the frontier checks the settlement of a sync set that never settled only at a quiescent end', () => {
  // s never returns; t returns settled.
  const events: Events = [op('wa', 'watch', { watcher: 'a' }), call('s', 'set', { data: 1 }), call('t', 'set', { data: 2 }), ret('t')];

  it('SYNC-2: a recording that may have stopped at any moment holds nothing pending against the implementation: s is not checked', () => {
    const run = new Driver(whole('sync', events));
    expect(named(run, run.step('wa'))).toEqual({ position: 4, active: ['t', 's'], watchers: [], settles: ['t'], blocked: 0 });
  });

  it('SYNC-2: at a quiescent end a set that never settled must still wait for its audience: s is checked there', () => {
    const run = new Driver(whole('sync', [...events, { event: 'end', quiescent: true }]));
    expect(named(run, run.step('wa'))).toEqual({ position: 4, active: ['t', 's'], watchers: [], settles: ['s', 't'], blocked: 0 });
  });
});

describe('the counts of calls by position', () => {
  const calls = [2, 5, 5, 9];

  it('countFrom counts the ascending positions at or after a position, including one equal to it', () => {
    expect(Array.from({ length: 11 }, (_, position) => countFrom(calls, position))).toEqual([4, 4, 4, 3, 3, 3, 1, 1, 1, 1, 0]);
    expect(countFrom([], 3)).toBe(0);
  });

  it('calledBetween counts the calls at or after `from` and before `due`', () => {
    expect([calledBetween(calls, 0, 11), calledBetween(calls, 2, 9), calledBetween(calls, 3, 5), calledBetween(calls, 3, 6), calledBetween(calls, 9, 9)]).toEqual([4, 3, 0, 2, 0]);
  });
});
