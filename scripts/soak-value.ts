/**
 * `npm run soak:value -- --minutes N --watchers W [--seed S]`: a long, random, recorded run of
 * MemoryValue, judged by the trace checker (docs/trace-format.md).
 *
 * One producer sets the value at random intervals while W consumers get with random delays, give
 * up on gets through their signals, close their watchers and watch again. The run alternates
 * between async and sync mode in rounds of at most 10 seconds and 800,000 trace lines (60,000 in sync mode), each round a fresh value recorded by
 * the conformance recorder; at the end of a round every watcher is closed, the round's trace is
 * checked, and it is dropped, so memory stays bounded however long the soak runs. It prints the
 * events checked, each verdict, and the peak heap, and exits 1 unless every verdict is `ok`.
 *
 * `--faulty "NAME"` soaks a variant of the faulty gallery instead (`properties/faulty/`), to show
 * that the soak's verdict can fail.
 *
 * The random choices come from a seeded generator, so a failing round can be replayed with the
 * seed it prints (timers still interleave differently from run to run).
 *
 * @module
 */

import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { Recorder } from '../conformance/trace/recorder.js';
import { gallery } from '../properties/faulty/gallery.js';
import { MemoryValue } from '../src/index.js';
import type { ValueCore, WatcherCore } from '../src/types.js';

/** Reads `--name value` from the command line, as a positive number. */
function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const parsed = Number(args[index + 1]);
  if (!(parsed > 0)) {
    console.error(`usage: npm run soak:value -- --minutes N --watchers W [--seed S]   (--${name} must be a positive number)`);
    process.exit(2);
  }
  return parsed;
}

/** A small seeded generator (mulberry32): the soak's random choices, replayable by seed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The value under soak: MemoryValue, or the faulty variant named by `--faulty`. */
function factory(): (sync: boolean) => ValueCore<number> {
  const args = process.argv.slice(2);
  const index = args.indexOf('--faulty');
  if (index === -1) return (sync) => new MemoryValue<number>({ sync });
  const faulty = gallery.find((variant) => variant.name === args[index + 1]);
  if (faulty === undefined) {
    console.error(`no faulty variant named '${args[index + 1] ?? ''}'; the gallery has: ${gallery.map((variant) => variant.name).join('; ')}`);
    process.exit(2);
  }
  return (sync) => faulty.factory({ sync });
}

const makeValue = factory();
const minutes = option('minutes', 1);
const watcherCount = Math.floor(option('watchers', 1000));
const seed = Math.floor(option('seed', Math.floor(Math.random() * 2 ** 31)));
const roundMs = Math.min(10_000, (minutes * 60_000) / 2);
/**
 * A round also ends at this many trace lines, which keeps each trace's check within memory. A
 * sync-mode trace cannot be split per watcher (a set's audience ties them together), so its
 * check copies the state of every watcher at each step: its rounds are shorter.
 */
const roundLines = { async: 800_000, sync: 60_000 } as const;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Tracks the peak heap, sampled often enough to see each round's high-water mark. */
let peakHeap = 0;
const sampleHeap = (): void => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};

/** One consumer: gets until the round ends, with random delays, aborts, closes and re-watches. */
async function consume(value: ValueCore<number>, random: () => number, until: () => boolean): Promise<void> {
  let watcher: WatcherCore<number> = value.watch();
  while (!until()) {
    const choice = random();
    if (choice < 0.02) {
      // Close and watch again: a consumer restarting.
      watcher.close();
      watcher = value.watch();
      continue;
    }
    if (choice < 0.15) {
      // A get that gives up after a random delay, unless a set comes first.
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error('gave up')), Math.floor(random() * 5));
      await watcher.get({ signal: controller.signal }).catch(() => undefined);
      clearTimeout(timer);
    } else {
      await watcher.get().catch(() => undefined);
    }
    // A consumer that takes a while over what it received.
    if (random() < 0.3) await sleep(Math.floor(random() * 4));
  }
  watcher.close();
}

/** One round: a fresh recorded value, a producer and the consumers, then the checker's verdict. */
async function round(sync: boolean, random: () => number): Promise<{ events: number; verdict: string; detail: string }> {
  const recorder = new Recorder(sync ? 'sync' : 'async');
  const value = recorder.record(makeValue(sync));
  const ends = Date.now() + roundMs;
  let stopped = false;
  const until = (): boolean => stopped;
  const consumers = Array.from({ length: watcherCount }, () => consume(value, random, until));
  const heap = setInterval(sampleHeap, 100);
  for (let n = 1; Date.now() < ends && recorder.records.length < roundLines[sync ? 'sync' : 'async']; n++) {
    // In sync mode the set's promise resolves once every open watcher has the version; the
    // producer does not wait for it, which is what lets slow consumers fall behind (SYNC-5).
    void value.set(n);
    await sleep(2 + Math.floor(random() * 15));
  }
  stopped = true;
  // One last set wakes every consumer that waits, so each sees that the round is over.
  void value.set(0);
  await Promise.all(consumers);
  clearInterval(heap);
  sampleHeap();
  const trace = parseTrace(recorder.text());
  const verdict = checkTrace(trace, { budget: 50_000_000 });
  const events = trace.events.length;
  sampleHeap();
  const detail = verdict.verdict === 'illegal' ? `${verdict.clause} at line ${verdict.line}: ${verdict.message}` : verdict.verdict === 'unknown' ? verdict.reason : '';
  return { events, verdict: verdict.verdict, detail };
}

const random = generator(seed);
const deadline = Date.now() + minutes * 60_000;
console.log(`soak: ${minutes} minute(s), ${watcherCount} watchers, seed ${seed}`);
let total = 0;
let failures = 0;
for (let index = 0; Date.now() + roundMs / 2 < deadline || index < 2; index++) {
  const sync = index % 2 === 1;
  const { events, verdict, detail } = await round(sync, random);
  total += events;
  if (verdict !== 'ok') failures += 1;
  console.log(`round ${index + 1} [${sync ? 'sync' : 'async'}]: ${events} events checked: ${verdict}${detail === '' ? '' : ` (${detail})`}`);
}
console.log(`soak: ${total} events checked, ${failures === 0 ? 'every verdict ok' : `${failures} round(s) not ok`}, peak heap ${(peakHeap / 2 ** 20).toFixed(1)} MiB, seed ${seed}`);
if (failures > 0) process.exitCode = 1;
