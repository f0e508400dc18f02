/**
 * The trace format's parser (docs/trace-format.md): what it reads, and the line and reason it
 * gives for every kind of line it refuses.
 */
import { describe, expect, it } from 'vitest';
import { parseTrace, TraceFormatError } from '../conformance/trace/format.js';

const header = '{"trace":"event-value","version":1,"mode":"sync"}';

/** The error a text gives, as `line N: reason`. */
function refusal(text: string): string {
  try {
    parseTrace(text);
  } catch (error) {
    expect(error).toBeInstanceOf(TraceFormatError);
    expect((error as TraceFormatError).name).toBe('TraceFormatError');
    return `${(error as TraceFormatError).line}: ${(error as Error).message}`;
  }
  return 'accepted';
}

describe('the trace parser', () => {
  it('reads operations, their calls, returns and settlements, skipping blank lines', () => {
    const parsed = parseTrace(
      [
        header,
        '',
        '{"event":"op","id":"w","op":"watch","watcher":"a"}',
        '{"event":"call","id":"s","thread":"p","op":"set","data":{"x":1}}',
        '   ',
        '{"event":"return","id":"s","settled":false}',
        '{"event":"call","id":"g","thread":"c","op":"get","watcher":"a","signal":"ctx"}',
        '{"event":"return","id":"g","data":{"x":1}}',
        '{"event":"settle","id":"s"}',
        '{"event":"op","id":"t","op":"set","data":2}',
        '{"event":"op","id":"x","op":"abort","signal":"ctx"}',
        '{"event":"op","id":"c","op":"close","watcher":"a"}',
        '{"event":"op","id":"h","op":"get","watcher":"a","error":"WatcherClosedError"}',
      ].join('\n'),
    );
    expect(parsed.header).toEqual({ trace: 'event-value', version: 1, mode: 'sync' });
    expect(parsed.quiescent).toBe(false);
    expect(parsed.operations.map((operation) => [operation.id, operation.kind, operation.thread, operation.index, operation.call, operation.return, operation.settlement, operation.line])).toEqual([
      ['w', 'watch', 'main', 0, 0, 1, undefined, 3],
      ['s', 'set', 'p', 1, 2, 3, 6, 4],
      ['g', 'get', 'c', 2, 4, 5, undefined, 7],
      ['t', 'set', 'main', 3, 7, 8, 8, 10],
      ['x', 'abort', 'main', 4, 9, 10, undefined, 11],
      ['c', 'close', 'main', 5, 11, 12, undefined, 12],
      ['h', 'get', 'main', 6, 13, 14, undefined, 13],
    ]);
    expect(parsed.operations[0]?.watcher).toBe('a');
    expect(parsed.operations[1]?.data).toEqual({ x: 1 });
    expect(parsed.operations[2]).toMatchObject({ watcher: 'a', signal: 'ctx', outcome: { data: { x: 1 } } });
    expect(parsed.operations[4]?.signal).toBe('ctx');
    expect(parsed.operations[5]?.watcher).toBe('a');
    expect(parsed.operations[6]?.outcome).toEqual({ error: 'WatcherClosedError' });
    expect(parsed.events.map((event) => `${event.type} ${event.operation.id} ${event.line}`)).toEqual([
      'call w 3',
      'return w 3',
      'call s 4',
      'return s 6',
      'call g 7',
      'return g 8',
      'settle s 9',
      'call t 10',
      'return t 10',
      'call x 11',
      'return x 11',
      'call c 12',
      'return c 12',
      'call h 13',
      'return h 13',
    ]);
  });

  it('reads the end marker, quiescent or not', () => {
    expect(parseTrace(`${header}\n{"event":"end","quiescent":true}\n`).quiescent).toBe(true);
    expect(parseTrace(`${header}\n{"event":"end","quiescent":false}`).quiescent).toBe(false);
    expect(parseTrace(`${header}\n{"event":"end","quiescent":true}\n\n  \n`).quiescent).toBe(true);
  });

  it('names a watcher at the call of its watch, for a watch that never returns, and accepts a return that repeats the name', () => {
    const parsed = parseTrace(`${header}\n{"event":"call","id":"w","op":"watch","watcher":"a"}\n{"event":"call","id":"v","op":"watch","watcher":"b"}\n{"event":"return","id":"v","watcher":"b"}\n{"event":"call","id":"u","op":"watch","watcher":"c"}\n{"event":"return","id":"u"}`);
    expect(parsed.operations.map((operation) => operation.watcher)).toEqual(['a', 'b', 'c']);
    expect(parsed.operations[0]?.return).toBeUndefined();
  });

  it.each([
    ['', '1: line 1: the trace is empty: it needs at least the header line'],
    ['\n\n', '1: line 1: the trace is empty: it needs at least the header line'],
    ['{', '1: line 1: not valid JSON'],
    ['[]', '1: line 1: each line must be a JSON object'],
    ['null', '1: line 1: each line must be a JSON object'],
    ['3', '1: line 1: each line must be a JSON object'],
    ['{"trace":"other","version":1,"mode":"sync"}', '1: line 1: the first line must be the header {"trace":"event-value","version":1,"mode":"async"|"sync"}'],
    ['{"trace":"event-value","version":2,"mode":"sync"}', '1: line 1: the first line must be the header {"trace":"event-value","version":1,"mode":"async"|"sync"}'],
    ['{"trace":"event-value","version":1,"mode":"other"}', '1: line 1: the first line must be the header {"trace":"event-value","version":1,"mode":"async"|"sync"}'],
    [`${header}\n{"event":"op","id":1,"op":"watch","watcher":"a"}`, "2: line 2: 'id' must be a string"],
    [`${header}\n{"event":"other","id":"x"}`, "2: line 2: 'event' must be 'call', 'return', 'op', 'settle' or 'end'"],
    [`${header}\n{"event":"op","id":"x","op":"jump"}`, "2: line 2: 'op' must be one of set, watch, get, abort, close"],
    [`${header}\n{"event":"op","id":"x","op":"set"}`, "2: line 2: a set needs 'data'"],
    [`${header}\n{"event":"op","id":"x","op":"get","watcher":"a","signal":3,"data":1}`, "2: line 2: 'signal' must be a string"],
    [`${header}\n{"event":"op","id":"x","op":"get","data":1}`, "2: line 2: 'watcher' must be a string"],
    [`${header}\n{"event":"op","id":"x","op":"close"}`, "2: line 2: 'watcher' must be a string"],
    [`${header}\n{"event":"op","id":"x","op":"abort"}`, "2: line 2: 'signal' must be a string"],
    [`${header}\n{"event":"op","id":"x","op":"watch"}`, "2: line 2: 'watcher' must be a string"],
    [`${header}\n{"event":"call","id":"x","op":"watch","watcher":5}`, "2: line 2: 'watcher' must be a string"],
    [`${header}\n{"event":"call","id":"x","op":"watch","watcher":"a"}\n{"event":"return","id":"x","watcher":"b"}`, "3: line 3: watch 'x' was called for watcher 'a' but returned 'b'"],
    [`${header}\n{"event":"op","id":"x","op":"watch","watcher":"a"}\n{"event":"op","id":"y","op":"watch","watcher":"a"}`, "3: line 3: watcher 'a' is made by two watches"],
    [`${header}\n{"event":"call","id":"x","op":"watch"}\n{"event":"call","id":"y","op":"watch","watcher":"a"}\n{"event":"return","id":"x","watcher":"a"}`, "4: line 4: watcher 'a' is made by two watches"],
    [`${header}\n{"event":"op","id":"x","op":"get","watcher":"a"}`, "2: line 2: a get's return needs 'data' or 'error'"],
    [`${header}\n{"event":"op","id":"x","op":"get","watcher":"a","error":7}`, "2: line 2: a get's return needs 'data' or 'error'"],
    [`${header}\n{"event":"op","id":"x","op":"watch","watcher":"a"}\n{"event":"op","id":"x","op":"watch","watcher":"b"}`, "3: line 3: operation id 'x' is used twice"],
    [`${header}\n{"event":"return","id":"x"}`, "2: line 2: return of 'x', which was not called or has returned already"],
    [`${header}\n{"event":"op","id":"x","op":"abort","signal":"s"}\n{"event":"return","id":"x"}`, "3: line 3: return of 'x', which was not called or has returned already"],
    [`${header}\n{"event":"settle","id":"x"}`, "2: line 2: settle of 'x', which is not a set that returned unsettled"],
    [`${header}\n{"event":"op","id":"x","op":"abort","signal":"s"}\n{"event":"settle","id":"x"}`, "3: line 3: settle of 'x', which is not a set that returned unsettled"],
    [`${header}\n{"event":"call","id":"x","op":"set","data":1}\n{"event":"settle","id":"x"}`, "3: line 3: settle of 'x', which is not a set that returned unsettled"],
    [`${header}\n{"event":"op","id":"x","op":"set","data":1}\n{"event":"settle","id":"x"}`, "3: line 3: settle of 'x', which is not a set that returned unsettled"],
    [`${header}\n{"event":"op","id":"x","op":"set","data":1,"settled":false}\n{"event":"settle","id":"x"}\n{"event":"settle","id":"x"}`, "4: line 4: settle of 'x', which is not a set that returned unsettled"],
    [`${header}\n{"event":"end"}`, '2: line 2: the end marker is {"event":"end","quiescent":true} or {"event":"end","quiescent":false}'],
    [`${header}\n{"event":"end","quiescent":"yes"}`, '2: line 2: the end marker is {"event":"end","quiescent":true} or {"event":"end","quiescent":false}'],
    [`${header}\n{"event":"end","quiescent":true,"at":3}`, '2: line 2: the end marker is {"event":"end","quiescent":true} or {"event":"end","quiescent":false}'],
    [`${header}\n{"event":"end","quiescent":true}\n{"event":"op","id":"x","op":"abort","signal":"s"}`, '3: line 3: nothing may follow the end marker of line 2'],
  ])('refuses %j: %s', (text, expected) => {
    expect(refusal(text)).toBe(expected);
  });
});
