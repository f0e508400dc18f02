/**
 * Why the trace checker calls a history illegal, message by message: for each way
 * conformance/trace/explain.ts explains a violation (each `return { clause, message }` of
 * `Explainer`, reached through `checkTrace`) and each violation conformance/trace/check.ts finds
 * itself (`staticFailure`, the `linearizability` fallback, the note added when the search could not
 * afford the exact line), the smallest trace found that reaches it, with the exact clause, message,
 * line and operation of the verdict. test/trace-checker.test.ts judges whole verdicts; this file
 * pins every message, so that emptying one, or taking the wrong branch to it, fails a test.
 *
 * One branch of explain.ts has no test, because no trace found reaches it through `checkTrace`:
 * the ABORT-1 of `pendingAtEnd` for a get still waiting at a quiescent end with its signal aborted.
 * The follow-up ending that wait leads to a configuration with as many violations (the ABORT-1 of
 * an ended wait), judged before the one it leaves. (A helper searched 100,000 small random traces
 * at budgets 1 to 120 for it, and for the ABORT-1 that `outcomeContradicts` once gave a get whose
 * signal had an abort called before it returned; that one is gone, since an exact search can always
 * take such an abort in time.)
 *
 * Every trace is built inside its test, not while the file is collected: Stryker counts code run at
 * collection as static, and runs every test for each of its mutants.
 */
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';

type Mode = 'async' | 'sync';
type Event = Readonly<Record<string, unknown>>;
type Events = readonly Event[];

/** An operation recorded as one event: its call and its return. */
function op(id: string, kind: string, fields: Record<string, unknown> = {}): Event {
  return { event: 'op', id, op: kind, ...fields };
}

/** The call of an operation whose return, if any, is a later event. */
function call(id: string, kind: string, fields: Record<string, unknown> = {}): Event {
  return { event: 'call', id, op: kind, ...fields };
}

/** The return of an operation called earlier. */
function ret(id: string, fields: Record<string, unknown> = {}): Event {
  return { event: 'return', id, ...fields };
}

/** The settlement of a sync set that returned unsettled. */
function settle(id: string): Event {
  return { event: 'settle', id };
}

/** The quiescent end marker. */
function end(): Event {
  return { event: 'end', quiescent: true };
}

/** A watch of watcher `w`, the operation named after the watcher. */
function watch(): Event {
  return op('w', 'watch', { watcher: 'w' });
}

/** What the checker says of a trace: for an illegal one, its clause, message, line and operation. */
function explained(mode: Mode, events: Events, budget?: number): Record<string, unknown> {
  const text = [{ trace: 'event-value', version: 1, mode }, ...events].map((event) => JSON.stringify(event)).join('\n');
  const verdict = checkTrace(parseTrace(text), budget === undefined ? {} : { budget });
  if (verdict.verdict !== 'illegal') return { verdict: verdict.verdict };
  return { clause: verdict.clause, message: verdict.message, line: verdict.line, operation: verdict.operation };
}

/** The clause, message, line and operation of an illegal verdict. */
interface Explanation {
  readonly clause: string;
  readonly message: string;
  readonly line: number | 'end';
  readonly operation: string | undefined;
}

type Case = readonly [name: string, mode: Mode, events: () => Events, expected: Explanation];

describe('the explanation of the first return or settlement that no order of instants explains', () => {
  const cases: readonly Case[] = [
    [
      'SYNC-2: a sync set whose settle event comes before its one watcher received its version settled too early.',
      'sync',
      () => [watch(), op('s', 'set', { data: 1, settled: false }), settle('s')],
      { clause: 'SYNC-2', message: "sync set 's' (line 3), version 1, settled before every watcher open at the set had received it or was closed", line: 4, operation: 's' },
    ],
    [
      'SYNC-2: a sync set that returns settled before its one watcher received its version settled too early.',
      'sync',
      () => [watch(), op('s', 'set', { data: 1 })],
      { clause: 'SYNC-2', message: "sync set 's' (line 3), version 1, settled before every watcher open at the set had received it or was closed", line: 3, operation: 's' },
    ],
    [
      'WATCH-1: a get on a watcher that no watch made cannot make its request.',
      'async',
      () => [op('g', 'get', { watcher: 'w', error: 'WatcherClosedError' })],
      { clause: 'WATCH-1', message: "get 'g' (line 2) of watcher 'w': no watch had made that watcher", line: 2, operation: 'g' },
    ],
    [
      'CLOSE-3: a get made on a closed watcher that is refused as concurrent should have rejected with WatcherClosedError.',
      'async',
      () => [watch(), op('c', 'close', { watcher: 'w' }), op('g', 'get', { watcher: 'w', error: 'ConcurrentGetError' })],
      { clause: 'CLOSE-3', message: "get 'g' (line 4) of watcher 'w' was made on a closed watcher, so it must reject at once with WatcherClosedError, but it rejected with ConcurrentGetError", line: 4, operation: 'g' },
    ],
    [
      'CONC-1: a get made while another get of its watcher waits, which rejects with WatcherClosedError, should have been refused as concurrent.',
      'async',
      () => [watch(), call('g1', 'get', { watcher: 'w' }), op('g2', 'get', { watcher: 'w', error: 'WatcherClosedError' })],
      { clause: 'CONC-1', message: "get 'g2' (line 4) of watcher 'w' was made while get 'g1' (line 3) was pending on that watcher, so it must be refused with ConcurrentGetError, but it rejected with WatcherClosedError", line: 4, operation: 'g2' },
    ],
    [
      "ABORT-3: a get made with its signal aborted already, which rejects with WatcherClosedError, should have rejected with its signal's reason.",
      'async',
      () => [watch(), op('a', 'abort', { signal: 'x' }), op('g', 'get', { watcher: 'w', signal: 'x', error: 'WatcherClosedError' })],
      { clause: 'ABORT-3', message: "get 'g' (line 4) of watcher 'w' was made with its signal 'x' aborted already, so it must reject at once, but it rejected with WatcherClosedError", line: 4, operation: 'g' },
    ],
    [
      'ASYNC-1: a get that returns an older version while the newest is at hand was not handed the newest version.',
      'async',
      () => [watch(), op('s1', 'set', { data: 1 }), op('s2', 'set', { data: 2 }), op('g', 'get', { watcher: 'w', data: 1 })],
      { clause: 'ASYNC-1', message: "get 'g' (line 5) of watcher 'w' returned 1, which was not the newest version at any instant at which it could have been handed over", line: 5, operation: 'g' },
    ],
    [
      'CONC-1: a get refused as concurrent while a version is at hand had no other get to be refused for.',
      'async',
      () => [op('s', 'set', { data: 1 }), watch(), op('g', 'get', { watcher: 'w', error: 'ConcurrentGetError' })],
      { clause: 'CONC-1', message: "get 'g' (line 4) was refused with ConcurrentGetError, but no other get of watcher 'w' was pending", line: 4, operation: 'g' },
    ],
    [
      'CLOSE-3: a get that rejects with WatcherClosedError while a version is at hand was made on an open watcher.',
      'async',
      () => [op('s', 'set', { data: 1 }), watch(), op('g', 'get', { watcher: 'w', error: 'WatcherClosedError' })],
      { clause: 'CLOSE-3', message: "get 'g' (line 4) rejected with WatcherClosedError, but watcher 'w' was open", line: 4, operation: 'g' },
    ],
    [
      "ABORT-1: a get without a signal that rejects with a signal's reason while a version is at hand had no signal aborted.",
      'async',
      () => [op('s', 'set', { data: 1 }), watch(), op('g', 'get', { watcher: 'w', error: 'aborted' })],
      { clause: 'ABORT-1', message: "get 'g' (line 4) rejected with its signal's reason, but no abort of its signal took effect before it returned", line: 4, operation: 'g' },
    ],
    [
      'ERR-1: a get that rejects with a TypeError while a version is at hand rejected with an error no clause allows.',
      'async',
      () => [op('s', 'set', { data: 1 }), watch(), op('g', 'get', { watcher: 'w', error: 'TypeError' })],
      { clause: 'ERR-1', message: "get 'g' (line 4) rejected with TypeError, which no clause allows here", line: 4, operation: 'g' },
    ],
    [
      'GET-1: a get that returns data no set set, while a version is at hand, returned data of no version.',
      'async',
      () => [op('s', 'set', { data: 1 }), watch(), op('g', 'get', { watcher: 'w', data: 2 })],
      { clause: 'GET-1', message: "get 'g' (line 4) of watcher 'w' returned 2, which no set had set before it returned", line: 4, operation: 'g' },
    ],
    [
      'GET-1: a waiting get that returns data which is set only after its return received data no set had set yet.',
      'async',
      () => [watch(), op('g', 'get', { watcher: 'w', data: 2 }), op('s', 'set', { data: 2 })],
      { clause: 'GET-1', message: "get 'g' (line 3) of watcher 'w' returned 2, which no set had set before it returned", line: 3, operation: 'g' },
    ],
    [
      'CONC-1: a get refused as concurrent with nothing at hand had no other get to be refused for.',
      'async',
      () => [watch(), op('g', 'get', { watcher: 'w', error: 'ConcurrentGetError' })],
      { clause: 'CONC-1', message: "get 'g' (line 3) was refused with ConcurrentGetError, but no other get of watcher 'w' was pending", line: 3, operation: 'g' },
    ],
    [
      'CLOSE-3: a waiting get that rejects with WatcherClosedError, though no close came, was made on an open watcher.',
      'async',
      () => [watch(), op('g', 'get', { watcher: 'w', error: 'WatcherClosedError' })],
      { clause: 'CLOSE-3', message: "get 'g' (line 3) rejected with WatcherClosedError, but watcher 'w' was open", line: 3, operation: 'g' },
    ],
    [
      "ABORT-1: a waiting get that rejects with its signal's reason before the abort of its signal was called was not aborted.",
      'async',
      () => [watch(), op('g', 'get', { watcher: 'w', signal: 'x', error: 'aborted' }), op('a', 'abort', { signal: 'x' })],
      { clause: 'ABORT-1', message: "get 'g' (line 3) rejected with its signal's reason, but no abort of its signal took effect before it returned", line: 3, operation: 'g' },
    ],
    [
      "ABORT-1: a get without a signal that rejects with a signal's reason, with nothing at hand, had no signal aborted.",
      'async',
      () => [watch(), op('g', 'get', { watcher: 'w', error: 'aborted' })],
      { clause: 'ABORT-1', message: "get 'g' (line 3) rejected with its signal's reason, but no abort of its signal took effect before it returned", line: 3, operation: 'g' },
    ],
    [
      "ABORT-1: the abort of another signal, which another get of the watcher used, does not abort a get's own signal.",
      'async',
      () => [watch(), op('a', 'abort', { signal: 'y' }), op('h', 'get', { watcher: 'w', signal: 'y', error: 'aborted' }), op('g', 'get', { watcher: 'w', signal: 'x', error: 'aborted' })],
      { clause: 'ABORT-1', message: "get 'g' (line 5) rejected with its signal's reason, but no abort of its signal took effect before it returned", line: 5, operation: 'g' },
    ],
    [
      'ABORT-1: an earlier get with the same signal is no abort of that signal.',
      'async',
      () => [op('s', 'set', { data: 1 }), watch(), op('h', 'get', { watcher: 'w', signal: 'x', data: 1 }), op('g', 'get', { watcher: 'w', signal: 'x', error: 'aborted' })],
      { clause: 'ABORT-1', message: "get 'g' (line 5) rejected with its signal's reason, but no abort of its signal took effect before it returned", line: 5, operation: 'g' },
    ],
    [
      'ERR-1: a get that rejects with a TypeError with nothing at hand rejected with an error no clause allows.',
      'async',
      () => [watch(), op('g', 'get', { watcher: 'w', error: 'TypeError' })],
      { clause: 'ERR-1', message: "get 'g' (line 3) rejected with TypeError, which no clause allows here", line: 3, operation: 'g' },
    ],
    [
      "SYNC-1: a sync get that skips the next version of its watcher's log names that version and its data.",
      'sync',
      () => [watch(), op('s1', 'set', { data: 1, settled: false }), op('s2', 'set', { data: 2, settled: false }), op('g', 'get', { watcher: 'w', data: 2 })],
      { clause: 'SYNC-1', message: "get 'g' (line 5) of watcher 'w' returned 2, but the next version in its watcher's log is version 1, of data 1", line: 5, operation: 'g' },
    ],
    [
      "SYNC-1: a sync get that receives a version again, when its watcher's log holds no next version, names the version it waits for.",
      'sync',
      () => [watch(), op('s', 'set', { data: 1, settled: false }), op('g1', 'get', { watcher: 'w', data: 1 }), op('g2', 'get', { watcher: 'w', data: 1 })],
      { clause: 'SYNC-1', message: "get 'g2' (line 5) of watcher 'w' returned 1, but the next version in its watcher's log is version 2", line: 5, operation: 'g2' },
    ],
    [
      'GET-4: an async get that receives the version its watcher received already goes back.',
      'async',
      () => [watch(), op('s', 'set', { data: 1 }), op('g1', 'get', { watcher: 'w', data: 1 }), op('g2', 'get', { watcher: 'w', data: 1 })],
      { clause: 'GET-4', message: "get 'g2' (line 5) of watcher 'w' returned 1, a version no newer than version 1, which the watcher had received already", line: 5, operation: 'g2' },
    ],
    [
      "ASYNC-1: a get that returns the data of a set called before its return, which could not take effect (a waiting get of another watcher would receive it), was not handed the newest version; it did not go back.",
      'async',
      () => [
        watch(),
        op('v', 'watch', { watcher: 'v' }),
        op('s1', 'set', { data: 1 }),
        op('g1', 'get', { watcher: 'w', data: 1 }),
        op('h1', 'get', { watcher: 'v', data: 1 }),
        call('h', 'get', { watcher: 'v' }),
        op('y', 'get', { watcher: 'v', error: 'ConcurrentGetError' }),
        call('s2', 'set', { data: 1 }),
        op('g2', 'get', { watcher: 'w', data: 1 }),
        op('s3', 'set', { data: 2 }),
        ret('h', { data: 2 }),
      ],
      { clause: 'ASYNC-1', message: "get 'g2' (line 10) of watcher 'w' returned 1, which was not the newest version at any instant at which it could have been handed over", line: 10, operation: 'g2' },
    ],
    [
      "GET-4: a set of the same data called only after the get returned does not make the get's data new.",
      'async',
      () => [watch(), op('s1', 'set', { data: 1 }), op('g1', 'get', { watcher: 'w', data: 1 }), op('g2', 'get', { watcher: 'w', data: 1 }), op('s2', 'set', { data: 1 })],
      { clause: 'GET-4', message: "get 'g2' (line 5) of watcher 'w' returned 1, a version no newer than version 1, which the watcher had received already", line: 5, operation: 'g2' },
    ],
    [
      "GET-6: a set cannot take effect while a get waits that returned something other than the set's version.",
      'async',
      () => [watch(), call('g', 'get', { watcher: 'w' }), op('y', 'get', { watcher: 'w', error: 'ConcurrentGetError' }), op('s', 'set', { data: 1 }), ret('g', { error: 'WatcherClosedError' })],
      { clause: 'GET-6', message: "set 's' (line 5) cannot take effect: get 'g' (line 3) was waiting on watcher 'w', so the set would hand it version 1, but the get rejected with WatcherClosedError", line: 5, operation: 's' },
    ],
    [
      "GET-6: the get that keeps a set from taking effect is named even when it is the trace's first operation, called before the watch that makes its watcher.",
      'async',
      () => [call('g', 'get', { watcher: 'w' }), watch(), op('y', 'get', { watcher: 'w', error: 'ConcurrentGetError' }), op('s', 'set', { data: 1 }), ret('g', { error: 'WatcherClosedError' })],
      { clause: 'GET-6', message: "set 's' (line 5) cannot take effect: get 'g' (line 2) was waiting on watcher 'w', so the set would hand it version 1, but the get rejected with WatcherClosedError", line: 5, operation: 's' },
    ],
    [
      'WATCH-1: a close of a watcher that no watch made cannot take effect.',
      'async',
      () => [op('c', 'close', { watcher: 'w' })],
      { clause: 'WATCH-1', message: "close 'c' (line 2) closes watcher 'w', which no watch had made", line: 2, operation: 'c' },
    ],
    [
      'CLOSE-2: a close cannot take effect while a get of its watcher waits that returned data.',
      'async',
      () => [watch(), call('g', 'get', { watcher: 'w' }), op('y', 'get', { watcher: 'w', error: 'ConcurrentGetError' }), op('c', 'close', { watcher: 'w' }), ret('g', { data: 1 })],
      { clause: 'CLOSE-2', message: "close 'c' (line 5) would reject get 'g' (line 3), pending on watcher 'w', with WatcherClosedError, but the get returned 1", line: 5, operation: 'c' },
    ],
    [
      "CLOSE-2: the get that keeps a close from taking effect is named even when it is the trace's first operation, called before the watch that makes its watcher.",
      'async',
      () => [call('g', 'get', { watcher: 'w' }), watch(), op('y', 'get', { watcher: 'w', error: 'ConcurrentGetError' }), op('c', 'close', { watcher: 'w' }), ret('g', { data: 1 })],
      { clause: 'CLOSE-2', message: "close 'c' (line 5) would reject get 'g' (line 2), pending on watcher 'w', with WatcherClosedError, but the get returned 1", line: 5, operation: 'c' },
    ],
  ];
  for (const [name, mode, events, expected] of cases) {
    it(name, () => {
      expect(explained(mode, events())).toEqual(expected);
    });
  }
});

describe('the explanation of a quiescent end that no order of instants explains', () => {
  const cases: readonly Case[] = [
    [
      'CLOSE-5: a sync set that never settled, though the close of its one watcher completed its audience, breaks CLOSE-5.',
      'sync',
      () => [watch(), op('s', 'set', { data: 1, settled: false }), op('c', 'close', { watcher: 'w' }), end()],
      { clause: 'CLOSE-5', message: "sync set 's' (line 3), version 1, never settled, although the watchers it waited for were closed", line: 'end', operation: undefined },
    ],
    [
      'SYNC-2: a sync set with no watcher that never settled by a quiescent end breaks SYNC-2.',
      'sync',
      () => [op('s', 'set', { data: 1, settled: false }), end()],
      { clause: 'SYNC-2', message: "sync set 's' (line 2), version 1, never settled, although every watcher open at the set received it or was closed", line: 'end', operation: undefined },
    ],
    [
      'SYNC-2: a sync set whose one watcher received its version and then closed was completed by the receipt, not the close.',
      'sync',
      () => [watch(), op('s', 'set', { data: 1, settled: false }), op('g', 'get', { watcher: 'w', data: 1 }), op('c', 'close', { watcher: 'w' }), end()],
      { clause: 'SYNC-2', message: "sync set 's' (line 3), version 1, never settled, although every watcher open at the set received it or was closed", line: 'end', operation: undefined },
    ],
    [
      'SYNC-2: a watcher closed before a sync set was called is not in its audience, so its close released nothing.',
      'sync',
      () => [watch(), op('c', 'close', { watcher: 'w' }), op('s', 'set', { data: 1, settled: false }), end()],
      { clause: 'SYNC-2', message: "sync set 's' (line 4), version 1, never settled, although every watcher open at the set received it or was closed", line: 'end', operation: undefined },
    ],
    [
      'SYNC-2: a watcher made after a sync set is not in its audience, so its close released nothing.',
      'sync',
      () => [op('s', 'set', { data: 1, settled: false }), watch(), op('c', 'close', { watcher: 'w' }), end()],
      { clause: 'SYNC-2', message: "sync set 's' (line 2), version 1, never settled, although every watcher open at the set received it or was closed", line: 'end', operation: undefined },
    ],
    [
      'SYNC-2: a sync set still pending at a quiescent end, with no watcher, is held to SYNC-2 and not to ASYNC-3.',
      'sync',
      () => [call('s', 'set', { data: 1 }), end()],
      { clause: 'SYNC-2', message: "sync set 's' (line 2), version 1, never settled, although every watcher open at the set received it or was closed", line: 'end', operation: undefined },
    ],
    [
      'CLOSE-1: a close pending at a quiescent end, whose effect would complete the audiences of two sync sets that never settled, is explained as a close that never returned, not as one with no instant (the best path leaves it out only to keep the sets waiting).',
      'sync',
      () => [watch(), call('c', 'close', { watcher: 'w' }), call('s1', 'set', { data: 1 }), call('s2', 'set', { data: 2 }), end()],
      { clause: 'CLOSE-1', message: "close 'c' (line 3) never returned, although the trace ends quiescent: a close has nothing to wait for", line: 'end', operation: undefined },
    ],
    [
      'WATCH-1: a get pending at a quiescent end on a watcher that no watch made cannot be waiting.',
      'async',
      () => [call('g', 'get', { watcher: 'w' }), end()],
      { clause: 'WATCH-1', message: "get 'g' (line 2) of watcher 'w' never returned, and no watch made its watcher", line: 'end', operation: undefined },
    ],
    [
      'CLOSE-3: a get pending at a quiescent end, made on a closed watcher, should have rejected at once.',
      'async',
      () => [watch(), op('c', 'close', { watcher: 'w' }), call('g', 'get', { watcher: 'w' }), end()],
      { clause: 'CLOSE-3', message: "get 'g' (line 4) of watcher 'w' never returned, although it was made on a closed watcher and must reject at once", line: 'end', operation: undefined },
    ],
    [
      'CONC-1: a get pending at a quiescent end, made while another get of its watcher waited, should have been refused at once.',
      'async',
      () => [watch(), call('g1', 'get', { watcher: 'w' }), op('y', 'get', { watcher: 'w', error: 'ConcurrentGetError' }), call('g2', 'get', { watcher: 'w' }), end()],
      { clause: 'CONC-1', message: "get 'g2' (line 5) of watcher 'w' never returned, although it was made while another get of its watcher was pending and must be refused at once", line: 'end', operation: undefined },
    ],
    [
      'ABORT-3: a get pending at a quiescent end, made with its signal aborted already, should have rejected at once.',
      'async',
      () => [watch(), op('a', 'abort', { signal: 'x' }), call('g', 'get', { watcher: 'w', signal: 'x' }), end()],
      { clause: 'ABORT-3', message: "get 'g' (line 4) of watcher 'w' never returned, although its signal was aborted when it was made and it must reject at once", line: 'end', operation: undefined },
    ],
    [
      'GET-5: a get pending at a quiescent end, made while a version was at hand, should have received it at once.',
      'async',
      () => [op('s', 'set', { data: 1 }), watch(), call('g', 'get', { watcher: 'w' }), end()],
      { clause: 'GET-5', message: "get 'g' (line 4) of watcher 'w' never returned, although version 1, newer than its cursor, was there when it was made", line: 'end', operation: undefined },
    ],
    [
      'GET-5: a sync get pending at a quiescent end is shown not yet made, with a version at hand, rather than receiving it and completing a set that never settled.',
      'sync',
      () => [watch(), call('g', 'get', { watcher: 'w' }), op('s', 'set', { data: 1, settled: false }), end()],
      { clause: 'GET-5', message: "get 'g' (line 3) of watcher 'w' never returned, although version 1, newer than its cursor, was there when it was made", line: 'end', operation: undefined },
    ],
    [
      "GET-6: a get pending at a quiescent end, waiting when a set was made, should have received that set's version.",
      'async',
      () => [watch(), call('g', 'get', { watcher: 'w' }), op('y', 'get', { watcher: 'w', error: 'ConcurrentGetError' }), op('s', 'set', { data: 1 }), end()],
      { clause: 'GET-6', message: "get 'g' (line 3) of watcher 'w' never returned, although set 's' (line 5) made version 1 while it waited", line: 'end', operation: undefined },
    ],
    [
      'SYNC-2: with two gets of one watcher pending at a quiescent end around a sync set that never settled, the set is reported; each pending get is judged in the state the path left, not in one that the request of the get judged before it left (there the first get would be reported, GET-5).',
      'sync',
      () => [watch(), call('g1', 'get', { watcher: 'w' }), op('s', 'set', { data: 1, settled: false }), call('g2', 'get', { watcher: 'w' }), end()],
      { clause: 'SYNC-2', message: "sync set 's' (line 4), version 1, never settled, although every watcher open at the set received it or was closed", line: 'end', operation: undefined },
    ],
    [
      'linearizability: a sync set pending at a quiescent end that never took effect, since its version would have ended the wait of a get that never returned, has no instant up to the end (it is not judged as a set that never settled).',
      'sync',
      () => [watch(), call('g', 'get', { watcher: 'w' }), call('s', 'set', { data: 1 }), end()],
      { clause: 'linearizability', message: "set 's' (line 4) cannot take effect at any instant between its call and the quiescent end", line: 'end', operation: undefined },
    ],
    [
      'CLOSE-2: a get pending at a quiescent end, waiting when its watcher closed, should have rejected during the close.',
      'async',
      () => [watch(), call('g', 'get', { watcher: 'w' }), op('y', 'get', { watcher: 'w', error: 'ConcurrentGetError' }), op('c', 'close', { watcher: 'w' }), end()],
      { clause: 'CLOSE-2', message: "get 'g' (line 3) of watcher 'w' never returned, although its watcher was closed while it waited", line: 'end', operation: undefined },
    ],
    [
      'ABORT-1: a get pending at a quiescent end, waiting when its signal was aborted, should have rejected with its reason.',
      'async',
      () => [watch(), call('g', 'get', { watcher: 'w', signal: 'x' }), op('a', 'abort', { signal: 'x' }), end()],
      { clause: 'ABORT-1', message: "get 'g' (line 3) of watcher 'w' never returned, although its signal was aborted while it waited", line: 'end', operation: undefined },
    ],
  ];
  for (const [name, mode, events, expected] of cases) {
    it(name, () => {
      expect(explained(mode, events())).toEqual(expected);
    });
  }
});

describe('the violations the checker finds by reading the trace, without a search', () => {
  const cases: readonly Case[] = [
    [
      'ASYNC-3: an async-mode set that returns unsettled is illegal at its return.',
      'async',
      () => [op('s', 'set', { data: 1, settled: false })],
      { clause: 'ASYNC-3', message: "async-mode set 's' returned a promise not yet resolved", line: 2, operation: 's' },
    ],
    [
      'WATCH-1: a watch pending at a quiescent end never waits, so it should have returned.',
      'async',
      () => [call('w', 'watch'), end()],
      { clause: 'WATCH-1', message: "watch 'w' (line 2) never returned, although the trace ends quiescent: a watch never waits", line: 'end', operation: undefined },
    ],
    [
      'CLOSE-1: a close pending at a quiescent end has nothing to wait for, so it should have returned.',
      'async',
      () => [watch(), call('c', 'close', { watcher: 'w' }), end()],
      { clause: 'CLOSE-1', message: "close 'c' (line 3) never returned, although the trace ends quiescent: a close has nothing to wait for", line: 'end', operation: undefined },
    ],
    [
      'ASYNC-3: an async-mode set pending at a quiescent end waits for no consumer, so it should have returned.',
      'async',
      () => [call('s', 'set', { data: 1 }), end()],
      { clause: 'ASYNC-3', message: "set 's' (line 2) never returned, although the trace ends quiescent: an async-mode set waits for no consumer", line: 'end', operation: undefined },
    ],
  ];
  for (const [name, mode, events, expected] of cases) {
    it(name, () => {
      expect(explained(mode, events())).toEqual(expected);
    });
  }
  it('ASYNC-3: a sync-mode set pending at a quiescent end is not held to ASYNC-3, since it may still wait for a watcher that has not received its version.', () => {
    expect(explained('sync', [watch(), call('s', 'set', { data: 1 }), end()])).toEqual({ verdict: 'ok' });
  });
});

describe('the explanation when the search, having found the history illegal, runs out of budget', () => {
  // Each trace with the budget of `checkTrace` at which its search stops short that way.
  const cases: readonly (readonly [...Case, budget: number])[] = [
    [
      'linearizability: when finding the first unexplained event runs out of budget and no path explains one, the verdict says so and up to which line the history is certainly illegal.',
      'sync',
      () => [watch(), op('s', 'set', { data: 1 })],
      { clause: 'linearizability', message: 'no order of instants explains this event (the search reached this event, and no order of instants explains the events up to line 3; finding the first event that none explains would take longer)', line: 2, operation: 'w' },
      1,
    ],
    [
      'linearizability: a set that, on the path shown, could take effect but does not, when the search ran out of budget, is said to have no instant, and the history certainly illegal up to the end.',
      'sync',
      () => [call('w', 'watch', { watcher: 'w' }), op('s', 'set', { data: 2, settled: false }), op('g', 'get', { watcher: 'w', data: 1 }), end()],
      { clause: 'linearizability', message: "set 's' (line 3) cannot take effect at any instant between its call and its return (the search reached this event, and no order of instants explains the events up to the end; finding the first event that none explains would take longer)", line: 3, operation: 's' },
      3,
    ],
    [
      'linearizability: a watch that, on the path shown, could take effect but does not, when the search ran out of budget, is said to have no instant.',
      'sync',
      () => [call('w', 'watch', { watcher: 'w' }), op('s', 'set', { data: 1, settled: false }), op('v', 'watch', { watcher: 'v' }), op('g', 'get', { watcher: 'v', data: 3 }), end()],
      { clause: 'linearizability', message: "watch 'v' (line 4) cannot take effect at any instant between its call and its return (the search reached this event, and no order of instants explains the events up to the end; finding the first event that none explains would take longer)", line: 4, operation: 'v' },
      4,
    ],
    [
      'linearizability: a close that, on the path shown, could take effect but does not (no get of its watcher waits), when the search ran out of budget, is said to have no instant.',
      'sync',
      () => [call('w', 'watch', { watcher: 'w' }), op('s', 'set', { data: 2, settled: false }), op('c', 'close', { watcher: 'w' }), op('g', 'get', { watcher: 'w', data: 2 }), end()],
      { clause: 'linearizability', message: "close 'c' (line 4) cannot take effect at any instant between its call and its return (the search reached this event, and no order of instants explains the events up to the end; finding the first event that none explains would take longer)", line: 4, operation: 'c' },
      4,
    ],
    [
      'linearization: when the search runs out of budget before it judges any path at a quiescent end, the verdict says only that the pending operations cannot all be waiting.',
      'sync',
      () => [call('c', 'close', { watcher: 'w' }), call('s', 'set', { data: 3 }), end()],
      { clause: 'linearization', message: 'the operations pending at the quiescent end cannot all be where the spec lets them wait', line: 'end', operation: undefined },
      2,
    ],
  ];
  for (const [name, mode, events, expected, budget] of cases) {
    it(name, () => {
      expect(explained(mode, events(), budget)).toEqual(expected);
    });
  }
});
