/**
 * `npm run bench`: every benchmark scenario with its floor and its peers measured side by side in
 * the same run (bench/measure.ts), the targets of issue 18 with `met` or `not met`, and
 * docs/benchmarks.md written with the machine and the date. No timing is ever asserted.
 *
 * Options (after `npm run bench --`):
 * - `--quick`: every scenario once, with small sizes; nothing written. CI runs it so the
 *   benchmarks never rot.
 * - `--only <scenario>`: only that scenario (`set`, `fan-out`, `sync`, `ready-get`, `churn`,
 *   `memory`, `etcd`); repeat it for several. Nothing is written.
 * - `--contender <text>`: only the contenders whose name contains the text, to profile one alone.
 * - `--rounds <n>`: that many measured rounds instead of the default.
 * - `--profile`: runs the same command again under V8's CPU profiler (`node --cpu-prof`), prints
 *   the path of the `.cpuprofile` it wrote into a new temporary folder and the functions with the
 *   most self time. Open the file in Chrome's DevTools (Performance, "Load profile") or with
 *   `npx speedscope` for the whole tree.
 *
 * docs/benchmarks.md is regenerated whole, except its sections this script does not write (any
 * `## ` heading not in {@link ownHeadings}, such as the trace checker's): those are kept as they
 * are, after the generated ones.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pairedRatio, type ContenderFilter } from '../bench/measure.js';
import { summarizeProfile } from '../bench/profile-summary.js';
import {
  churnScenario,
  fanOutScenario,
  fullSizes,
  memoryScenario,
  names,
  quickSizes,
  readyGetScenario,
  setScenario,
  syncScenario,
  type Outcome,
  type Run,
  type Sizes,
} from '../bench/scenarios.js';

const args = process.argv.slice(2);

/** The values of every `--name value` pair of the command line. */
function values(name: string): string[] {
  return args.flatMap((arg, index) => (arg === name && args[index + 1] !== undefined ? [args[index + 1] as string] : []));
}

if (args.includes('--profile')) {
  const folder = mkdtempSync(join(tmpdir(), 'event-value-profile-'));
  const script = fileURLToPath(import.meta.url);
  const rest = args.filter((arg) => arg !== '--profile');
  const child = spawnSync(process.execPath, ['--expose-gc', '--cpu-prof', `--cpu-prof-dir=${folder}`, script, ...rest], { stdio: 'inherit' });
  for (const file of readdirSync(folder)) {
    console.log(`\nCPU profile: ${join(folder, file)}\nself time, the most first:`);
    for (const line of summarizeProfile(join(folder, file))) console.log(line);
  }
  console.log('\nthe whole tree: open the file in Chrome DevTools (Performance, "Load profile") or with npx speedscope');
  process.exit(child.status ?? 1);
}

const quick = args.includes('--quick');
const only = values('--only');
const contenderFilters = values('--contender');
const roundsArgument = values('--rounds')[0];
const scenarioIds = ['set', 'fan-out', 'sync', 'ready-get', 'churn', 'memory', 'etcd'] as const;
type ScenarioId = (typeof scenarioIds)[number];
for (const id of only) {
  if (!(scenarioIds as readonly string[]).includes(id)) {
    console.error(`unknown scenario ${id}; the scenarios are ${scenarioIds.join(', ')}`);
    process.exit(2);
  }
}

/** The sizes, with `--rounds` applied. */
function chosenSizes(): Sizes {
  const base = quick ? quickSizes : fullSizes;
  if (roundsArgument === undefined) return base;
  const measured = Number(roundsArgument);
  if (!Number.isInteger(measured) || measured < 1) {
    console.error('--rounds takes a positive integer');
    process.exit(2);
  }
  return { ...base, rounds: { ...base.rounds, measured }, promiseRounds: { ...base.promiseRounds, measured } };
}

const sizes = chosenSizes();
// The machine is shared: how busy it was when the run began says how far to trust the figures.
const loadAtStart = loadavg()[0] ?? Number.NaN;
const chosen = (id: ScenarioId): boolean => only.length === 0 || only.includes(id);
const filter: ContenderFilter = (name) => contenderFilters.length === 0 || contenderFilters.some((text) => name.includes(text));
const run: Run = { sizes, only: filter };

const outcomes = new Map<ScenarioId, Outcome>();
const scenarios: [ScenarioId, (run: Run) => Outcome | Promise<Outcome>][] = [
  ['set', setScenario],
  ['fan-out', fanOutScenario],
  ['sync', syncScenario],
  ['ready-get', readyGetScenario],
  ['churn', churnScenario],
  ['memory', memoryScenario],
];
for (const [id, scenario] of scenarios) {
  if (!chosen(id)) continue;
  console.error(`running ${id}...`);
  outcomes.set(id, await scenario(run));
}

/** One row of the targets table. */
interface Target {
  readonly measure: string;
  readonly scenario: ScenarioId;
  /** The measured figure, from the scenario's outcome. */
  readonly value: (outcome: Outcome) => number;
  /** The limit, or `undefined` for a figure shown for context. */
  readonly limit: number | undefined;
  readonly unit: 'x' | 'bytes';
  /**
   * For a target against a peer: a floor's own figure against that peer, in the same run, and
   * what that floor keeps. A floor is the cheapest code that keeps what it names, and event-value
   * keeps more, so where the floor itself is above the limit, no implementation that keeps as
   * much can meet it in that run.
   */
  readonly floor?: { readonly keeps: string; readonly value: (outcome: Outcome) => number };
}

const [few, many] = sizes.idleWatchers;
const ratio = (numerator: string, denominator: string) => (outcome: Outcome) => pairedRatio(outcome.samples, numerator, denominator);
const targets: Target[] = [
  { measure: 'async set, nobody waiting, against the floor', scenario: 'set', value: ratio(names.setNone, names.setFloor), limit: 3, unit: 'x' },
  {
    measure: 'fan-out, against the hand-tuned RxJS adapter',
    scenario: 'fan-out',
    value: ratio(names.fanOutValue, names.fanOutTuned),
    limit: 0.8,
    unit: 'x',
    // The floor that also keeps what a close needs: no implementation of the spec keeps less.
    floor: { keeps: 'keeps CLOSE-2', value: ratio(names.fanOutFloorReject, names.fanOutTuned) },
  },
  { measure: 'fan-out, against the floor', scenario: 'fan-out', value: ratio(names.fanOutValue, names.fanOutFloor), limit: 1.2, unit: 'x' },
  { measure: 'sync lockstep, against its floor', scenario: 'sync', value: ratio(names.syncValue, names.syncFloor), limit: 1.3, unit: 'x' },
  {
    measure: 'bytes per idle watcher',
    scenario: 'memory',
    value: (outcome) => outcome.rows.find((row) => row.contender === names.memoryValue)?.perOperation ?? Number.NaN,
    limit: 96,
    unit: 'bytes',
  },
  { measure: `set with ${many} idle watchers, against none`, scenario: 'set', value: ratio(names.setIdle(many), names.setNone), limit: 1.1, unit: 'x' },
  { measure: 'ready get, against await Promise.resolve(v) (kept from before)', scenario: 'ready-get', value: ratio(names.readyValue, names.readyPromise), limit: 2, unit: 'x' },
  { measure: `set with ${few} idle watchers, against none (context)`, scenario: 'set', value: ratio(names.setIdle(few), names.setNone), limit: undefined, unit: 'x' },
  { measure: 'RxJS next with no subscriber, against the set floor (context)', scenario: 'set', value: ratio(names.setRxjs, names.setFloor), limit: undefined, unit: 'x' },
  { measure: 'fan-out: hand-tuned RxJS adapter, against the floor (context)', scenario: 'fan-out', value: ratio(names.fanOutTuned, names.fanOutFloor), limit: undefined, unit: 'x' },
  { measure: 'fan-out: the floor, against the hand-tuned RxJS adapter (context)', scenario: 'fan-out', value: ratio(names.fanOutFloor, names.fanOutTuned), limit: undefined, unit: 'x' },
  {
    measure: 'fan-out: the floor keeping reject functions, against the floor (context)',
    scenario: 'fan-out',
    value: ratio(names.fanOutFloorReject, names.fanOutFloor),
    limit: undefined,
    unit: 'x',
  },
  {
    measure: 'fan-out: the floor keeping reject functions, against the hand-tuned RxJS adapter (context)',
    scenario: 'fan-out',
    value: ratio(names.fanOutFloorReject, names.fanOutTuned),
    limit: undefined,
    unit: 'x',
  },
  { measure: 'fan-out: tokio-style watch, against the floor (context)', scenario: 'fan-out', value: ratio(names.fanOutTokio, names.fanOutFloor), limit: undefined, unit: 'x' },
  { measure: 'ready get, against the floor (context)', scenario: 'ready-get', value: ratio(names.readyValue, names.readyFloor), limit: undefined, unit: 'x' },
  { measure: 'churn, against the floor (context)', scenario: 'churn', value: ratio(names.churnValue, names.churnFloor), limit: undefined, unit: 'x' },
];

const figure = (value: number, unit: 'ns' | 'bytes' | 'x'): string =>
  Number.isNaN(value) ? '-' : unit === 'x' ? `${value.toFixed(2)}x` : unit === 'bytes' ? `${value.toFixed(0)} bytes` : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ns`;
const resultRows = [...outcomes.values()].flatMap((outcome) =>
  outcome.rows.map(
    (row) =>
      `| ${outcome.title} | ${row.contender} | ${outcome.unit === 'bytes' ? '-' : `${row.perSample.toFixed(3)} ms`} | ${figure(row.perOperation, outcome.unit)} per ${outcome.operation} | ${row.samples} |`,
  ),
);
const targetRows = targets.flatMap((target) => {
  const outcome = outcomes.get(target.scenario);
  if (outcome === undefined) return [];
  const value = target.value(outcome);
  if (Number.isNaN(value)) return [];
  const wanted = target.limit === undefined ? '-' : `≤ ${target.unit === 'x' ? `${target.limit}x` : `${target.limit} bytes`}`;
  const floor = target.floor?.value(outcome);
  const verdict =
    target.limit === undefined
      ? 'context'
      : value <= target.limit
        ? 'met'
        : floor !== undefined && floor > target.limit
          ? `not met; out of reach in this run (the floor that ${target.floor?.keeps} is at ${figure(floor, target.unit)})`
          : 'not met';
  return [`| ${target.measure} | ${figure(value, target.unit)} | ${wanted} | ${verdict} |`];
});

let etcdLines: string[] = [];
if (chosen('etcd') && contenderFilters.length === 0) {
  // Imported here, so that a profile of another scenario does not show etcd's client loading.
  const { etcdInstalled, measureEtcdLatency } = await import('../bench/etcd-latency.js');
  if (etcdInstalled()) {
    console.error('running etcd...');
    const etcd = await measureEtcdLatency(sizes.etcdSets);
    etcdLines = [
      '| EtcdValue, 10 watchers on their own clients | median | 99th percentile | deliveries |',
      '| --- | --- | --- | --- |',
      `| set to watcher latency through etcd | ${etcd.median.toFixed(2)} ms | ${etcd.p99.toFixed(2)} ms | ${etcd.deliveries} |`,
    ];
  } else {
    etcdLines = ['EtcdValue latency: skipped, `etcd` is not installed (Debian: `apt-get install etcd-server`).'];
  }
}

const tables = [
  '| measure | measured | target | |',
  '| --- | --- | --- | --- |',
  ...targetRows,
  '',
  '| scenario | contender | median sample | per operation | samples |',
  '| --- | --- | --- | --- | --- |',
  ...resultRows,
  ...(etcdLines.length > 0 ? ['', ...etcdLines] : []),
].join('\n');
console.log(tables);

/** The headings this script writes; every other `## ` section of the page is kept. */
const ownHeadings = ['Targets and results', 'How it is measured', 'The floors and the peers', 'Profiling one scenario', 'Notes'];

/** The sections of an existing page that this script does not write, in their order. */
function keptSections(page: string): string[] {
  const sections = page.split(/^(?=## )/m).slice(1);
  return sections.filter((section) => !ownHeadings.some((heading) => section.startsWith(`## ${heading}\n`))).map((section) => section.trimEnd());
}

const METHOD = `Every contender of a scenario is measured in the same process, side by side, in rounds
(\`bench/measure.ts\`): in each round every contender runs one sample, in an order rotated from
round to round, so that each follows each other one equally often and none always runs first. A
figure is a contender's median sample; a ratio is the median, over the rounds, of the two
contenders' samples in the same round, since the shared machine's speed drifts between rounds
but hardly within one. Warm-up rounds are not counted. The heap is not collected by force
between samples: that shrinks V8's young generation, and the next sample pays for growing it
again (sync lockstep took about twice as long after one), which no program in its steady state
pays. Benchmarks run compiled code (\`tsc\`), as users do.

An operation of a few nanoseconds (the set) is timed five million times per sample, so that even
the floor's sample lasts about 10 ms: neither the timer's resolution nor one context switch of
this shared machine weighs much in it. Each contender's timed loop is a
function literal of its own where the operation costs nanoseconds, since V8 keeps type feedback
per literal and a loop shared by several classes would make each pay for a polymorphic call (the
fan-out's loop of gets is shared: a copy per contender measured the same). The loop's result
(the floor's version, the watchers, the last watcher, a sum) is written to a sink that outlives
it, so that V8 cannot prove the work unused and delete it. Fan-out and sync lockstep let every
continuation run (one macrotask turn) between sets, for every contender alike, and check that
every consumer received every version. Memory is measured with \`--expose-gc\`: the heap after a
forced collection, before and after making 100,000 idle watchers, minus the same measure of the
array holding them (filled with one shared object instead), per watcher; the median of three.
What is counted is the watcher and what it alone keeps alive (its state and its cursor), not the
value it watches nor the array.`;

const FLOORS = `A floor is the cheapest code that meets one benchmark's contract and nothing more
(\`bench/floors.ts\` says for each why nothing cheaper would):

- **set**: write the data, bump a version, see that nobody waits: two field writes and a length
  check.
- **fan-out** (and the ready get): a slot per consumer allocated at watch (its cursor, the
  resolver of its waiting get, and that get's executor), a set that walks the slots, and no
  allocation per delivery beyond the promise. Beside it, the same floor keeping each waiting
  get's reject function too: the least any implementation of the spec keeps, since a close must
  reject a waiting get (CLOSE-2), which this benchmark never does. Against the RxJS adapter, a
  target is out of reach in a run where even this floor is above it.
- **sync lockstep**: the producer awaits each set, so one version at most is in flight: a counter
  of the consumers that still lack it and one resolver, no log.
- **churn**: one object with a cursor, the value and a closed flag; close is one write.

The peers (\`bench/peers.ts\`): RxJS's \`BehaviorSubject\` with the hand-tuned adapter (one
persistent subscription per consumer, the executor of a waiting get allocated once: the best form
a skilled RxJS user would write, and the peer to beat), tokio's \`watch\` transcribed by hand
("changed + borrow": a version counter, a cursor per receiver, one waker per receiver, a list of
the waiting receivers that a send empties), and for context the idiomatic RxJS adapter
(\`firstValueFrom\` with \`filter\`, a subscription per get) and \`EventEmitter\` with
\`events.once\`.`;

const PROFILING = `One scenario alone, under V8's CPU profiler:

\`\`\`sh
npm run bench -- --only fan-out --profile                           # every contender of the fan-out
npm run bench -- --only fan-out --contender event-value --profile   # event-value alone
\`\`\`

Each prints the path of the \`.cpuprofile\` it wrote into a new temporary folder and the functions
with the most self time; open the file in Chrome DevTools (Performance, "Load profile") or with
\`npx speedscope\` for the whole tree. The scenarios are \`set\`,
\`fan-out\`, \`sync\`, \`ready-get\`, \`churn\`, \`memory\` and \`etcd\`; \`--rounds N\` changes the
number of measured rounds. The same by hand: \`npx tsc -p tsconfig.bench.json && node --expose-gc
--cpu-prof --cpu-prof-dir=/tmp/profile build/bench/scripts/bench.js --only fan-out\`.`;

if (quick || only.length > 0 || contenderFilters.length > 0 || roundsArgument !== undefined) {
  console.log(`\nbench: ${quick ? 'quick run, figures meaningless' : 'partial run'}; nothing written`);
} else {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${type()}, ${cpus().length} x ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const path = 'docs/benchmarks.md';
  const kept = existsSync(path) ? keptSections(readFileSync(path, 'utf8')) : [];
  const page = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, on ${machine}; the load average`,
    `was ${loadAtStart.toFixed(1)} when the run began (the machine is shared: absolute times drift, ratios much less).`,
    '',
    '## Targets and results',
    '',
    tables,
    '',
    '## How it is measured',
    '',
    METHOD,
    '',
    '## The floors and the peers',
    '',
    FLOORS,
    '',
    '## Profiling one scenario',
    '',
    PROFILING,
    ...kept.flatMap((section) => ['', section]),
    '',
  ].join('\n');
  writeFileSync(path, page);
  console.log(`\nwrote ${path}${kept.length > 0 ? ` (kept ${kept.length} section(s) it does not write)` : ''}`);
}
