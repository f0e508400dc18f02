/**
 * `npm run check:git-install`: what a new user does first. In an empty TypeScript project it runs
 * `npm install git+file://<this repository>` (npm clones the committed HEAD, installs its dev tools
 * and runs `prepare`, which builds `dist/`), then type-checks, compiles and runs the README's
 * quick start there and compares what it prints with the output the README shows. Uncommitted
 * changes are not part of the install: CI runs this on a clean clone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repository = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();

/** The quick start's program and its output: the first `ts` and `text` blocks after the marker. */
function quickStart(readme: string): { readonly program: string; readonly output: string } {
  const after = readme.slice(readme.indexOf('<!-- quick-start'));
  const program = /```ts\n([\s\S]*?)```/.exec(after)?.[1];
  const output = /```text\n([\s\S]*?)```/.exec(after)?.[1];
  if (after.length === 0 || program === undefined || output === undefined) throw new Error('README.md has no quick start after its <!-- quick-start --> marker');
  return { program, output };
}

const { program, output } = quickStart(readFileSync(join(repository, 'README.md'), 'utf8'));
const project = mkdtempSync(join(tmpdir(), 'event-value-git-install-'));
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'first-hour', private: true, type: 'module' }, null, 2));
const started = Date.now();
execFileSync('npm', ['install', '--no-audit', '--no-fund', `git+file://${repository}`], { cwd: project, stdio: 'inherit' });
console.log(`installed event-value from git+file://${repository} (HEAD ${commit}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

writeFileSync(join(project, 'quick-start.ts'), program);
writeFileSync(
  join(project, 'tsconfig.json'),
  JSON.stringify({ compilerOptions: { target: 'ES2023', lib: ['ES2023', 'DOM', 'ESNext.Disposable'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, types: [], outDir: 'out' }, files: ['quick-start.ts'] }),
);
// The repository's own compiler: the user's project brings TypeScript, this check brings this one.
execFileSync(join(repository, 'node_modules', '.bin', 'tsc'), ['-p', project], { cwd: project, stdio: 'inherit' });
const printed = execFileSync('node', [join(project, 'out', 'quick-start.js')], { cwd: project, encoding: 'utf8' });
if (printed.trim() !== output.trim()) {
  console.error(`the README's quick start printed:\n${printed}\nbut the README shows:\n${output}`);
  process.exit(1);
}
console.log(`the README's quick start type-checks, runs and prints what the README shows:\n${printed.trim()}`);
