/**
 * `npm run bench:checker`: how fast the trace checker judges large recorded histories: 1,000,000
 * async-mode events from 100 watchers, and 100,000 sync-mode events. The traces are recorded
 * from MemoryValue with the recorder, so they are real histories with pending gets in them.
 * `--quick` uses small sizes, only so the script never rots.
 *
 * @module
 */

import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { Recorder } from '../conformance/trace/recorder.js';
import { MemoryValue } from '../src/index.js';

const quick = process.argv.includes('--quick');

/** Records a history: `watchers` consumers looping on get while a producer sets, until `lines`. */
async function record(sync: boolean, watchers: number, lines: number): Promise<string> {
  const recorder = new Recorder(sync ? 'sync' : 'async');
  const value = recorder.record(new MemoryValue<number>({ sync }));
  const handles = Array.from({ length: watchers }, () => value.watch());
  let stop = false;
  const consumers = handles.map(async (watcher) => {
    while (!stop) await watcher.get().catch(() => undefined);
  });
  for (let n = 1; recorder.records.length < lines; n++) {
    void value.set(n);
    await new Promise((resolve) => setImmediate(resolve));
  }
  stop = true;
  for (const watcher of handles) watcher.close();
  await Promise.all(consumers);
  return recorder.text();
}

for (const [sync, watchers, lines] of quick ? ([[false, 10, 1000], [true, 5, 1000]] as const) : process.argv.includes("--async-only") ? ([[false, 100, 300_000]] as const) : ([[false, 100, 1_000_000], [true, 10, 100_000]] as const)) {
  const text = await record(sync, watchers, lines);
  const started = performance.now();
  const trace = parseTrace(text);
  const parsed = performance.now();
  const verdict = checkTrace(trace);
  const checked = performance.now();
  const count = text.split('\n').length - 2;
  const seconds = (from: number, to: number): string => ((to - from) / 1000).toFixed(2);
  console.log(
    `${sync ? 'sync ' : 'async'} mode: ${count} events from ${watchers} watchers: ${verdict.verdict} in ${seconds(started, checked)} s (parse ${seconds(started, parsed)} s, check ${seconds(parsed, checked)} s)`,
  );
  if (verdict.verdict !== 'ok') process.exitCode = 1;
}
