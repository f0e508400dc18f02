/**
 * `event-value check-trace FILE --html OUT`: writes the page of `renderVerdictHtml` for the
 * trace's verdict, and prints the same verdict with the same exit status as without the flag;
 * a missing or unwritable OUT is a usage error (exit 2). The page itself is checked by
 * test/visualize-timeline.test.ts and, in a browser, by chromium-tests/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { renderVerdictHtml } from '../conformance/visualize/page.js';

const root = join(import.meta.dirname, '..');
const folder = mkdtempSync(join(tmpdir(), 'check-trace-html-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'conformance', 'cli.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('check-trace --html', () => {
  it('writes the picture of the verdict, and prints the verdict and exits as without it', { timeout: 60_000 }, () => {
    for (const [file, status] of [
      ['conformance/golden/illegal/CLOSE-3.closed-watcher-answers.jsonl', 1],
      ['conformance/golden/legal/multi-threaded-overlap.jsonl', 0],
    ] as const) {
      const out = join(folder, 'verdict.html');
      const withPicture = cli('check-trace', file, '--html', out);
      const without = cli('check-trace', file);
      expect(withPicture).toEqual({ ...without, status });
      const trace = parseTrace(readFileSync(join(root, file), 'utf8'));
      expect(readFileSync(out, 'utf8')).toBe(renderVerdictHtml(trace, checkTrace(trace), { title: file }));
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
