/**
 * `npm run bench:checker`: how fast the trace checker judges large histories.
 *
 * - Generated legal histories (properties/histories): random programs of 8 threads run against the
 *   reference model, their intervals widened, recorded whole and quiescent or cut with calls in
 *   flight, in both modes: 1,000 and 10,000 operations. Every verdict must be `ok` (never
 *   `unknown`); the targets are under 1 s and under 10 s for each history.
 * - Recorded sequential histories: 1,000,000 async-mode events from 100 watchers and 100,000
 *   sync-mode events from 10 watchers, recorded from MemoryValue with the recorder (consumers
 *   looping on get while a producer sets), judged in under 10 s.
 *
 * Each figure is the wall-clock time and, since these machines are shared, the processor time the
 * check took. `--quick` uses small sizes, only so the script never rots.
 *
 * @module
 */

import fc from 'fast-check';
import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { Recorder } from '../conformance/trace/recorder.js';
import { generate, traceText } from '../properties/histories/generate.js';
import { planArbitrary } from '../properties/histories/plan.js';
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

const seconds = (from: number, to: number): string => ((to - from) / 1000).toFixed(2);

/** Generated histories of about `operations` operations from 8 threads, `count` of each mode. */
async function generated(operations: number, count: number): Promise<void> {
  for (const mode of ['async', 'sync'] as const) {
    const plans = fc.sample(planArbitrary({ maxSteps: operations, minSteps: operations, maxThreads: 8, minThreads: 8, mode }), { numRuns: count, seed: 20_261_130 + operations });
    const times: number[] = [];
    const processor: number[] = [];
    const sizes: number[] = [];
    const verdicts = new Map<string, number>();
    for (const [index, plan] of plans.entries()) {
      // Half recorded whole and quiescent, half cut in the last tenth, so the histories have their size.
      const history = await generate({ ...plan, lively: true, ending: index % 2 === 0 ? 'quiescent' : 'cut', cutFrom: 0.9 });
      const trace = parseTrace(traceText(history.records));
      const started = performance.now();
      const used = process.cpuUsage();
      const verdict = checkTrace(trace);
      times.push(performance.now() - started);
      const spent = process.cpuUsage(used);
      processor.push((spent.user + spent.system) / 1000);
      sizes.push(trace.operations.length);
      verdicts.set(verdict.verdict, (verdicts.get(verdict.verdict) ?? 0) + 1);
      if (verdict.verdict !== 'ok') {
        console.error(`${mode} mode, history ${index}: ${JSON.stringify(verdict).slice(0, 400)}`);
        process.exitCode = 1;
      }
    }
    const worst = Math.max(...times) / 1000;
    const mean = times.reduce((sum, time) => sum + time, 0) / times.length / 1000;
    const worstProcessor = Math.max(...processor) / 1000;
    console.log(
      `${mode === 'sync' ? 'sync ' : 'async'} mode: ${count} generated histories of ${Math.min(...sizes)} to ${Math.max(...sizes)} operations from 8 threads: ${[...verdicts].map(([name, number]) => `${number} ${name}`).join(', ')}; mean ${mean.toFixed(3)} s, worst ${worst.toFixed(3)} s (worst processor time ${worstProcessor.toFixed(3)} s)`,
    );
  }
}

for (const [operations, count] of quick ? ([[100, 4]] as const) : ([[1000, 20], [10_000, 4]] as const)) await generated(operations, count);

for (const [sync, watchers, lines] of quick ? ([[false, 10, 1000], [true, 5, 1000]] as const) : ([[false, 100, 1_000_000], [true, 10, 100_000]] as const)) {
  const text = await record(sync, watchers, lines);
  const started = performance.now();
  const used = process.cpuUsage();
  const trace = parseTrace(text);
  const parsed = performance.now();
  const verdict = checkTrace(trace);
  const checked = performance.now();
  const spent = process.cpuUsage(used);
  const count = text.split('\n').length - 2;
  console.log(
    `${sync ? 'sync ' : 'async'} mode: ${count} recorded events from ${watchers} watchers: ${verdict.verdict} in ${seconds(started, checked)} s (parse ${seconds(started, parsed)} s, check ${seconds(parsed, checked)} s; processor time ${((spent.user + spent.system) / 1e6).toFixed(2)} s)`,
  );
  if (verdict.verdict !== 'ok') process.exitCode = 1;
}
