/**
 * Checks what `npm pack` would publish (run after `npm run build`): the tarball's contents, zero
 * runtime dependencies and no install scripts, a committed lockfile, exactly pinned dev tools, a
 * clean `npm audit --omit=dev`, a core that imports nothing outside itself and no Node-only API,
 * and the core's size budget (minified and gzipped, at most 2.5 KB). Any change to these fails CI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const problems: string[] = [];
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;

// Zero runtime dependencies, no install scripts (supply chain).
if (Object.keys((manifest['dependencies'] as object | undefined) ?? {}).length > 0) problems.push('the package has runtime dependencies');
const scripts = (manifest['scripts'] as Record<string, string> | undefined) ?? {};
// `prepare` builds `dist/` when the package is installed from its git repository; npm runs it
// there and in this repository, never when a packed tarball is installed.
for (const hook of ['preinstall', 'install', 'postinstall']) if (hook in scripts) problems.push(`the package has an install script: ${hook}`);

// The lockfile is committed and pins every install, and every dev tool is pinned exactly.
if (!existsSync('package-lock.json')) problems.push('package-lock.json is missing');
else {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { lockfileVersion?: number };
  if ((lock.lockfileVersion ?? 0) < 3) problems.push(`package-lock.json has lockfileVersion ${lock.lockfileVersion}, not 3`);
}
if (!execFileSync('git', ['ls-files', 'package-lock.json'], { encoding: 'utf8' }).includes('package-lock.json')) {
  problems.push('package-lock.json is not committed');
}
for (const [name, range] of Object.entries((manifest['devDependencies'] as Record<string, string> | undefined) ?? {})) {
  if (!/^\d+\.\d+\.\d+$/.test(range)) problems.push(`the dev dependency ${name} is not pinned exactly: ${range}`);
}
// No known vulnerability in what users install (nothing, today), as npm's advisory database says.
try {
  execFileSync('npm', ['audit', '--omit=dev', '--audit-level=low'], { encoding: 'utf8', stdio: 'pipe' });
  console.log('npm audit --omit=dev: no vulnerabilities');
} catch (error) {
  const output = (error as { stdout?: string }).stdout ?? String(error);
  problems.push(`npm audit --omit=dev found problems:\n${output}`);
}

// The tarball holds what a user needs and nothing else.
const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' })) as { files: { path: string }[]; size: number }[];
const files = (packed[0]?.files ?? []).map((file) => file.path).sort();
for (const required of ['package.json', 'README.md', 'LICENSE', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/model/index.js', 'dist/conformance/index.js', 'dist/conformance/cli.js', 'docs/spec.md']) {
  if (!files.includes(required)) problems.push(`the tarball lacks ${required}`);
}
for (const file of files) {
  if (/^(test|bench|examples|scripts|reports|\.ci|node_modules|build)\/|^properties\/(faulty|races|exhaustive)\/|\.test\.ts$|^conformance\/golden\//.test(file)) {
    problems.push(`the tarball holds ${file}, which users do not need`);
  }
}

// The core imports only itself, and uses no Node-only API, so it runs in browsers, Deno and Bun.
for (const file of readdirSync('dist/src').filter((name) => name.endsWith('.js'))) {
  const text = readFileSync(join('dist/src', file), 'utf8');
  for (const [, specifier] of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm)) {
    if (!specifier?.startsWith('./')) problems.push(`dist/src/${file} imports ${specifier}`);
  }
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  if (/\bprocess\.|\brequire\(|\bBuffer\b|node:/.test(code)) problems.push(`dist/src/${file} uses a Node-only API`);
}

// The size budget of the core: 2 KB until the predicate get left the state machine (2,016 bytes
// after it); 2.5 KB since reading without waiting, initial data, bounded sets, the backlog and
// loops with a signal were added (2,320 bytes with them).
const bundle = await build({ entryPoints: ['dist/src/index.js'], bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' });
const minified = bundle.outputFiles[0]?.contents ?? new Uint8Array();
const gzipped = gzipSync(minified, { level: 9 }).length;
if (gzipped > 2560) problems.push(`the core is ${gzipped} bytes minified and gzipped, over the 2560-byte budget`);

// The tarball installs into an empty project, and the README's usage runs there.
const project = mkdtempSync(join(tmpdir(), 'event-value-install-'));
const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', project], { encoding: 'utf8' }).trim().split('\n').at(-1) ?? '';
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', resolve(project, tarball)], { cwd: project, stdio: 'pipe' });
writeFileSync(
  join(project, 'usage.js'),
  [
    "import { MemoryValue } from 'event-value';",
    "const address = new MemoryValue();",
    "const watcher = address.watch();",
    "address.set('203.0.113.24');",
    "address.set('203.0.113.103');",
    "console.log(await watcher.get());",
    "watcher.close();",
  ].join('\n'),
);
const printed = execFileSync('node', ['usage.js'], { cwd: project, encoding: 'utf8' }).trim();
if (printed !== '203.0.113.103') problems.push(`the README usage printed '${printed}' in a fresh project`);
console.log(`installed ${tarball} into an empty project; the README usage printed ${printed}`);

console.log(`core: ${minified.length} bytes minified, ${gzipped} bytes gzipped (budget 2560)`);
console.log(`tarball: ${files.length} files, ${packed[0]?.size ?? 0} bytes packed`);
for (const file of files) console.log(`  ${file}`);
if (problems.length > 0) {
  console.error(`\npackage check: ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('package check: ok');
