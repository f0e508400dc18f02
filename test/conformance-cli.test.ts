/**
 * The `event-value` command line, as a person runs it: `--help`; `conform` on MemoryValue (what
 * `npm start` prints) and on a faulty module, whose report shows the sentence broken, expected
 * against observed, a script and a replay command that replays exactly that case; `--clause`,
 * `--json`, `--features`; the exit statuses; `check-trace`; and the command without fast-check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** Runs the command line, optionally in a process where fast-check cannot be found. */
function cli(args: readonly string[], options: { input?: string; withoutFastCheck?: boolean } = {}): { status: number | null; stdout: string; stderr: string } {
  const hide = options.withoutFastCheck === true ? ['--import', join(root, 'test/support/hide-fast-check.mjs')] : [];
  const result = spawnSync(process.execPath, [...hide, '--import', 'tsx', join(root, 'conformance', 'cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const faulty = 'properties/faulty/modules/first-get-skips-current.ts';

describe('event-value conform', () => {
  it('--help says how to use both commands, the features and the exit statuses, and exits 0', { timeout: 60_000 }, () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    for (const text of ['event-value conform [MODULE]', 'event-value check-trace FILE', '--clause ID', '--seed S --path P', 'strict-order', 'bounded-set', 'Exit status: 0']) expect(help.stdout).toContain(text);
    expect(cli(['conform', '--help']).stdout).toBe(help.stdout);
  });

  it('on MemoryValue (npm start) prints a verdict per section of the spec, the total, and where to look next, no line cut off', { timeout: 120_000 }, () => {
    const result = cli(['conform', '--runs', '30']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toContain('  4. Get                                7 passed');
    expect(lines).toContain('  15. Costs of MemoryValue              3 skipped (COST-1, COST-2, COST-3)');
    expect(result.stdout).toMatch(/^Conforms: 69 passed, 0 failed, 0 undecided, 0 not declared, 4 skipped\.$/m);
    expect(result.stdout).toContain('docs/spec.md, section 16');
    expect(lines.length).toBeLessThan(30);
    expect(result.stdout).not.toContain('\u2026');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('on a faulty module exits 1 and shows the first failure in full, and its replay command replays exactly it', { timeout: 120_000 }, () => {
    const result = cli(['conform', faulty, '--runs', '30']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('GET-2 (4. Get) failed:');
    expect(result.stdout).toMatch(/^ {2}expected: g0 resolves with 1$/m);
    expect(result.stdout).toMatch(/^ {2}observed: nothing settles$/m);
    expect(result.stdout).toContain("report('g0', w0.get()); await tick();  // <- expected: g0 resolves with 1; observed: nothing settles");
    const replay = /^ {2}replay: {3}event-value conform (\S+) --seed (\d+) --path '([^']+)'$/m.exec(result.stdout);
    expect(replay?.[1]).toBe(faulty);
    const again = cli(['conform', faulty, '--seed', replay?.[2] ?? '', '--path', replay?.[3] ?? '']);
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('GET-2 (4. Get) failed:');
    expect(again.stdout).toMatch(/Does NOT conform: 0 passed, 1 failed/);
  });

  it('--clause runs the checks of one clause and reports it alone; --json prints the report', { timeout: 120_000 }, () => {
    const one = cli(['conform', faulty, '--clause', 'ASYNC-1', '--runs', '30']);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^ {2}passed {7}ASYNC-1 /m);
    expect(one.stdout).toMatch(/Conforms: 1 passed, 0 failed/);
    const json = cli(['conform', faulty, '--clause', 'GET-2', '--json', '--runs', '30']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { conforms: boolean; first: string; clauses: { clause: string; status: string; reproduction: { expected: string } }[] };
    expect(report).toMatchObject({ conforms: false, first: 'GET-2' });
    expect(report.clauses).toHaveLength(1);
    expect(report.clauses[0]?.reproduction.expected).toBe('g0 resolves with 1');
  });

  it('--features declares what the module does not say, and a feature not declared is reported as not declared', { timeout: 120_000 }, () => {
    const result = cli(['conform', 'properties/alternatives/creation-order.ts', '--features', 'sync', '--clause', 'VAL-7', '--runs', '30']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/not declared +VAL-7/);
  });

  it('exits 2 with a one-line reason for a usage or loading problem', { timeout: 60_000 }, () => {
    const missing = cli(['conform', 'no-such-file.js']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('event-value: cannot find module no-such-file.js');
    const directory = mkdtempSync(join(tmpdir(), 'conform-'));
    const module = join(directory, 'not-a-factory.mjs');
    writeFileSync(module, 'export default 42;\n');
    expect(cli(['conform', module]).stderr).toMatch(/has no default export that is a function/);
    for (const args of [['conform', '--runs', 'many'], ['frobnicate'], ['conform', '--features', 'fast'], ['conform', '--path', 'async/trace@1'], ['conform', '--seed', '1', '--path', 'no/such@1']]) {
      const result = cli(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^event-value: /);
    }
  });
});

describe('event-value check-trace', () => {
  it('accepts a legal trace (0), rejects an illegal one naming its clause (1), reads standard input, and exits 2 on a file that is no trace', { timeout: 60_000 }, () => {
    expect(cli(['check-trace', 'conformance/golden/legal/multi-threaded-overlap.jsonl']).status).toBe(0);
    const illegal = cli(['check-trace', 'conformance/golden/illegal/CLOSE-3.closed-watcher-answers.jsonl']);
    expect(illegal.status).toBe(1);
    expect(illegal.stdout).toMatch(/illegal at line 5 .*: CLOSE-3:/);
    const text = readFileSync(join(root, 'conformance/golden/legal/async-coalescing.jsonl'), 'utf8');
    const piped = cli(['check-trace', '-', '--json'], { input: text });
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ verdict: 'ok' });
    const broken = cli(['check-trace', 'package.json']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/line 1: /);
  });
});

describe('the command without fast-check, as an installed package has it', () => {
  it('--help and check-trace work; conform says in one line what to install, and exits 2', { timeout: 60_000 }, () => {
    expect(cli(['--help'], { withoutFastCheck: true }).status).toBe(0);
    const trace = cli(['check-trace', 'conformance/golden/legal/async-coalescing.jsonl'], { withoutFastCheck: true });
    expect(trace).toMatchObject({ status: 0, stdout: expect.stringMatching(/^ok: /) });
    const conform = cli(['conform'], { withoutFastCheck: true });
    expect(conform.status).toBe(2);
    expect(conform.stderr).toBe('event-value: conform needs fast-check, which is not installed: npm install --save-dev fast-check@^4.10.2\n');
  });
});
