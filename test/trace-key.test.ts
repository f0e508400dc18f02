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
function keyAfter(events: Events, ...ids: string[]): string {
  const run = new Driver(whole('async', events));
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
  /** a received version 1 and b version 3: a is behind, b has seen the newest. */
  const aBehind = keyAfter(events, 'wa', 'wb', 's1', 'ga', 's2', 's3', 'gb');

  it('ASYNC-1, GET-5: a watcher that has seen the newest version and one that has not have different futures, and different keys', () => {
    // A next get of a would receive version 3 at its request where it has not seen it, and wait where it has.
    const bothSeen = keyAfter(events, 'wa', 'wb', 's1', 's2', 's3', 'ga', 'gb');
    expect(aBehind).not.toBe(bothSeen);
    // The same holds with two watchers whose states are swapped: which watcher is behind matters.
    const bBehind = keyAfter(events, 'wa', 'wb', 's1', 'gb', 's2', 's3', 'ga');
    expect(new Set([aBehind, bBehind, bothSeen]).size).toBe(3);
  });

  it('ASYNC-1: a cursor matters only as having seen the newest version or not, so a watcher one version behind and one two behind share a key', () => {
    // A get receives the newest version or nothing: a's next get receives version 3 whether a saw
    // version 1 or version 2, so the search may explore one of the two configurations only.
    expect(keyAfter(events, 'wa', 'wb', 's1', 's2', 'ga', 's3', 'gb')).toBe(aBehind);
  });

  it('ASYNC-1, VAL-2: the newest datum is in the key, since a get receives it, whichever set made it', () => {
    const data: Events = [op('wa', 'watch', { watcher: 'a' }), call('s1', 'set', { data: 1 }), call('s2', 'set', { data: 2 }), call('x', 'abort', { signal: 'k' }), ret('x'), ret('s1'), ret('s2')];
    // Both orders leave version 2 with a behind; a's next get receives 2 after s1 then s2, 1 after s2 then s1.
    expect(keyAfter(data, 'wa', 's1', 's2')).not.toBe(keyAfter(data, 'wa', 's2', 's1'));
  });
});
