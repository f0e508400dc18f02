/**
 * The page's style sheet, inlined into every page so that the file needs nothing else. Labels
 * use a monospace font, whose advance `layout.ts` assumes when it sizes the bars.
 *
 * @module
 */

/** The CSS of the page. */
export const pageStyle = `
:root { color-scheme: light; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d232b; background: #fff; }
header { padding: 12px 16px 8px; display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: flex-start; }
header .summary { flex: 1 1 560px; min-width: 0; }
h1 { font-size: 15px; font-weight: 600; margin: 0 0 8px; color: #4a5563; }
h1 .file { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; color: #1d232b; }
.verdict { border: 1px solid; border-left-width: 6px; border-radius: 6px; padding: 8px 12px; margin: 0 0 8px; max-width: 70em; }
.verdict p { margin: 2px 0; }
.verdict-ok { background: #eef8ef; border-color: #4f9d5a; }
.verdict-illegal { background: #fdeeee; border-color: #c62828; }
.verdict-unknown { background: #fff6e0; border-color: #c98a12; }
.headline { font-size: 18px; }
.headline strong { text-transform: uppercase; letter-spacing: .04em; }
.clause { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-weight: 700; color: #b3261e; font-size: 20px; }
.message { font-size: 15px; font-weight: 500; }
button.jump { font: inherit; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; color: #b3261e; background: #fff; border: 1px solid #c62828; border-radius: 4px; padding: 0 6px; cursor: pointer; }
.facts { margin: 0 0 6px; color: #4a5563; }
.find { margin: 0 0 6px; font-size: 13px; color: #4a5563; }
.find input { font: inherit; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; width: 16em; padding: 1px 4px; }
.find button { font: inherit; }
.find output { margin-left: 6px; color: #b3261e; }
.legend { margin: 0; color: #4a5563; font-size: 12.5px; }
.legend .key { display: inline-block; margin-right: 14px; white-space: nowrap; }
.swatch { display: inline-block; width: 22px; height: 10px; border: 1px solid #888; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
.timeline { display: flex; overflow-x: auto; border-top: 1px solid #d8dde3; border-bottom: 1px solid #d8dde3; }
.threads { position: sticky; left: 0; z-index: 2; flex: none; background: #fff; border-right: 1px solid #d8dde3; }
.history { flex: none; }
svg text { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.thread-name { font-size: 12px; fill: #1d232b; }
.ruler-name { font-size: 11px; fill: #6b7684; }
.lane-band { fill: #f6f8fa; }
.guide { stroke: #7f9fd4; stroke-width: 1; stroke-dasharray: 2 3; opacity: .55; }
.version { font-size: 10px; fill: #2f5da8; }
.version-tick { stroke: #2f5da8; stroke-width: 1.5; }
.bar { cursor: pointer; outline: none; }
.bar rect, .bar path { stroke-width: 1; }
.bar .label { font-size: 11px; fill: #1d232b; pointer-events: none; dominant-baseline: central; }
.kind-set rect { fill: #cfe0fb; } .kind-set path, .kind-set rect { stroke: #4f7fd0; }
.kind-get rect { fill: #d5f0dc; } .kind-get path, .kind-get rect { stroke: #3f9a5a; }
.kind-watch rect { fill: #e8e8e8; } .kind-watch path, .kind-watch rect { stroke: #8a8a8a; }
.kind-close rect { fill: #eadcf7; } .kind-close path, .kind-close rect { stroke: #8a5cc2; }
.kind-abort rect { fill: #fde5cc; } .kind-abort path, .kind-abort rect { stroke: #d98a2b; }
.bar.pending rect { stroke: none; }
.bar[data-linearized="false"] rect { fill-opacity: .45; stroke-dasharray: 3 2; }
.bar.failed rect { fill: #f8c9c6; fill-opacity: 1; stroke: #c62828; stroke-width: 2.5; stroke-dasharray: none; }
.bar.failed path { stroke: #c62828; stroke-width: 2.5; }
.bar:hover rect, .bar:focus rect { stroke-width: 2; }
.bar.selected rect, .bar.selected path { stroke: #111; stroke-width: 2.5; }
.bar.failed.selected rect, .bar.failed.selected path { stroke: #c62828; stroke-width: 3.5; }
.tail { stroke-width: 2; fill: none; }
.tail.unsettled { stroke-dasharray: 4 3; }
.tail-set { stroke: #4f7fd0; }
.path { fill: none; stroke: #1d232b; stroke-opacity: .28; stroke-width: 1; pointer-events: none; }
.point line { stroke: #1d232b; stroke-width: 1; stroke-opacity: .45; }
.point .tick { fill: #1d232b; stroke: none; }
.point.phase-request .tick { fill: #fff; stroke: #1d232b; stroke-width: 1; }
.point.phase-request line { stroke-dasharray: 2 2; }
.point text { font-size: 9px; fill: #1d232b; text-anchor: middle; }
.point { pointer-events: none; }
.point.lit line { stroke: #d0006f; stroke-opacity: 1; stroke-width: 2; } .point.lit .tick { fill: #d0006f; stroke: #d0006f; } .point.lit text { fill: #d0006f; font-weight: 700; }
.failure { pointer-events: none; }
.failure line { stroke: #c62828; stroke-width: 2; }
.failure .tick { fill: #c62828; }
.failure text { font-size: 12px; font-weight: 700; fill: #c62828; text-anchor: middle; }
.failure text.at-end { text-anchor: end; }
.end-marker line { stroke: #6b7684; stroke-width: 1.5; }
.end-marker.cut line { stroke-dasharray: 5 3; }
.end-marker text { font-size: 10px; fill: #6b7684; }
aside.details { flex: 0 1 420px; min-width: 300px; height: 200px; overflow: auto; box-sizing: border-box; background: #fff; border: 1px solid #b9c2cc; border-radius: 6px; padding: 8px 12px; font-size: 13px; }
aside.details .placeholder { color: #6b7684; margin: 0; }
aside.details h2 { font-size: 13px; margin: 0 0 4px; color: #4a5563; font-weight: 600; }
aside.details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
aside.details dt { color: #6b7684; }
aside.details dd { margin: 0; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; word-break: break-word; }
`;
