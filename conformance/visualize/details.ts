/**
 * The details of each operation, shown when a reader hovers over or clicks its bar: the id, the
 * thread, the lines of the trace file, what it was called with in full (labels are cut short),
 * what it returned, and where the linearization placed it. They are plain (term, text) rows, so
 * that the page's script only shows them and never builds markup from a trace's data.
 *
 * @module
 */

import type { Operation, Trace } from '../trace/format.js';
import { json } from './labels.js';
import type { Bar, Point, Timeline } from './timeline.js';

/** One row of an operation's details: a term and its text. */
export type DetailRow = readonly [term: string, text: string];

function instant(point: Point): string {
  const phase = point.phase === 'effect' ? '' : ` ${point.phase}`;
  return `#${point.order}${phase} (version ${point.version} after it)`;
}

function linearizationRow(bar: Bar, timeline: Timeline): string {
  const instants = bar.points.map((index) => instant(timeline.points[index] as Point)).join(', ');
  const judgement = timeline.judgement;
  if (judgement.kind === 'illegal' && judgement.failure.kind === 'operation' && judgement.failure.bar === bar.index) {
    const could = `could not take effect after the legal prefix: ${judgement.verdict.clause}`;
    return instants === '' ? could : `${instants}; then ${could}`;
  }
  if (instants !== '') return instants;
  switch (judgement.kind) {
    case 'unknown':
      return 'no linearization: the checker reached no verdict';
    case 'illegal':
      return 'not in the longest legal prefix';
    case 'ok':
      return bar.end.kind === 'pending' ? 'never took effect (pending, so it need not)' : 'no instant';
  }
}

/** The details of one operation. */
export function detailRows(bar: Bar, operation: Operation, timeline: Timeline): DetailRow[] {
  const rows: DetailRow[] = [
    ['operation', `${bar.id} (${bar.kind})`],
    ['thread', bar.thread],
    ['called', `line ${bar.call.line}`],
    ['outcome', bar.outcome],
  ];
  if (operation.watcher !== undefined) rows.push(['watcher', operation.watcher]);
  if (operation.signal !== undefined) rows.push(['signal', operation.signal]);
  if (operation.kind === 'set') rows.push(['data', json(operation.data)]);
  rows.push(['linearization', linearizationRow(bar, timeline)]);
  return rows;
}

/** The details of every operation, in the order of the bars, keyed by the operation's id. */
export function allDetails(trace: Trace, timeline: Timeline): [id: string, rows: DetailRow[]][] {
  return timeline.bars.map((bar) => [bar.id, detailRows(bar, trace.operations[bar.index] as Operation, timeline)]);
}
