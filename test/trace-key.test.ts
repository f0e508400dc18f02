/**
 * The keys of the search's configurations (conformance/trace/key.ts), asked directly of
 * configurations reached by different orders of instants on one timeline. The search explores
 * each key once, so a key must tell apart every two configurations whose futures differ (a key
 * too coarse merges them, and a legal history can be judged illegal), and should merge those
 * whose futures are the same (a key too fine only slows the search). The verdicts of the other
 * tests see a key too coarse only when the configuration merged away was the only way to a
 * linearization; these tests compare the keys themselves.
 */
import { describe, expect, it } from 'vitest';
import { Keys } from '../conformance/trace/key.js';
import { call, Driver, type Events, op, ret, whole } from './support/trace-machine.js';

/** The key of the configuration that the primary instants of `ids`, in order, reach on the timeline. */
function keyAfter(mode: 'async' | 'sync', events: Events, ...ids: string[]): string {
  const run = new Driver(whole(mode, events));
  run.steps(...ids);
  return new Keys(run.timeline, run.machine).key(run.frontier);
}

describe('the async-mode key', () => {
  // Watchers a and b, three sets of the same datum and a get of each watcher, all called before
  // the frontier, which the abort x (never taken below) holds at its return: every configuration
  // below has every operation but x done, version 3 and datum 1, and differs from the others only
  // in which versions the gets received.
  const events: Events = [
    op('wa', 'watch', { watcher: 'a' }),
    op('wb', 'watch', { watcher: 'b' }),
    call('s1', 'set', { data: 1 }),
    call('s2', 'set', { data: 1 }),
    call('s3', 'set', { data: 1 }),
    call('ga', 'get', { watcher: 'a' }),
    call('gb', 'get', { watcher: 'b' }),
    call('x', 'abort', { signal: 'k' }),
    ret('x'),
    ret('ga', { data: 1 }),
    ret('gb', { data: 1 }),
    ret('s1'),
    ret('s2'),
    ret('s3'),
  ];
  /**
   * a received version 1 and b version 3: a is behind, b has seen the newest. A function, not a
   * constant, so that nothing of the checker runs while the file is collected: Stryker could not
   * tell which test covers code run then, and would run every test for each of its mutants.
   */
  const aBehind = (): string => keyAfter('async', events, 'wa', 'wb', 's1', 'ga', 's2', 's3', 'gb');

  it('ASYNC-1, GET-5: a watcher that has seen the newest version and one that has not have different futures, and different keys', () => {
    // A next get of a would receive version 3 at its request where it has not seen it, and wait where it has.
    const bothSeen = keyAfter('async', events, 'wa', 'wb', 's1', 's2', 's3', 'ga', 'gb');
    expect(aBehind()).not.toBe(bothSeen);
    // The same holds with two watchers whose states are swapped: which watcher is behind matters.
    const bBehind = keyAfter('async', events, 'wa', 'wb', 's1', 'gb', 's2', 's3', 'ga');
    expect(new Set([aBehind(), bBehind, bothSeen]).size).toBe(3);
  });

  it('ASYNC-1: a cursor matters only as having seen the newest version or not, so a watcher one version behind and one two behind share a key', () => {
    // A get receives the newest version or nothing: a's next get receives version 3 whether a saw
    // version 1 or version 2, so the search may explore one of the two configurations only.
    expect(keyAfter('async', events, 'wa', 'wb', 's1', 's2', 'ga', 's3', 'gb')).toBe(aBehind());
  });

  it('ASYNC-1, VAL-2: the newest datum is in the key, since a get receives it, whichever set made it', () => {
    const data: Events = [op('wa', 'watch', { watcher: 'a' }), call('s1', 'set', { data: 1 }), call('s2', 'set', { data: 2 }), call('x', 'abort', { signal: 'k' }), ret('x'), ret('s1'), ret('s2')];
    // Both orders leave version 2 with a behind; a's next get receives 2 after s1 then s2, 1 after s2 then s1.
    expect(keyAfter('async', data, 'wa', 's1', 's2')).not.toBe(keyAfter('async', data, 'wa', 's2', 's1'));
  });
});

describe('the sync-mode key', () => {
  it('SYNC-1: a watcher receives its log in order, so the data of its next versions are in the key, as many as it has gets left', () => {
    // a has one get left; three sets that never return (so never settle, and are never checked),
    // and the abort x holding the frontier.
    const events: Events = [
      op('wa', 'watch', { watcher: 'a' }),
      call('s1', 'set', { data: 1 }),
      call('s2', 'set', { data: 2 }),
      call('s3', 'set', { data: 3 }),
      call('g', 'get', { watcher: 'a' }),
      call('x', 'abort', { signal: 'k' }),
      ret('x'),
      ret('g', { data: 1 }),
    ];
    const first = keyAfter('sync', events, 'wa', 's1', 's2', 's3');
    // g receives version 1 whatever follows it in the log: the orders meet in one key.
    expect(keyAfter('sync', events, 'wa', 's1', 's3', 's2')).toBe(first);
    // Another datum first, and g would receive it.
    expect(keyAfter('sync', events, 'wa', 's2', 's1', 's3')).not.toBe(first);
  });

  it('SYNC-2, CLOSE-5: a settlement that a close can still complete keys apart from one no watcher can complete', () => {
    // t and s set the same datum; t never returns. a will be closed (ca1 is in flight, ca2 still
    // to come); b has one get left, and no close. In one order s makes version 1, which b's get can
    // receive, so s can settle; in the other s makes version 2, which b can never receive, so it
    // never settles. Every watcher's view is the same in both: only the settlement tells them apart.
    const events: Events = [
      op('wa', 'watch', { watcher: 'a' }),
      op('wb', 'watch', { watcher: 'b' }),
      call('t', 'set', { data: 1 }),
      call('s', 'set', { data: 1 }),
      call('ca1', 'close', { watcher: 'a' }),
      call('gb', 'get', { watcher: 'b' }),
      call('x', 'abort', { signal: 'k' }),
      ret('x'),
      ret('s', { settled: false }),
      call('ca2', 'close', { watcher: 'a' }),
      ret('ca1'),
      ret('ca2'),
      ret('gb', { data: 1 }),
      { event: 'settle', id: 's' },
    ];
    expect(keyAfter('sync', events, 'wa', 'wb', 's', 't')).not.toBe(keyAfter('sync', events, 'wa', 'wb', 't', 's'));
  });

  it('SYNC-2: the versions of the settlements still to check are told apart however many digits they have', () => {
    // A and B return unsettled; ten more sets of the same datum never return. a has twelve gets,
    // and A must settle after a's first get, B after the last. Made first, A is version 1 (a's
    // first get gives it, so A can settle); made eleventh, it cannot. The versions (1, 12) and
    // (11, 2) must not read alike.
    const fillers = Array.from({ length: 10 }, (_, index) => `f${index + 1}`);
    const gets = Array.from({ length: 12 }, (_, index) => op(`g${index + 1}`, 'get', { watcher: 'a', data: 1 }));
    const events: Events = [
      op('wa', 'watch', { watcher: 'a' }),
      call('A', 'set', { data: 1 }),
      call('B', 'set', { data: 1 }),
      ...fillers.map((id) => call(id, 'set', { data: 1 })),
      call('x', 'abort', { signal: 'k' }),
      ret('x'),
      ret('A', { settled: false }),
      ret('B', { settled: false }),
      ...gets.slice(0, 1),
      { event: 'settle', id: 'A' },
      ...gets.slice(1),
      { event: 'settle', id: 'B' },
    ];
    const aFirst = keyAfter('sync', events, 'wa', 'A', ...fillers, 'B');
    const aEleventh = keyAfter('sync', events, 'wa', ...([fillers[0], 'B', ...fillers.slice(1, 9), 'A', fillers[9]] as string[]));
    expect(aFirst).not.toBe(aEleventh);
  });
});
