/**
 * Coordinates for the picture of a verdict. Time in a trace is only the order of its events, so,
 * as Porcupine's visualizer does, the layout warps it: a greedy left-to-right pass gives each
 * event the smallest x that keeps every bar wide enough for its label and for the numbered
 * instants of the linearization that fall on it, each instant a readable step after the one
 * before. Quiet stretches of the trace take little room and crowded ones take what they need.
 *
 * Text widths are estimated from a monospace font's advance (the page draws labels in one), so
 * the layout needs no browser and a test can check it.
 *
 * @module
 */

import { shorten, versionLabelLimit, json } from './labels.js';
import type { Timeline, VersionMark } from './timeline.js';

/** The sizes the layout works with, in CSS pixels. */
export const metrics = {
  /** Left and right margin of the timeline. */
  margin: 12,
  /** The least distance between two successive events. */
  eventGap: 10,
  /** Room kept between an instant and the ends of its bar. */
  inset: 5,
  /** Advance of one character of a bar's label (11 px monospace). */
  labelChar: 6.7,
  /** Room around a bar's label. */
  labelPadding: 10,
  /** Advance of one character of an instant's number (9 px monospace). */
  numberChar: 5.5,
  /** Advance of one character of a version's label in the ruler (10 px monospace). */
  rulerChar: 6.1,
  /** Height of a bar. */
  rowHeight: 18,
  /** Room above each row of bars, where the instants' markers and numbers are drawn. */
  rowGap: 16,
  /** Height of one settlement tail's track. */
  track: 4,
  /** Height of one row of the versions' ruler. */
  rulerRow: 14,
  /** How far past the last event open-ended bars run. */
  openTail: 48,
  /** Room right of the edge for the end marker's words (`end, quiescent`). */
  endLabel: 96,
  /** The most characters of a thread's name shown in the column of lanes. */
  threadNameLimit: 18,
} as const;

/** Where one version's label sits in the ruler. */
export interface VersionLabel {
  /** The version (an index into {@link Timeline.versions}). */
  readonly mark: number;
  /** The x of the instant (or, unplaced, of its set's call). */
  readonly x: number;
  /** The ruler's row. */
  readonly row: number;
  /** The label's text. */
  readonly text: string;
}

/** The coordinates of everything a {@link Timeline} draws. */
export interface Geometry {
  /** The x of each event. */
  readonly eventX: readonly number[];
  /** The right edge: where bars that never returned and tails that never settled end. */
  readonly edge: number;
  /** The x of each instant of the linearization. */
  readonly pointX: readonly number[];
  /** Illegal verdicts: the x where the failing operation could not take effect (the edge when at the end). */
  readonly failureX: number | undefined;
  /** The y of the top of each lane. */
  readonly laneTop: readonly number[];
  /** The height of each lane. */
  readonly laneHeight: readonly number[];
  /** The versions' labels in the ruler. */
  readonly versionLabels: readonly VersionLabel[];
  /** The y of the bottom of the ruler, where the lanes begin. */
  readonly rulerBottom: number;
  /** The width of the timeline. */
  readonly width: number;
  /** The height of the timeline. */
  readonly height: number;
}

/** The width of a bar's label. */
export function labelWidth(label: string): number {
  return [...label].length * metrics.labelChar + metrics.labelPadding;
}

/** The least distance between two successive instants, so that their numbers do not overlap. */
export function pointGap(points: number): number {
  return Math.max(14, String(points).length * metrics.numberChar + 6);
}

/** The text of a version in the ruler. */
export function versionText(mark: VersionMark): string {
  const data = shorten(json(mark.data), versionLabelLimit);
  return mark.kind === 'placed' ? `v${mark.version} ${data}` : `v? ${data}`;
}

/** The y of the top of a bar's row. */
export function rowTop(geometry: Geometry, lane: number, row: number): number {
  return (geometry.laneTop[lane] as number) + metrics.rowGap + row * (metrics.rowHeight + metrics.rowGap);
}

/** The y of the top of a settlement track, below the lane's rows. */
export function trackTop(geometry: Geometry, timeline: Timeline, lane: number, track: number): number {
  const rows = (timeline.lanes[lane] as { rows: number }).rows;
  return rowTop(geometry, lane, rows) - metrics.rowGap + 3 + track * metrics.track;
}

/** Lays out `timeline`. */
export function layOut(timeline: Timeline): Geometry {
  const { bars, points } = timeline;
  const gap = pointGap(points.length);
  // What happens at each event: the bar that returns there, if any.
  const returning = new Array<number | undefined>(timeline.events);
  for (const bar of bars) if (bar.end.kind === 'returned') returning[bar.end.event] = bar.index;

  // The failing operation's instant is laid out as one more instant after the legal prefix.
  const failure = timeline.judgement.kind === 'illegal' ? timeline.judgement.failure : undefined;
  const failedBar = failure?.kind === 'operation' ? failure.bar : undefined;
  const instantBars = [...points.map((point) => point.bar), ...(failedBar === undefined ? [] : [failedBar])];
  const lastInstant = new Map<number, number>();
  instantBars.forEach((bar, index) => lastInstant.set(bar, index));

  const eventX: number[] = [];
  const instantX: number[] = [];
  const callX = (bar: number, fallback: number): number => eventX[(bars[bar] as { call: { event: number } }).call.event] ?? fallback;
  const placeInstants = (upTo: number, fallback: number): void => {
    for (let index = instantX.length; index < upTo; index++) {
      const earliest = callX(instantBars[index] as number, fallback) + metrics.inset;
      instantX.push(index === 0 ? earliest : Math.max(earliest, (instantX[index - 1] as number) + gap));
    }
  };

  for (let event = 0; event < timeline.events; event++) {
    let x = event === 0 ? metrics.margin : (eventX[event - 1] as number) + metrics.eventGap;
    const bar = returning[event];
    if (bar !== undefined) {
      x = Math.max(x, callX(bar, x) + labelWidth((bars[bar] as { label: string }).label));
      const last = lastInstant.get(bar);
      if (last !== undefined) {
        placeInstants(last + 1, x);
        x = Math.max(x, (instantX[last] as number) + metrics.inset);
      }
    }
    eventX.push(x);
  }

  let edge = (eventX.at(-1) ?? metrics.margin) + metrics.openTail;
  placeInstants(instantBars.length, edge);
  for (const bar of bars) if (bar.end.kind === 'pending') edge = Math.max(edge, callX(bar.index, edge) + labelWidth(bar.label));
  const lastX = instantX.at(-1);
  if (lastX !== undefined) edge = Math.max(edge, lastX + gap);

  // The ruler: each version's label in the first row where it does not run into the one before.
  const rowEnds: number[] = [];
  const versionLabels = timeline.versions.map((mark, index): VersionLabel => {
    const x = mark.kind === 'placed' ? (instantX[mark.point] as number) : callX(mark.bar, edge);
    const text = versionText(mark);
    let row = rowEnds.findIndex((end) => end + 8 <= x);
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = x + [...text].length * metrics.rulerChar + 4;
    return { mark: index, x, row, text };
  });
  const rulerBottom = metrics.margin + Math.max(1, rowEnds.length) * metrics.rulerRow + 4;

  const laneTop: number[] = [];
  const laneHeight: number[] = [];
  let y = rulerBottom;
  for (const lane of timeline.lanes) {
    const height = metrics.rowGap + lane.rows * (metrics.rowHeight + metrics.rowGap) + (lane.tracks > 0 ? lane.tracks * metrics.track + 3 : 0);
    laneTop.push(y);
    laneHeight.push(height);
    y += height;
  }

  return {
    eventX,
    edge,
    pointX: instantX.slice(0, points.length),
    failureX: failure === undefined ? undefined : failure.kind === 'end' ? edge : instantX[points.length],
    laneTop,
    laneHeight,
    versionLabels,
    rulerBottom,
    width: Math.max(edge, ...rowEnds) + metrics.margin,
    height: y + metrics.margin,
  };
}
