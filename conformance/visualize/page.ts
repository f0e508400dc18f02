/**
 * The picture of a verdict as one self-contained HTML page (`check-trace FILE --html OUT`): the
 * verdict, a timeline with a lane per thread and a bar per operation, the linearization the
 * checker found drawn on the bars as numbered instants (for `illegal`, the longest legal prefix
 * and the operation that could not take effect after it, in red), and the value's versions along
 * the top. What Porcupine's visualizer gives its users, for this project's traces.
 *
 * The page has no external asset and makes no request: the style, the script and the details of
 * every operation are inlined. Every element a test or a tool may look for carries a stable
 * `data-*` attribute: `data-role` (`verdict`, `clause`, `message`, `ending`, `details`, `jump`,
 * `failure-point`, `end-marker`), `data-op` (an operation's id) on its bar (`data-bar`) and on
 * its instants (`data-point`, numbered from 1, with `data-phase` and `data-version`).
 *
 * @module
 */

import type { Verdict } from '../trace/check.js';
import type { Trace } from '../trace/format.js';
import { allDetails } from './details.js';
import { shorten } from './labels.js';
import { layOut, metrics, rowTop, trackTop, type Geometry } from './layout.js';
import { pageScript } from './script.js';
import { pageStyle } from './style.js';
import { buildTimeline, type Bar, type Timeline } from './timeline.js';

/** Options of {@link renderVerdictHtml}. */
export interface HtmlOptions {
  /** What the page is about, shown in its title: usually the trace file's name. */
  readonly title?: string;
}

/** Escapes text for HTML content and attribute values. */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** JSON for a `<script type="application/json">`: no `<` can end the element early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** A coordinate, to one decimal: enough for a screen, and a smaller file. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function verdictSection(timeline: Timeline): string {
  const judgement = timeline.judgement;
  switch (judgement.kind) {
    case 'ok':
      return `<section class="verdict verdict-ok" data-role="verdict" data-verdict="ok">
<p class="headline"><strong>ok</strong>: a linearization of ${plural(timeline.points.length, 'instant')} explains every outcome</p>
<p>${plural(judgement.verdict.events, 'event')}, ${plural(judgement.verdict.operations, 'operation')}; each numbered tick below is the instant at which an operation took effect, in the order found.</p>
</section>`;
    case 'unknown':
      return `<section class="verdict verdict-unknown" data-role="verdict" data-verdict="unknown">
<p class="headline"><strong>unknown</strong>: no verdict</p>
<p class="message" data-role="reason">${escape(judgement.verdict.reason)}</p>
<p>The history is drawn without a linearization.</p>
</section>`;
    case 'illegal': {
      const { verdict, failure } = judgement;
      const where = verdict.line === 'end' ? 'at the end of the trace' : `at line ${verdict.line}`;
      const bar = failure.kind === 'operation' ? (timeline.bars[failure.bar] as Bar) : undefined;
      const operation =
        bar === undefined
          ? 'then the end of the trace could not be explained.'
          : `then operation <button type="button" class="jump" data-role="jump" title="show it">${escape(bar.id)}</button> (<code>${escape(bar.label)}</code>, thread ${escape(bar.thread)}, line ${bar.call.line}) could not take effect.`;
      return `<section class="verdict verdict-illegal" data-role="verdict" data-verdict="illegal" data-clause="${escape(verdict.clause)}"${bar === undefined ? '' : ` data-operation="${escape(bar.id)}"`}>
<p class="headline"><strong>illegal</strong> ${escape(where)}: <span class="clause" data-role="clause">${escape(verdict.clause)}</span></p>
<p class="message" data-role="message">${escape(verdict.message)}</p>
<p>The longest legal prefix the checker found has ${plural(timeline.points.length, 'instant')}; ${operation}</p>
</section>`;
    }
  }
}

function endingText(timeline: Timeline): string {
  const { kind, pending } = timeline.ending;
  if (kind === 'quiescent') return `recording ended quiescent${pending === 0 ? '' : `, ${plural(pending, 'operation')} still pending (each must be one that may wait forever)`}`;
  return pending === 0 ? 'recording stopped with no operation pending' : `recording cut while ${plural(pending, 'operation')} ${pending === 1 ? 'was' : 'were'} pending`;
}

function header(timeline: Timeline, title: string | undefined): string {
  const threads = plural(timeline.lanes.length, 'thread');
  return `<header>
<div class="summary">
<h1>event-value check-trace${title === undefined ? '' : ` <span class="file">${escape(title)}</span>`}</h1>
${verdictSection(timeline)}
<p class="facts">${timeline.mode} mode · ${plural(timeline.events, 'event')} · ${plural(timeline.bars.length, 'operation')} · ${threads} · <span data-role="ending" data-ending="${timeline.ending.kind}" data-pending="${timeline.ending.pending}">${escape(endingText(timeline))}</span></p>
<p class="legend">
<span class="key"><span class="swatch" style="background:#cfe0fb;border-color:#4f7fd0"></span>set</span>
<span class="key"><span class="swatch" style="background:#d5f0dc;border-color:#3f9a5a"></span>get</span>
<span class="key"><span class="swatch" style="background:#e8e8e8;border-color:#8a8a8a"></span>watch</span>
<span class="key"><span class="swatch" style="background:#eadcf7;border-color:#8a5cc2"></span>close</span>
<span class="key"><span class="swatch" style="background:#fde5cc;border-color:#d98a2b"></span>abort</span>
<span class="key">bar: from call to return; open at the right (…): never returned</span>
<span class="key">numbered tick: an instant of the linearization (dashed: a waiting get's request)</span>
<span class="key">dashed bar: no instant</span>
<span class="key">line under a sync set: its return to its settlement</span>
<span class="key">v<i>n</i> on top: the version a set made</span>
<span class="key">[s]: the get's signal</span>
</p>
</div>
<aside class="details" data-role="details" aria-live="polite"><p class="placeholder">Hover over an operation, or click it, to see its details here.</p></aside>
</header>`;
}

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
      : `<rect x="${n(left)}" y="${n(top)}" width="${n(right - left)}" height="${height}"/><path d="M${n(right)} ${n(top)}H${n(left)}V${n(top + height)}H${n(right)}" fill="none"/><text class="open-end" x="${n(right - 14)}" y="${n(top + height / 2 + 4)}">…</text>`;
  let tail = '';
  if (bar.tail !== undefined && bar.end.kind === 'returned') {
    const y = trackTop(geometry, timeline, bar.lane, bar.tail.track) + metrics.track / 2;
    const end = bar.tail.kind === 'settled' ? (geometry.eventX[bar.tail.event] as number) : geometry.edge;
    const settledAt = bar.tail.kind === 'settled' ? `<line class="tail tail-set" x1="${n(end)}" x2="${n(end)}" y1="${n(y - 3)}" y2="${n(y + 3)}"/>` : '';
    tail = `<path class="tail tail-set${bar.tail.kind === 'unsettled' ? ' unsettled' : ''}" data-settlement="${bar.tail.kind}" d="M${n(right)} ${n(top + height)}V${n(y)}H${n(end)}"/>${settledAt}`;
  }
  const aria = `${bar.id}: ${bar.label}, thread ${bar.thread}, line ${bar.call.line}`;
  return `<g class="${classes}" data-bar="" data-op="${escape(bar.id)}" data-kind="${bar.kind}" data-thread="${escape(bar.thread)}" data-state="${bar.end.kind}" data-linearized="${bar.points.length > 0}" data-failed="${isFailed}" role="button" tabindex="0" aria-label="${escape(aria)}">${shape}<text class="label" x="${n(left + metrics.labelPadding / 2)}" y="${n(top + height / 2)}">${escape(bar.label)}</text>${tail}</g>`;
}

/** A small triangle standing on the top edge of a bar at `x`: where an instant falls. */
function marker(x: number, top: number): string {
  return `<path class="tick" d="M${n(x - 3.5)} ${n(top - 5)}H${n(x + 3.5)}L${n(x)} ${n(top + 1)}Z"/>`;
}

function timelineSvg(timeline: Timeline, geometry: Geometry): string {
  const parts: string[] = [];
  const bottom = geometry.height - metrics.margin;
  timeline.lanes.forEach((_, lane) => {
    if (lane % 2 === 0) parts.push(`<rect class="lane-band" x="0" y="${n(geometry.laneTop[lane] as number)}" width="${n(geometry.width)}" height="${n(geometry.laneHeight[lane] as number)}"/>`);
  });
  for (const label of geometry.versionLabels) {
    const mark = timeline.versions[label.mark];
    const version = mark?.kind === 'placed' ? ` data-version="${mark.version}"` : '';
    const y = metrics.margin + label.row * metrics.rulerRow;
    parts.push(
      `<line class="guide" x1="${n(label.x)}" x2="${n(label.x)}" y1="${n(y + metrics.rulerRow - 2)}" y2="${n(bottom)}"/>` +
        `<g data-role="version"${version}><line class="version-tick" x1="${n(label.x)}" x2="${n(label.x)}" y1="${n(y + 1)}" y2="${n(y + metrics.rulerRow - 2)}"/>` +
        `<text class="version" x="${n(label.x + 3)}" y="${n(y + metrics.rulerRow - 4)}">${escape(label.text)}</text></g>`,
    );
  }
  const judgement = timeline.judgement;
  const failed = judgement.kind === 'illegal' && judgement.failure.kind === 'operation' ? judgement.failure.bar : undefined;
  for (const bar of timeline.bars) parts.push(barMarkup(bar, timeline, geometry, failed));

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
  if (judgement.kind === 'illegal' && geometry.failureX !== undefined) {
    const x = geometry.failureX;
    if (failed !== undefined) {
      const bar = timeline.bars[failed] as Bar;
      const top = rowTop(geometry, bar.lane, bar.row);
      parts.push(
        `<g class="failure" data-role="failure-point" data-op="${escape(bar.id)}"><line x1="${n(x)}" x2="${n(x)}" y1="${n(top)}" y2="${n(top + metrics.rowHeight)}"/>${marker(x, top)}<text x="${n(x)}" y="${n(top - 6)}">✗</text></g>`,
      );
    } else {
      parts.push(`<g class="failure" data-role="failure-point"><line x1="${n(x)}" x2="${n(x)}" y1="${n(geometry.rulerBottom)}" y2="${n(bottom)}"/><text class="at-end" x="${n(x - 4)}" y="${n(geometry.rulerBottom - 2)}">✗ end of the trace</text></g>`);
    }
  }
  const ending = timeline.ending.kind;
  const endX = n(geometry.edge);
  parts.push(
    `<g class="end-marker ${ending}" data-role="end-marker" data-ending="${ending}"><line x1="${endX}" x2="${endX}" y1="${n(geometry.rulerBottom)}" y2="${n(bottom)}"/>` +
      `<text x="${n(geometry.edge + 3)}" y="${n(geometry.rulerBottom + 10)}">${ending === 'quiescent' ? 'end' : 'cut'}</text></g>`,
  );
  return `<svg class="history" xmlns="http://www.w3.org/2000/svg" width="${n(geometry.width + 30)}" height="${n(geometry.height)}" role="group" aria-label="timeline">${parts.join('\n')}</svg>`;
}

function threadsSvg(timeline: Timeline, geometry: Geometry): string {
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

/**
 * Renders the verdict of the trace checker on a trace as one self-contained HTML page: the
 * verdict (for `illegal`, the clause and message, prominently, and the operation that could not
 * take effect, highlighted), a timeline with a lane per thread and a bar per operation from its
 * call to its return (open-ended when it never returned; a sync set's settlement as a line under
 * it), the linearization as numbered instants on the bars, and the value's versions along the top.
 * Hovering over or clicking a bar shows that operation's details.
 *
 * `verdict` must be what `checkTrace` answered on this `trace`; the page embeds both and needs no
 * network.
 *
 * @example
 * ```ts
 * import { checkTrace, parseTrace, renderVerdictHtml } from 'event-value/conformance';
 *
 * const trace = parseTrace(
 *   [
 *     '{"trace":"event-value","version":1,"mode":"async"}',
 *     '{"event":"op","id":"s1","thread":"producer","op":"set","data":{"v":1}}',
 *     '{"event":"op","id":"w1","thread":"consumer","op":"watch","watcher":"w"}',
 *     '{"event":"op","id":"g1","thread":"consumer","op":"get","watcher":"w","data":{"v":1}}',
 *   ].join('\n'),
 * );
 * const page = renderVerdictHtml(trace, checkTrace(trace), { title: 'a short trace' });
 * // Write it where a browser can open it: writeFileSync('verdict.html', page).
 * console.log(page.startsWith('<!doctype html>')); // true
 * ```
 */
export function renderVerdictHtml(trace: Trace, verdict: Verdict, options: HtmlOptions = {}): string {
  const timeline = buildTimeline(trace, verdict);
  const geometry = layOut(timeline);
  const title = options.title;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escape(`${verdict.verdict}${title === undefined ? '' : ` · ${title}`} · event-value check-trace`)}</title>
<style>${pageStyle}</style>
</head>
<body data-verdict="${verdict.verdict}">
${header(timeline, title)}
<div class="timeline" data-role="timeline">${threadsSvg(timeline, geometry)}${timelineSvg(timeline, geometry)}</div>
<script type="application/json" id="event-value-details">${scriptJson(allDetails(trace, timeline))}</script>
<script>${pageScript}</script>
</body>
</html>
`;
}
