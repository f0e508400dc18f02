/**
 * The picture of a verdict as data, before any pixel: one lane per thread, one bar per operation
 * from its call to its return (open-ended when it never returned), the linearization's instants
 * in the checker's order, and the value's versions. Positions here are event indices of the
 * trace (its only clock); `layout.ts` turns them into coordinates, and `page.ts` into HTML.
 *
 * Keeping this apart from the drawing lets a test check what the picture says (which bar is
 * where, which operation failed, the order of the instants) without a browser.
 *
 * @module
 */

import type { IllegalVerdict, LegalVerdict, LinearizationPoint, UnknownVerdict, Verdict } from '../trace/check.js';
import type { Operation, OperationKind, Trace } from '../trace/format.js';
import { operationLabel, operationOutcome } from './labels.js';

/** Where a bar ends: at its return event, or nowhere (it never returned, so it runs to the right edge). */
export type BarEnd = { readonly kind: 'returned'; readonly event: number; readonly line: number } | { readonly kind: 'pending' };

/**
 * A sync-mode set that returned before it settled (`"settled": false`) trails a thin tail from
 * its return to its settlement, or to the right edge when it never settled. `track` is the tail's
 * place among its lane's tails, so that overlapping tails do not hide each other.
 */
export type SettlementTail =
  | { readonly kind: 'settled'; readonly event: number; readonly line: number; readonly track: number }
  | { readonly kind: 'unsettled'; readonly track: number };

/** One thread of the trace: a lane of the timeline. */
export interface Lane {
  /** The thread's name. */
  readonly thread: string;
  /** How many rows its bars need, so that bars of one thread that overlap in time stack instead of covering each other. */
  readonly rows: number;
  /** How many tracks its settlement tails need (sync mode only; 0 otherwise). */
  readonly tracks: number;
}

/** One operation, drawn as a bar from its call to its return. */
export interface Bar {
  /** The operation's position in the trace (bars are in the order of the trace's operations). */
  readonly index: number;
  /** The operation's id in the trace. */
  readonly id: string;
  /** What operation it is. */
  readonly kind: OperationKind;
  /** The thread that made it. */
  readonly thread: string;
  /** Its lane (an index into {@link Timeline.lanes}). */
  readonly lane: number;
  /** Its row within the lane. */
  readonly row: number;
  /** The short label drawn on the bar. */
  readonly label: string;
  /** What it did, in a sentence, for its details. */
  readonly outcome: string;
  /** The event index and the file line of its call. */
  readonly call: { readonly event: number; readonly line: number };
  /** Where it ends. */
  readonly end: BarEnd;
  /** Sync-mode sets that returned before settling: the settlement's tail. */
  readonly tail: SettlementTail | undefined;
  /** Its instants in the linearization (indices into {@link Timeline.points}), in order. */
  readonly points: readonly number[];
}

/** One instant of the linearization, numbered in the checker's order. */
export interface Point {
  /** Its place in the linearization, from 1. */
  readonly order: number;
  /** The operation that takes effect (an index into {@link Timeline.bars}). */
  readonly bar: number;
  /** The operation's id in the trace. */
  readonly id: string;
  /** Which instant of the operation this is: its only one, or a waiting get's request or follow-up. */
  readonly phase: LinearizationPoint['phase'];
  /** The value's version right after this instant (0 while unset). */
  readonly version: number;
}

/**
 * A version of the value, for the ruler along the top: placed at the instant its set took effect
 * when the checker gave a linearization, and otherwise only known by its set (its number is then
 * not known either, since sets that overlap in time may take effect in either order).
 */
export type VersionMark =
  | { readonly kind: 'placed'; readonly version: number; readonly data: unknown; readonly bar: number; readonly point: number }
  | { readonly kind: 'unplaced'; readonly data: unknown; readonly bar: number };

/** Where an illegal history failed: an operation that could not take effect, or the end of the trace. */
export type Failure = { readonly kind: 'operation'; readonly bar: number } | { readonly kind: 'end' };

/** The verdict, with what the picture needs of it. */
export type Judgement =
  | { readonly kind: 'ok'; readonly verdict: LegalVerdict }
  | { readonly kind: 'illegal'; readonly verdict: IllegalVerdict; readonly failure: Failure }
  | { readonly kind: 'unknown'; readonly verdict: UnknownVerdict };

/**
 * How the recording ended (the trace's end marker), and how many operations were still pending
 * then. The two endings are judged differently: after a quiescent end a pending operation is one
 * the spec lets wait forever; after a cut it may have completed after the recording stopped.
 */
export interface Ending {
  /** `quiescent`: the trace ends with `{"event":"end","quiescent":true}`; `cut`: it does not. */
  readonly kind: 'quiescent' | 'cut';
  /** Operations whose return was never recorded. */
  readonly pending: number;
}

/** Everything the picture of a verdict shows, in event indices. */
export interface Timeline {
  /** The value's mode. */
  readonly mode: 'async' | 'sync';
  /** How many events the trace holds: the time axis runs from event 0 to this. */
  readonly events: number;
  /** One lane per thread, in the order the threads first appear. */
  readonly lanes: readonly Lane[];
  /** One bar per operation, in the trace's order. */
  readonly bars: readonly Bar[];
  /** The linearization (for `illegal`, the longest legal prefix), in the checker's order. */
  readonly points: readonly Point[];
  /** The value's versions, in the order they were made (placed) or their sets were called (unplaced). */
  readonly versions: readonly VersionMark[];
  /** The verdict. */
  readonly judgement: Judgement;
  /** How the recording ended. */
  readonly ending: Ending;
}

/** Packs intervals into the fewest rows greedily, in the order given (by start): each goes in the first row free at its start. */
function packRows(intervals: readonly { readonly start: number; readonly end: number }[]): { rows: number[]; count: number } {
  const rowEnds: number[] = [];
  const rows = intervals.map(({ start, end }) => {
    let row = rowEnds.findIndex((rowEnd) => rowEnd < start);
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = end;
    return row;
  });
  return { rows, count: rowEnds.length };
}

/** The settlement tail of a sync set that returned before it settled, without its track yet. */
function tailOf(operation: Operation, trace: Trace): { readonly start: number; readonly settled: { readonly event: number; readonly line: number } | undefined } | undefined {
  if (trace.header.mode !== 'sync' || operation.kind !== 'set' || operation.return === undefined || operation.settlement === operation.return) return undefined;
  const settled = operation.settlement === undefined ? undefined : { event: operation.settlement, line: (trace.events[operation.settlement] as { line: number }).line };
  return { start: operation.return, settled };
}

function judgementOf(verdict: Verdict, barOf: (id: string) => number): Judgement {
  switch (verdict.verdict) {
    case 'ok':
      return { kind: 'ok', verdict };
    case 'unknown':
      return { kind: 'unknown', verdict };
    case 'illegal':
      return { kind: 'illegal', verdict, failure: verdict.operation === undefined ? { kind: 'end' } : { kind: 'operation', bar: barOf(verdict.operation) } };
  }
}

/**
 * Builds the picture of `verdict` on `trace` as data. The verdict must be the checker's answer on
 * this very trace: an operation it names that the trace does not hold is an error, not a guess.
 */
export function buildTimeline(trace: Trace, verdict: Verdict): Timeline {
  const barById = new Map(trace.operations.map((operation) => [operation.id, operation.index]));
  const barOf = (id: string): number => {
    const bar = barById.get(id);
    if (bar === undefined) throw new Error(`the verdict names operation '${id}', which the trace does not hold`);
    return bar;
  };
  const linearization: readonly LinearizationPoint[] = verdict.verdict === 'unknown' ? [] : verdict.linearization;
  const points: Point[] = linearization.map((point, index) => ({ order: index + 1, bar: barOf(point.id), id: point.id, phase: point.phase, version: point.version }));

  const threads = [...new Set(trace.operations.map((operation) => operation.thread))];
  const lanes = threads.map((thread) => {
    const operations = trace.operations.filter((operation) => operation.thread === thread);
    const rows = packRows(operations.map((operation) => ({ start: operation.call, end: operation.return ?? Infinity })));
    const tails = operations.flatMap((operation) => {
      const tail = tailOf(operation, trace);
      return tail === undefined ? [] : [{ operation, start: tail.start, end: tail.settled?.event ?? Infinity }];
    });
    const tracks = packRows(tails);
    return { thread, operations, rows, tails, tracks };
  });

  const rowOf = new Map<Operation, number>();
  const trackOf = new Map<Operation, number>();
  for (const lane of lanes) {
    lane.operations.forEach((operation, index) => rowOf.set(operation, lane.rows.rows[index] as number));
    lane.tails.forEach((tail, index) => trackOf.set(tail.operation, lane.tracks.rows[index] as number));
  }

  const pointsOf = trace.operations.map((): number[] => []);
  points.forEach((point, index) => pointsOf[point.bar]?.push(index));
  const bars: Bar[] = trace.operations.map((operation) => {
    const tail = tailOf(operation, trace);
    const track = trackOf.get(operation) as number;
    return {
      index: operation.index,
      id: operation.id,
      kind: operation.kind,
      thread: operation.thread,
      lane: threads.indexOf(operation.thread),
      row: rowOf.get(operation) as number,
      label: operationLabel(operation),
      outcome: operationOutcome(operation, trace),
      call: { event: operation.call, line: operation.line },
      end: operation.return === undefined ? { kind: 'pending' } : { kind: 'returned', event: operation.return, line: (trace.events[operation.return] as { line: number }).line },
      tail: tail === undefined ? undefined : tail.settled === undefined ? { kind: 'unsettled', track } : { kind: 'settled', event: tail.settled.event, line: tail.settled.line, track },
      points: pointsOf[operation.index] as number[],
    };
  });

  const sets = trace.operations.filter((operation) => operation.kind === 'set');
  const versions: VersionMark[] =
    verdict.verdict === 'unknown'
      ? sets.map((operation) => ({ kind: 'unplaced', data: operation.data, bar: operation.index }))
      : points.flatMap((point, index) => {
          const operation = trace.operations[point.bar] as Operation;
          return operation.kind === 'set' ? [{ kind: 'placed', version: point.version, data: operation.data, bar: point.bar, point: index }] : [];
        });

  const pending = trace.operations.filter((operation) => operation.return === undefined).length;
  return {
    mode: trace.header.mode,
    events: trace.events.length,
    lanes: lanes.map(({ thread, rows, tracks }) => ({ thread, rows: rows.count, tracks: tracks.count })),
    bars,
    points,
    versions,
    judgement: judgementOf(verdict, barOf),
    ending: { kind: trace.quiescent ? 'quiescent' : 'cut', pending },
  };
}
