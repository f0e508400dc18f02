/**
 * `npm run check:go [-- --runs N --threads 2,4,8 --seed S]`: real traces from the language of the
 * original. It builds the Go harness of `recorders/go/` with the Go port of MemoryValue and with
 * the Go original (extracted from the seed commit at build time, never copied into this
 * repository), records N runs of each implementation in each mode at each thread count (half of
 * them on one processor, GOMAXPROCS=1, half on all), judges every trace with the trace checker,
 * and prints a table: per implementation and mode, the runs,
 * how many are `ok`, `illegal` (by clause) and `unknown`, how many ended quiescent (the recorder's
 * end marker) and how many runs had a goroutine panic inside the implementation (which a trace
 * cannot express: the operation stays pending).
 *
 * It exits 1 if any run of the port is not `ok`, or if no run of the original is `illegal` (the
 * harness would then be too gentle to show the original's defects), and 2 when Go or the seed
 * commit is missing. Go's caches, the harness and the traces stay in `build/go/` (git-ignored),
 * so the traces of the last run can be read there.
 *
 * @module
 */

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkTrace, type Verdict } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';

/** What `--name value` says on the command line, or the fallback. */
function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  return index === -1 ? fallback : (args[index + 1] ?? '');
}

function usage(problem: string): never {
  console.error(`check:go: ${problem}\nusage: npm run check:go -- [--runs N] [--threads 2,4,8] [--seed S]`);
  process.exit(2);
}

const runs = Number(option('runs', '100'));
const threadCounts = option('threads', '2,4,8').split(',').map(Number);
const seed = Number(option('seed', '1'));
if (!(Number.isInteger(runs) && runs > 0)) usage('--runs must be a positive integer');
if (!threadCounts.every((count) => Number.isInteger(count) && count >= 2)) usage('--threads must list integers of at least 2');
if (!Number.isInteger(seed)) usage('--seed must be an integer');

const root = join(import.meta.dirname, '..');
const module = join(root, 'recorders', 'go');
const build = join(root, 'build', 'go');
const traces = join(build, 'traces');
const environment = { ...process.env, GOPATH: join(build, 'path'), GOCACHE: join(build, 'cache'), GOPROXY: 'off', GOFLAGS: '', GO111MODULE: 'on' };

/**
 * Runs a command in the Go module; on failure prints its output and exits 1, or, when `missing`
 * says that exit status 2 means something needed is missing, prints only the command's own line
 * and exits 2.
 */
function run(command: string, args: readonly string[], missing = false, extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd: module, env: { ...environment, ...extra }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.error !== undefined || result.status !== 0) {
    process.stderr.write(result.stderr ?? '');
    if (missing && result.status === 2) process.exit(2);
    console.error(`check:go: ${command} ${args.join(' ')} failed (${result.error?.message ?? `exit status ${String(result.status)}`})`);
    process.exit(1);
  }
  return result;
}

const started = performance.now();
if (spawnSync('go', ['version'], { encoding: 'utf8' }).status !== 0) {
  console.error("check:go: Go is not installed (Debian's golang-go provides it)");
  process.exit(2);
}
rmSync(traces, { recursive: true, force: true });
mkdirSync(traces, { recursive: true });

// The original out of the seed first (without it there is nothing to compare), then the
// recorder's and the port's own tests (under the race detector when cgo can build it), then the
// harness with both implementations.
const extracted = mkdtempSync(join(tmpdir(), 'event-value-go-original-'));
process.on('exit', () => rmSync(extracted, { recursive: true, force: true }));
run('go', ['build', '-o', join(build, 'extract'), './extract']);
run(join(build, 'extract'), ['-out', extracted, '-repo', root], true);
run('go', ['vet', './...']);
const compiler = spawnSync('go', ['env', 'CC', 'CGO_ENABLED'], { encoding: 'utf8' }).stdout.split('\n');
const race = compiler[1] === '1' && spawnSync(compiler[0] ?? 'gcc', ['--version']).status === 0;
if (!race) console.log('check:go: no C compiler for the race detector; the Go tests run without it');
run('go', ['test', '-count=1', '-timeout=120s', ...(race ? ['-race'] : []), './...']);
const harness = join(build, 'harness');
run('go', ['build', '-tags', 'original', '-overlay', join(extracted, 'overlay.json'), '-o', harness, './harness']);

/** The harness's line for one run. */
interface Summary {
  readonly trace: string;
  readonly quiescent: boolean;
  readonly panics: readonly string[];
  readonly late: number;
}

/** The tally of one implementation in one mode. */
interface Tally {
  runs: number;
  ok: number;
  illegal: Map<string, number>;
  unknown: number;
  quiescent: number;
  panicked: number;
  late: number;
  /** Per clause, the shortest illegal trace, to read. */
  examples: Map<string, { file: string; lines: number }>;
  /** The traces judged other than `ok`, with their verdicts. */
  notOk: { file: string; verdict: Verdict }[];
}

const implementations = ['port', 'original'] as const;
const modes = ['async', 'sync'] as const;
const tallies = new Map<string, Tally>();
let checking = 0;
for (const implementation of implementations) {
  for (const mode of modes) {
    const tally: Tally = { runs: 0, ok: 0, illegal: new Map(), unknown: 0, quiescent: 0, panicked: 0, late: 0, examples: new Map(), notOk: [] };
    tallies.set(`${implementation} ${mode}`, tally);
    for (const threads of threadCounts) {
      // Half the runs on one processor: a goroutine woken by a cancel or a set then waits until the
      // goroutine that woke it blocks, which opens race windows that two processors close at once.
      const halves = [
        { processors: '1', runs: Math.ceil(runs / 2), seed },
        { processors: '', runs: Math.floor(runs / 2), seed: seed + Math.ceil(runs / 2) },
      ].filter((half) => half.runs > 0);
      const lines = halves.flatMap((half) => {
        const options = ['-impl', implementation, '-mode', mode, '-threads', String(threads), '-runs', String(half.runs), '-seed', String(half.seed), '-out', traces];
        return run(harness, options, false, { GOMAXPROCS: half.processors }).stdout.split('\n');
      });
      const began = performance.now();
      for (const line of lines.filter((text) => text !== '')) {
        const summary = JSON.parse(line) as Summary;
        const text = readFileSync(summary.trace, 'utf8');
        const verdict = checkTrace(parseTrace(text));
        tally.runs += 1;
        tally.quiescent += summary.quiescent ? 1 : 0;
        tally.panicked += summary.panics.length > 0 ? 1 : 0;
        tally.late += summary.late;
        const file = relative(root, summary.trace);
        if (verdict.verdict === 'ok') tally.ok += 1;
        else tally.notOk.push({ file, verdict });
        if (verdict.verdict === 'unknown') tally.unknown += 1;
        if (verdict.verdict === 'illegal') {
          tally.illegal.set(verdict.clause, (tally.illegal.get(verdict.clause) ?? 0) + 1);
          const lines = text.split('\n').length;
          const known = tally.examples.get(verdict.clause);
          if (known === undefined || lines < known.lines) tally.examples.set(verdict.clause, { file, lines });
        }
      }
      checking += performance.now() - began;
    }
  }
}

const header = ['implementation', 'mode', 'runs', 'ok', 'illegal', 'unknown', 'quiescent', 'panicked', 'illegal by clause'];
const rows = [...tallies].map(([name, tally]) => {
  const [implementation = '', mode = ''] = name.split(' ');
  const illegal = [...tally.illegal.values()].reduce((sum, count) => sum + count, 0);
  const clauses = [...tally.illegal].sort(([a], [b]) => a.localeCompare(b)).map(([clause, count]) => `${clause} ${count}`).join(', ');
  return [implementation, mode, tally.runs, tally.ok, illegal, tally.unknown, tally.quiescent, tally.panicked, clauses].map(String);
});
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
for (const row of [header, ...rows]) console.log(row.map((cell, column) => (column < 2 || column === row.length - 1 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd());
console.log(`\nthreads ${threadCounts.join(', ')}; ${runs} runs each; seeds from ${seed}; checking took ${(checking / 1000).toFixed(1)} s, everything ${((performance.now() - started) / 1000).toFixed(1)} s`);

for (const [name, tally] of tallies) {
  for (const [clause, { file, lines }] of [...tally.examples].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${name}: shortest ${clause} trace: ${file} (${lines} lines)`);
  }
  if (tally.late > 0) console.log(`${name}: ${tally.late} events came after their run's recording had ended`);
}
const port = [...tallies].filter(([name]) => name.startsWith('port ')).flatMap(([, tally]) => tally.notOk);
for (const { file, verdict } of port) console.log(`port run not ok: ${file}: ${JSON.stringify(verdict)}`);
const originalIllegal = [...tallies].filter(([name]) => name.startsWith('original ')).some(([, tally]) => tally.illegal.size > 0);
if (!originalIllegal) console.log('check:go: no run of the original was judged illegal: the harness is too gentle to show its defects');
process.exit(port.length === 0 && originalIllegal ? 0 : 1);
