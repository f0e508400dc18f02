/**
 * `event-value check-trace FILE --html OUT`: writes the page of the trace's verdict, and prints the
 * same verdict with the same exit status as without the flag; a missing or unwritable OUT is a
 * usage error (exit 2). The page itself is checked by test/visualize-timeline.test.ts and, in a
 * browser, by chromium-tests/.
 *
 * This test imports nothing from the checker: it learns the verdict from the command's `--json`
 * output, so that the mutation run, which runs a test for the mutants of the code it covers,
 * does not spawn these processes for every mutant of the checker.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'check-trace-html-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'conformance', 'cli.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('check-trace --html', () => {
  it('writes the picture of the verdict, and prints the verdict and exits as without it', { timeout: 120_000 }, () => {
    for (const [file, status, attributes] of [
      ['conformance/golden/illegal/CLOSE-3.closed-watcher-answers.jsonl', 1, 'data-verdict="illegal" data-clause="CLOSE-3" data-operation="g"'],
      ['conformance/golden/legal/multi-threaded-overlap.jsonl', 0, 'data-verdict="ok"'],
    ] as const) {
      const out = join(folder, 'verdict.html');
      const withPicture = cli('check-trace', file, '--json', '--html', out);
      expect(withPicture).toEqual({ ...cli('check-trace', file, '--json'), status });
      const verdict = JSON.parse(withPicture.stdout) as { verdict: string; linearization: unknown[] };
      const page = readFileSync(out, 'utf8');
      expect(page).toContain(`<title>${verdict.verdict} · ${file} · event-value check-trace</title>`);
      expect(page).toContain(`<section class="verdict verdict-${verdict.verdict}" data-role="verdict" ${attributes}>`);
      const operations = readFileSync(join(root, file), 'utf8').match(/"event":"(call|op)"/g) ?? [];
      expect(page.match(/<g [^>]*data-bar=""/g)).toHaveLength(operations.length);
      expect(page.match(/<g [^>]*data-point="/g)).toHaveLength(verdict.linearization.length);
      expect(cli('check-trace', file, '--html', out)).toEqual({ ...cli('check-trace', file), status });
    }
  });

  it('is a usage error without a file to write, or with one it cannot write, and for conform', { timeout: 60_000 }, () => {
    const trace = 'conformance/golden/legal/async-coalescing.jsonl';
    const missing = cli('check-trace', trace, '--html');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--html needs the file to write/);
    const unwritable = cli('check-trace', trace, '--html', join(folder, 'no', 'such', 'folder', 'out.html'));
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toMatch(/cannot write .*out\.html/);
    expect(cli('conform', '--html', join(folder, 'conform.html')).status).toBe(2);
  });
});
