/**
 * The data model and layout of the picture of a verdict (conformance/visualize/), without a
 * browser: one lane per thread, bars from call to return (open-ended when pending, stacked when
 * one thread's operations overlap), the instants in the verdict's order and each on its own bar,
 * settlement tails of sync sets, the failing operation of an illegal verdict, and a page that
 * needs nothing from the network and cannot be broken out of by a trace's data. The browser test
 * (chromium-tests/) checks the same things on the page as drawn.
 */
import { describe, expect, it } from 'vitest';
import type { IllegalVerdict, LegalVerdict, LinearizationPoint, UnknownVerdict } from '../conformance/trace/check.js';
import { parseTrace, type Trace } from '../conformance/trace/format.js';
import { labelWidth, layOut, type Geometry } from '../conformance/visualize/layout.js';
import { renderVerdictHtml } from '../conformance/visualize/page.js';
import { buildTimeline, type Bar, type Timeline } from '../conformance/visualize/timeline.js';

const lines = (...records: object[]): string => `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;

/**
 * Three threads: `c` watches, then makes a get that waits (g1) and, while it waits, a second get
 * that is refused (g2); `p` sets; `x` closes the watcher and never returns.
 */
// The traces are parsed by each test, not while the file is collected, so that Stryker knows
// which tests cover the parser.
const waiting = (): Trace => parseTrace(
  lines(
    { trace: 'event-value', version: 1, mode: 'async' },
    { event: 'call', id: 'w1', thread: 'c', op: 'watch' },
    { event: 'return', id: 'w1', watcher: 'w' },
    { event: 'call', id: 'g1', thread: 'c', op: 'get', watcher: 'w' },
    { event: 'call', id: 'g2', thread: 'c', op: 'get', watcher: 'w' },
    { event: 'return', id: 'g2', error: 'ConcurrentGetError' },
    { event: 'call', id: 's1', thread: 'p', op: 'set', data: { v: 1 } },
    { event: 'return', id: 's1' },
    { event: 'return', id: 'g1', data: { v: 1 } },
    { event: 'call', id: 'c1', thread: 'x', op: 'close', watcher: 'w' },
  ),
);
const waitingLinearization: LinearizationPoint[] = [
  { id: 'w1', phase: 'effect', version: 0 },
  { id: 'g1', phase: 'request', version: 0 },
  { id: 'g2', phase: 'effect', version: 0 },
  { id: 's1', phase: 'effect', version: 1 },
  { id: 'g1', phase: 'follow-up', version: 1 },
];
const waitingOk: LegalVerdict = { verdict: 'ok', events: 9, operations: 5, linearization: waitingLinearization };

/** The golden CLOSE-3 trace: a get answers with data on a closed watcher. */
const closed = (): Trace => parseTrace(
  lines(
    { trace: 'event-value', version: 1, mode: 'async' },
    { event: 'op', id: 's', op: 'set', data: 1 },
    { event: 'op', id: 'w', op: 'watch', watcher: 'w' },
    { event: 'op', id: 'c', op: 'close', watcher: 'w' },
    { event: 'op', id: 'g', op: 'get', watcher: 'w', data: 1 },
  ),
);
const closedIllegal: IllegalVerdict = {
  verdict: 'illegal',
  line: 5,
  prefix: 8,
  clause: 'CLOSE-3',
  message: "get 'g' of watcher 'w' on a closed watcher did not reject with WatcherClosedError",
  linearization: [
    { id: 's', phase: 'effect', version: 1 },
    { id: 'w', phase: 'effect', version: 1 },
    { id: 'c', phase: 'effect', version: 1 },
  ],
  operation: 'g',
};

const bar = (timeline: Timeline, id: string): Bar => timeline.bars.find((candidate) => candidate.id === id) as Bar;
const left = (geometry: Geometry, bar: Bar): number => geometry.eventX[bar.call.event] as number;
const right = (geometry: Geometry, bar: Bar): number => (bar.end.kind === 'returned' ? (geometry.eventX[bar.end.event] as number) : geometry.edge);

describe('the timeline of a verdict', () => {
  it('has one lane per thread, in the order the threads first appear', () => {
    const timeline = buildTimeline(waiting(), waitingOk);
    expect(timeline.lanes.map((lane) => lane.thread)).toEqual(['c', 'p', 'x']);
    expect(timeline.bars.map((bar) => [bar.id, timeline.lanes[bar.lane]?.thread])).toEqual([
      ['w1', 'c'],
      ['g1', 'c'],
      ['g2', 'c'],
      ['s1', 'p'],
      ['c1', 'x'],
    ]);
  });

  it('draws each operation from its call to its return, stacking the operations of one thread that overlap', () => {
    const timeline = buildTimeline(waiting(), waitingOk);
    expect(bar(timeline, 'g1')).toMatchObject({ call: { event: 2, line: 4 }, end: { kind: 'returned', event: 7, line: 9 }, row: 0 });
    expect(bar(timeline, 'g2')).toMatchObject({ call: { event: 3, line: 5 }, end: { kind: 'returned', event: 4, line: 6 }, row: 1 });
    expect(bar(timeline, 'w1')).toMatchObject({ call: { event: 0 }, end: { kind: 'returned', event: 1 }, row: 0 });
    expect(timeline.lanes.map((lane) => lane.rows)).toEqual([2, 1, 1]);
    expect(timeline.bars.map((bar) => bar.label)).toEqual(['watch -> w', 'get w -> {"v":1}', 'get w ✗ ConcurrentGetError', 'set {"v":1}', 'close w …']);
  });

  it('leaves an operation that never returned open to the right edge, past every event', () => {
    const timeline = buildTimeline(waiting(), waitingOk);
    const geometry = layOut(timeline);
    const close = bar(timeline, 'c1');
    expect(close.end).toEqual({ kind: 'pending' });
    expect(right(geometry, close)).toBe(geometry.edge);
    expect(geometry.edge).toBeGreaterThan(Math.max(...geometry.eventX));
    expect(timeline.ending.pending).toBe(1);
  });

  it('keeps the row of an operation that never returned taken to the end: later operations of its thread go below it', () => {
    const trace = parseTrace(
      lines(
        { trace: 'event-value', version: 1, mode: 'async' },
        { event: 'op', id: 'w', op: 'watch', watcher: 'w' },
        { event: 'call', id: 'g', op: 'get', watcher: 'w' },
        { event: 'op', id: 's', op: 'set', data: 1 },
        { event: 'op', id: 'c', op: 'close', watcher: 'w' },
      ),
    );
    const timeline = buildTimeline(trace, { verdict: 'unknown', reason: 'not searched' });
    expect(timeline.bars.map((bar) => [bar.id, bar.row])).toEqual([
      ['w', 0],
      ['g', 0],
      ['s', 1],
      ['c', 1],
    ]);
    expect(timeline.lanes).toEqual([{ thread: 'main', rows: 2, tracks: 0 }]);
  });

  it("numbers the instants in the verdict's order, a waiting get with its request and its follow-up", () => {
    const timeline = buildTimeline(waiting(), waitingOk);
    expect(timeline.points.map(({ order, id, phase, version }) => ({ order, id, phase, version }))).toEqual(
      waitingLinearization.map((point, index) => ({ order: index + 1, ...point })),
    );
    expect(bar(timeline, 'g1').points).toEqual([1, 4]);
    expect(bar(timeline, 'c1').points).toEqual([]);
    expect(timeline.versions).toEqual([{ kind: 'placed', version: 1, data: { v: 1 }, bar: 3, point: 3 }]);
  });

  it('lays the instants out left to right, each on its own bar, and every bar wide enough for its label', () => {
    for (const [trace, verdict] of [
      [waiting(), waitingOk],
      [closed(), closedIllegal],
    ] as const) {
      const timeline = buildTimeline(trace, verdict);
      const geometry = layOut(timeline);
      geometry.pointX.forEach((x, index) => {
        if (index > 0) expect(x).toBeGreaterThan(geometry.pointX[index - 1] as number);
        const own = timeline.bars[(timeline.points[index] as { bar: number }).bar] as Bar;
        expect(x).toBeGreaterThan(left(geometry, own));
        expect(x).toBeLessThan(right(geometry, own));
      });
      for (const bar of timeline.bars) expect(right(geometry, bar) - left(geometry, bar)).toBeGreaterThanOrEqual(labelWidth(bar.label) - 1e-9);
      geometry.eventX.forEach((x, index) => index > 0 && expect(x).toBeGreaterThan(geometry.eventX[index - 1] as number));
    }
  });

  it('names the operation that could not take effect, and places it after the legal prefix, on its own bar', () => {
    const timeline = buildTimeline(closed(), closedIllegal);
    const geometry = layOut(timeline);
    expect(timeline.judgement).toMatchObject({ kind: 'illegal', failure: { kind: 'operation', bar: 3 } });
    expect(timeline.bars[3]?.id).toBe('g');
    expect(timeline.points.map((point) => point.id)).toEqual(['s', 'w', 'c']);
    const failed = bar(timeline, 'g');
    expect(geometry.failureX).toBeGreaterThan(Math.max(...geometry.pointX));
    expect(geometry.failureX).toBeGreaterThan(left(geometry, failed));
    expect(geometry.failureX).toBeLessThan(right(geometry, failed));
  });

  it('marks the end of the trace when that is where an illegal history failed', () => {
    const atEnd: IllegalVerdict = { ...closedIllegal, line: 'end', operation: undefined };
    const timeline = buildTimeline(closed(), atEnd);
    expect(timeline.judgement).toMatchObject({ kind: 'illegal', failure: { kind: 'end' } });
    expect(layOut(timeline).failureX).toBe(layOut(timeline).edge);
  });

  it("says how the recording ended: quiescent by the trace's end marker, otherwise cut", () => {
    const unknown: UnknownVerdict = { verdict: 'unknown', reason: 'not searched' };
    const header = { trace: 'event-value', version: 1, mode: 'async' };
    const pending = { event: 'call', id: 'w', op: 'watch' };
    expect(buildTimeline(parseTrace(lines(header, pending, { event: 'end', quiescent: true })), unknown).ending).toEqual({ kind: 'quiescent', pending: 1 });
    expect(buildTimeline(parseTrace(lines(header, pending, { event: 'end', quiescent: false })), unknown).ending).toEqual({ kind: 'cut', pending: 1 });
    expect(buildTimeline(parseTrace(lines(header, pending)), unknown).ending).toEqual({ kind: 'cut', pending: 1 });
    expect(buildTimeline(parseTrace(lines(header)), unknown).ending).toEqual({ kind: 'cut', pending: 0 });
  });

  it('draws an unknown verdict without instants, its versions known only by their sets', () => {
    const unknown: UnknownVerdict = { verdict: 'unknown', reason: 'the search budget of 0 steps ran out before a verdict' };
    const timeline = buildTimeline(waiting(), unknown);
    expect(timeline.points).toEqual([]);
    expect(timeline.bars.every((bar) => bar.points.length === 0)).toBe(true);
    expect(timeline.versions).toEqual([{ kind: 'unplaced', data: { v: 1 }, bar: 3 }]);
  });

  it('refuses a verdict that names an operation the trace does not hold', () => {
    expect(() => buildTimeline(closed(), { ...closedIllegal, operation: 'nowhere' })).toThrow(/'nowhere'/);
    expect(() => buildTimeline(waiting(), { ...waitingOk, linearization: [{ id: 'ghost', phase: 'effect', version: 0 }] })).toThrow(/'ghost'/);
  });
});

describe('the settlement of sync sets', () => {
  const sync: Trace = parseTrace(
    lines(
      { trace: 'event-value', version: 1, mode: 'sync' },
      { event: 'op', id: 'w', op: 'watch', watcher: 'w' },
      { event: 'op', id: 's1', thread: 'p', op: 'set', data: 1, settled: false },
      { event: 'op', id: 's2', thread: 'p', op: 'set', data: 2, settled: false },
      { event: 'op', id: 's3', thread: 'p', op: 'set', data: 3 },
      { event: 'op', id: 'g1', op: 'get', watcher: 'w', data: 1 },
      { event: 'settle', id: 's1' },
    ),
  );
  const unknown: UnknownVerdict = { verdict: 'unknown', reason: 'not searched' };

  it('trails a tail from return to settlement, open when it never settled, each overlapping tail on its own track', () => {
    const timeline = buildTimeline(sync, unknown);
    expect(bar(timeline, 's1').tail).toEqual({ kind: 'settled', event: 10, line: 7, track: 0 });
    expect(bar(timeline, 's2').tail).toEqual({ kind: 'unsettled', track: 1 });
    expect(bar(timeline, 's3').tail).toBeUndefined();
    expect(timeline.lanes.map((lane) => [lane.thread, lane.tracks])).toEqual([
      ['main', 0],
      ['p', 2],
    ]);
  });

  it('has no tails in async mode, whatever the trace says', () => {
    const asynchronous = parseTrace(lines({ trace: 'event-value', version: 1, mode: 'async' }, { event: 'op', id: 's1', op: 'set', data: 1, settled: false }));
    expect(buildTimeline(asynchronous, unknown).bars[0]?.tail).toBeUndefined();
  });
});

describe('the page', () => {
  it('needs nothing from the network: no link, no source, no URL in its style', () => {
    const page = renderVerdictHtml(waiting(), waitingOk, { title: 'waiting.jsonl' });
    expect(page).not.toMatch(/<link|\bsrc=|\bhref=|url\(|@import/i);
    expect(page.match(/https?:\/\/[^"]*/g)).toEqual(['http://www.w3.org/2000/svg', 'http://www.w3.org/2000/svg']);
    expect(page).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });

  it("cannot be broken out of by a trace's data or names", () => {
    const hostile = '</script><img src=x onerror=alert(1)><script>alert(2)</script>';
    const trace = parseTrace(
      lines(
        { trace: 'event-value', version: 1, mode: 'async' },
        { event: 'op', id: hostile, thread: hostile, op: 'set', data: hostile },
        { event: 'op', id: 'w', op: 'watch', watcher: hostile },
      ),
    );
    const page = renderVerdictHtml(trace, { verdict: 'unknown', reason: hostile }, { title: hostile });
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page).not.toContain('<img');
  });

  it('shows the clause and the message of an illegal verdict, and marks the failing bar', () => {
    const page = renderVerdictHtml(closed(), closedIllegal);
    expect(page).toContain('<span class="clause" data-role="clause">CLOSE-3</span>');
    expect(page).toMatch(/data-role="message">get &#39;g&#39; of watcher &#39;w&#39; on a closed watcher/);
    expect(page.match(/<g [^>]*data-failed="true"/g)).toHaveLength(1);
    expect(page).toMatch(/data-op="g" data-kind="get"[^>]*data-failed="true"/);
  });
});
