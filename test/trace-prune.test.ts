/**
 * The search's cuts for sync mode (conformance/trace/prune.ts) asked directly, configuration by
 * configuration along one path of instants. A cut must never fire on a configuration that some
 * continuation completes: the search would then judge a legal history illegal. The verdicts of
 * the other tests cannot always see a cut that is too eager, when another order of instants gets
 * past it; these tests ask `doomedBy` about each configuration of a legal path, and of a path that
 * is doomed, with the exact position it names. (How much the cuts save is pinned by
 * test/trace-effort/.)
 */
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../conformance/trace/check.js';
import { doomedBy } from '../conformance/trace/prune.js';
import { call, Driver, type Events, op, ret, trace, whole } from './support/trace-machine.js';

/**
 * Takes the primary instants of the operations in order, moving the frontier as the search does,
 * and gives what `doomedBy` says of each configuration reached (with the first exploration's limit:
 * every position and the quiescent end may be cut).
 */
function doomedAlong(run: Driver, ids: readonly string[]): number[] {
  return ids.map((id) => doomedBy(run.timeline, run.machine, run.step(id), run.timeline.positionType.length + 1));
}

describe('the sync-mode cuts never doom a configuration some continuation completes', () => {
  it('GET-2, SYNC-1: a watcher not made yet is not judged by the versions set before its watch', () => {
    // The watch may take effect after s2, so that its first get receives version 2.
    const events: Events = [op('s1', 'set', { data: 1 }), call('w', 'watch', { watcher: 'w' }), op('s2', 'set', { data: 2 }), ret('w'), op('g', 'get', { watcher: 'w', data: 2 })];
    expect(checkTrace(trace('sync', events)).verdict).toBe('ok');
    expect(doomedAlong(new Driver(whole('sync', events)), ['s1', 's2', 'w', 'g'])).toEqual([-1, -1, -1, -1]);
    // Made between the sets, the watcher is in the audience of s2, whose return (position 4)
    // comes before any get of it: that path is doomed.
    expect(doomedAlong(new Driver(whole('sync', events)), ['s1', 'w'])).toEqual([-1, 4]);
  });

  it('SYNC-1: a watcher with a get that never returned is not judged by its next version: that get may have received it', () => {
    // g, called after s1 and never returned, receives version 1 at its request; g2 then receives 2.
    const events: Events = [
      op('w', 'watch', { watcher: 'w' }),
      op('s1', 'set', { data: 1, settled: false }),
      call('g', 'get', { watcher: 'w' }),
      op('s2', 'set', { data: 2, settled: false }),
      op('g2', 'get', { watcher: 'w', data: 2 }),
    ];
    expect(checkTrace(trace('sync', events)).verdict).toBe('ok');
    const run = new Driver(whole('sync', events));
    expect(doomedAlong(run, ['w', 's1', 'g', 's2', 'g2'])).toEqual([-1, -1, -1, -1, -1]);
    expect(run.machine.versionOf(run.number('g'))).toBe(1);
  });
});

describe('the sync-mode cuts name the position by which a doomed configuration fails', () => {
  it("SYNC-1: a watcher's next versions not covered by its gets fail by the return that would have to receive the first one not covered", () => {
    // w's next versions are 1 and 2. Its gets still to return data are ga (called, returning 1 at
    // position 11) and gb (called after the frontier, returning data nobody set at position 10).
    // Once both have returned they have received versions 1 and 2, and neither returned 2: the
    // configuration fails by the second of their returns, position 11, not the first. (s3 is not
    // atomic, so the trace is judged whole; its return, position 8, is where the frontier stops.)
    const events: Events = [
      op('w', 'watch', { watcher: 'w' }),
      op('s1', 'set', { data: 1, settled: false }),
      op('s2', 'set', { data: 2, settled: false }),
      call('ga', 'get', { watcher: 'w' }),
      call('s3', 'set', { data: 3 }),
      ret('s3', { settled: false }),
      call('gb', 'get', { watcher: 'w' }),
      ret('gb', { data: 9 }),
      ret('ga', { data: 1 }),
    ];
    const run = new Driver(whole('sync', events));
    const frontier = run.steps('w', 's1', 's2');
    expect(frontier.position).toBe(8);
    expect(doomedBy(run.timeline, run.machine, frontier, run.timeline.positionType.length + 1)).toBe(11);
  });

  it('SYNC-1: when the next version itself is not covered, the position is the earliest return of all the gets still to return data, not of the first called', () => {
    // w's next version is 1, and its gets still to return data, g1 and g2 (both called after the
    // frontier, which the abort x holds at its return, position 5), both return 2: whichever
    // returns first cannot be explained. g2, called second, returns first (position 9).
    const events: Events = [
      op('w', 'watch', { watcher: 'w' }),
      op('s1', 'set', { data: 1, settled: false }),
      call('x', 'abort', { signal: 'k' }),
      ret('x'),
      call('s2', 'set', { data: 2 }),
      call('g1', 'get', { watcher: 'w' }),
      call('g2', 'get', { watcher: 'w' }),
      ret('g2', { data: 2 }),
      ret('g1', { data: 2 }),
    ];
    const run = new Driver(whole('sync', events));
    const frontier = run.steps('w', 's1');
    expect(frontier.position).toBe(5);
    expect(doomedBy(run.timeline, run.machine, frontier, run.timeline.positionType.length + 1)).toBe(9);
  });
});
