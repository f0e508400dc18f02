/**
 * Finding, localising and checking the `@example`s of doc comments; used by the doc-example tests
 * here and in `etcd-tests/`.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { expect } from 'vitest';

/** The repository's root. */
export const root = join(import.meta.dirname, '..', '..');

/** Every TypeScript source under `directory`, tests excluded. */
export function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The fenced code of every `@example` in a file's doc comments. */
export function examples(file: string): string[] {
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
export function localise(code: string): string {
  return code
    .replaceAll("from 'event-value/conformance'", `from '${join(root, 'conformance', 'index.js')}'`)
    .replaceAll("from 'event-value/etcd'", `from '${join(root, 'src', 'etcd', 'index.js')}'`)
    .replaceAll("from 'event-value/model'", `from '${join(root, 'model', 'index.js')}'`)
    .replaceAll("from 'event-value'", `from '${join(root, 'src', 'index.js')}'`);
}

/**
 * Type-checks `code` with the project's compiler options and runs it with tsx, from a fresh
 * folder inside `parent` (inside the repository when the code imports its dev dependencies).
 */
export function checkExample(code: string, parent: string): void {
  const directory = mkdtempSync(join(parent, 'doc-example-'));
  const file = join(directory, 'example.mts');
  writeFileSync(file, `${localise(code)}\nexport {};\n`);
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram([file], { ...config?.options, noEmit: true, noUnusedLocals: false });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  expect(diagnostics).toEqual([]);
  execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [file], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
}
