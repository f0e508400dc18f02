/**
 * Every `@example` in a doc comment is type-checked and run, so the generated API docs, which
 * readers take as the spec of each method, cannot rot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The fenced code of every `@example` in a file's doc comments. */
function examples(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const comment of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const lines = comment.split('\n').map((line) => line.replace(/^\s*\/?\*+\/?\s?/, ''));
    const body = lines.join('\n');
    for (const match of body.matchAll(/@example\s*\n```ts\n([\s\S]*?)```/g)) found.push(match[1] ?? '');
  }
  return found;
}

/** Points the package's imports at this repository's sources. */
function localise(code: string): string {
  return code
    .replaceAll("from 'event-value/conformance'", `from '${join(root, 'conformance', 'index.js')}'`)
    .replaceAll("from 'event-value/model'", `from '${join(root, 'model', 'index.js')}'`)
    .replaceAll("from 'event-value'", `from '${join(root, 'src', 'index.js')}'`);
}

const all = ['src', 'model', 'conformance'].flatMap((folder) => sources(join(root, folder))).flatMap((file) =>
  examples(file).map((code, index) => ({ name: `${file.slice(root.length + 1)} #${index + 1}`, code })),
);

describe('doc comment examples', () => {
  it('there are examples to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(3);
  });

  for (const example of all) {
    it(`${example.name} type-checks and runs`, () => {
      const directory = mkdtempSync(join(tmpdir(), 'doc-example-'));
      const file = join(directory, 'example.mts');
      writeFileSync(file, `${localise(example.code)}\nexport {};\n`);
      const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      const program = ts.createProgram([file], { ...config?.options, noEmit: true, noUnusedLocals: false });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      expect(diagnostics).toEqual([]);
      execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [file], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    }, 30_000);
  }
});
