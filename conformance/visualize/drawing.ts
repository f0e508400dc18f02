/**
 * The drawing of a verdict's timeline as SVG markup, from a {@link Timeline} and its
 * {@link Geometry}: the lane bands, the versions' ruler, the bars, the linearization's numbered
 * instants, the failure marker and the end of the recording; and the column of thread names.
 * Every element a test or a tool may look for carries a stable `data-*` attribute (see page.ts).
 *
 * @module
 */

import { shorten } from './labels.js';
import { metrics, rowTop, trackTop, type Geometry } from './layout.js';
import type { Bar, Timeline } from './timeline.js';

/** Escapes text for HTML content and attribute values. */
export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A coordinate, to one decimal: enough for a screen, and a smaller file. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** One operation's bar, its label and, for a sync set that returned unsettled, its settlement's tail. */
function barMarkup(bar: Bar, timeline: Timeline, geometry: Geometry, failed: number | undefined): string {
  const top = rowTop(geometry, bar.lane, bar.row);
  const left = geometry.eventX[bar.call.event] as number;
  const right = bar.end.kind === 'returned' ? (geometry.eventX[bar.end.event] as number) : geometry.edge;
  const height = metrics.rowHeight;
  const isFailed = bar.index === failed;
  const classes = ['bar', `kind-${bar.kind}`, ...(bar.end.kind === 'pending' ? ['pending'] : []), ...(isFailed ? ['failed'] : [])].join(' ');
  const shape =
    bar.end.kind === 'returned'
      ? `<rect x="${n(left)}" y="${n(top)}" width="${n(right - left)}" height="${height}" rx="3"/>`
      : `<rect x="${n(left)}" y="${n(top)}" width="${n(right - left)}" height="${height}"/><path d="M${n(right)} ${n(top)}H${n(left)}V${n(top + height)}H${n(right)}" fill="none"/>`;
  let tail = '';
  if (bar.tail !== undefined && bar.end.kind === 'returned') {
    const y = trackTop(geometry, timeline, bar.lane, bar.tail.track) + metrics.track / 2;
    const end = bar.tail.kind === 'settled' ? (geometry.eventX[bar.tail.event] as number) : geometry.edge;
    const settledAt = bar.tail.kind === 'settled' ? `<line class="tail tail-set" x1="${n(end)}" x2="${n(end)}" y1="${n(y - 3)}" y2="${n(y + 3)}"/>` : '';
    tail = `<path class="tail tail-set${bar.tail.kind === 'unsettled' ? ' unsettled' : ''}" data-settlement="${bar.tail.kind}" d="M${n(right)} ${n(top + height)}V${n(y)}H${n(end)}"/>${settledAt}`;
  }
  const aria = `${bar.id}: ${bar.label}, thread ${bar.thread}, line ${bar.call.line}`;
  return `<g class="${classes}" data-bar="" data-op="${escape(bar.id)}" data-kind="${bar.kind}" data-thread="${escape(bar.thread)}" data-line="${bar.call.line}" data-state="${bar.end.kind}" data-linearized="${bar.points.length > 0}" data-failed="${isFailed}" role="button" tabindex="0" aria-label="${escape(aria)}">${shape}<text class="label" x="${n(left + metrics.labelPadding / 2)}" y="${n(top + height / 2)}">${escape(bar.label)}</text>${tail}</g>`;
}

/** A small triangle standing on the top edge of a bar at `x`: where an instant falls. */
function marker(x: number, top: number): string {
  return `<path class="tick" d="M${n(x - 3.5)} ${n(top - 5)}H${n(x + 3.5)}L${n(x)} ${n(top + 1)}Z"/>`;
}

/** The versions along the top, each with a faint guide down through the lanes at its instant. */
function rulerMarkup(timeline: Timeline, geometry: Geometry): string[] {
  const bottom = geometry.height - metrics.margin;
  return geometry.versionLabels.map((label) => {
    const mark = timeline.versions[label.mark];
    const version = mark?.kind === 'placed' ? ` data-version="${mark.version}"` : '';
    const y = metrics.margin + label.row * metrics.rulerRow;
    return (
      `<line class="guide" x1="${n(label.x)}" x2="${n(label.x)}" y1="${n(y + metrics.rulerRow - 2)}" y2="${n(bottom)}"/>` +
      `<g data-role="version"${version}><line class="version-tick" x1="${n(label.x)}" x2="${n(label.x)}" y1="${n(y + 1)}" y2="${n(y + metrics.rulerRow - 2)}"/>` +
      `<text class="version" x="${n(label.x + 3)}" y="${n(y + metrics.rulerRow - 4)}">${escape(label.text)}</text></g>`
    );
  });
}

/** The linearization: a faint path through its instants, and each instant a numbered marker on its bar. */
function instantsMarkup(timeline: Timeline, geometry: Geometry, failed: number | undefined): string[] {
  const parts: string[] = [];
  const middle = (bar: number): number => {
    const { lane, row } = timeline.bars[bar] as Bar;
    return rowTop(geometry, lane, row) - 2;
  };
  const path = timeline.points.map((point, index) => `${n(geometry.pointX[index] as number)},${n(middle(point.bar))}`);
  if (failed !== undefined && geometry.failureX !== undefined) path.push(`${n(geometry.failureX)},${n(middle(failed))}`);
  if (path.length > 1) parts.push(`<polyline class="path" points="${path.join(' ')}"/>`);
  timeline.points.forEach((point, index) => {
    const bar = timeline.bars[point.bar] as Bar;
    const top = rowTop(geometry, bar.lane, bar.row);
    const x = geometry.pointX[index] as number;
    parts.push(
      `<g class="point phase-${point.phase}" data-point="${point.order}" data-op="${escape(point.id)}" data-phase="${point.phase}" data-version="${point.version}">` +
        `<line x1="${n(x)}" x2="${n(x)}" y1="${n(top)}" y2="${n(top + metrics.rowHeight)}"/>${marker(x, top)}<text x="${n(x)}" y="${n(top - 6)}">${point.order}</text></g>`,
    );
  });
  return parts;
}

/** Illegal verdicts: the red marker where the failing operation could not take effect, or at the end of the trace. */
function failureMarkup(timeline: Timeline, geometry: Geometry, failed: number | undefined): string {
  const x = geometry.failureX;
  if (x === undefined) return '';
  if (failed === undefined) {
    return `<g class="failure" data-role="failure-point"><line x1="${n(x)}" x2="${n(x)}" y1="${n(geometry.rulerBottom)}" y2="${n(geometry.height - metrics.margin)}"/><text class="at-end" x="${n(x - 4)}" y="${n(geometry.rulerBottom - 2)}">✗ end of the trace</text></g>`;
  }
  const bar = timeline.bars[failed] as Bar;
  const top = rowTop(geometry, bar.lane, bar.row);
  return `<g class="failure" data-role="failure-point" data-op="${escape(bar.id)}"><line x1="${n(x)}" x2="${n(x)}" y1="${n(top)}" y2="${n(top + metrics.rowHeight)}"/>${marker(x, top)}<text x="${n(x)}" y="${n(top - 6)}">✗</text></g>`;
}

/** The right edge, where the recording ended: quiescent, or cut while operations were pending. */
function endMarkup(timeline: Timeline, geometry: Geometry): string {
  const { kind, pending } = timeline.ending;
  const x = n(geometry.edge);
  const text = kind === 'quiescent' ? 'end, quiescent' : pending > 0 ? 'cut' : 'end';
  return (
    `<g class="end-marker ${kind}" data-role="end-marker" data-ending="${kind}"><line x1="${x}" x2="${x}" y1="${n(geometry.rulerBottom)}" y2="${n(geometry.height - metrics.margin)}"/>` +
    `<text x="${n(geometry.edge + 3)}" y="${n(geometry.rulerBottom + 10)}">${text}</text></g>`
  );
}

/** The timeline: lanes, versions, bars, the linearization, the failure and the end, as one SVG. */
export function timelineSvg(timeline: Timeline, geometry: Geometry): string {
  const judgement = timeline.judgement;
  const failed = judgement.kind === 'illegal' && judgement.failure.kind === 'operation' ? judgement.failure.bar : undefined;
  const bands = timeline.lanes.flatMap((_, lane) =>
    lane % 2 === 0 ? [`<rect class="lane-band" x="0" y="${n(geometry.laneTop[lane] as number)}" width="${n(geometry.width)}" height="${n(geometry.laneHeight[lane] as number)}"/>`] : [],
  );
  const parts = [
    ...bands,
    ...rulerMarkup(timeline, geometry),
    ...timeline.bars.map((bar) => barMarkup(bar, timeline, geometry, failed)),
    ...instantsMarkup(timeline, geometry, failed),
    failureMarkup(timeline, geometry, failed),
    endMarkup(timeline, geometry),
  ];
  return `<svg class="history" xmlns="http://www.w3.org/2000/svg" width="${n(geometry.width + metrics.endLabel)}" height="${n(geometry.height)}" role="group" aria-label="timeline">${parts.join('\n')}</svg>`;
}

/** The column of thread names beside the timeline, which stays in view when the timeline scrolls. */
export function threadsSvg(timeline: Timeline, geometry: Geometry): string {
  const names = timeline.lanes.map((lane) => shorten(lane.thread, metrics.threadNameLimit));
  const width = Math.max(8, ...names.map((name) => [...name].length)) * 7.3 + 20;
  const parts = timeline.lanes.map((lane, index) => {
    const top = geometry.laneTop[index] as number;
    const band = index % 2 === 0 ? `<rect class="lane-band" x="0" y="${n(top)}" width="${n(width)}" height="${n(geometry.laneHeight[index] as number)}"/>` : '';
    return `${band}<text class="thread-name" data-lane="${escape(lane.thread)}" x="10" y="${n(top + metrics.rowGap + metrics.rowHeight / 2 + 4)}">${escape(names[index] as string)}</text>`;
  });
  parts.unshift(`<text class="ruler-name" x="10" y="${n(metrics.margin + metrics.rulerRow - 4)}">versions</text>`);
  return `<svg class="threads" xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(geometry.height)}" aria-label="threads">${parts.join('')}</svg>`;
}

