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
import { escape, threadsSvg, timelineSvg } from './drawing.js';
import { layOut } from './layout.js';
import { pageScript } from './script.js';
import { pageStyle } from './style.js';
import { buildTimeline, type Bar, type Timeline } from './timeline.js';

/** Options of {@link renderVerdictHtml}. */
export interface HtmlOptions {
  /** What the page is about, shown in its title: usually the trace file's name. */
  readonly title?: string;
}

/** JSON for a `<script type="application/json">`: no `<` can end the element early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
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
  const still = `${plural(pending, 'operation')} ${pending === 1 ? 'was' : 'were'} still pending`;
  if (kind === 'quiescent') return `recording ended quiescent${pending === 0 ? '' : `: ${still} (each must be one the spec lets wait forever)`}`;
  return pending === 0 ? 'recording stopped with no operation pending (no end marker)' : `recording cut while ${still} (each may have taken effect after the cut, or never)`;
}

function header(timeline: Timeline, title: string | undefined): string {
  const threads = plural(timeline.lanes.length, 'thread');
  return `<header>
<div class="summary">
<h1>event-value check-trace${title === undefined ? '' : ` <span class="file">${escape(title)}</span>`}</h1>
${verdictSection(timeline)}
<p class="facts">${timeline.mode} mode · ${plural(timeline.events, 'event')} · ${plural(timeline.bars.length, 'operation')} · ${threads} · <span data-role="ending" data-ending="${timeline.ending.kind}" data-pending="${timeline.ending.pending}">${escape(endingText(timeline))}</span></p>
<form class="find" data-role="find"><label>Find an operation <input type="search" name="operation" placeholder="id or line number" autocomplete="off"></label> <button type="submit">Show</button> <output data-role="find-result"></output></form>
<p class="legend">
<span class="key"><span class="swatch" style="background:#cfe0fb;border-color:#4f7fd0"></span>set</span>
<span class="key"><span class="swatch" style="background:#d5f0dc;border-color:#3f9a5a"></span>get</span>
<span class="key"><span class="swatch" style="background:#e8e8e8;border-color:#8a8a8a"></span>watch</span>
<span class="key"><span class="swatch" style="background:#eadcf7;border-color:#8a5cc2"></span>close</span>
<span class="key"><span class="swatch" style="background:#fde5cc;border-color:#d98a2b"></span>abort</span>
<span class="key">bar: from call to return; open at the right, label ending in …: never returned</span>
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
