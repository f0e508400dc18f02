#!/usr/bin/env node
/**
 * The `event-value` command line: `conform` checks an implementation against docs/spec.md with
 * the conformance kit, `check-trace` judges a recorded trace. `event-value --help` says how.
 *
 * Exit status: 0 when the implementation conforms (or the trace is legal); 1 when a clause fails
 * (or the trace is illegal, or the checker ran out of budget); 2 for a usage, loading or
 * installation problem.
 *
 * The core has no runtime dependency, and neither has this command until it runs the kit:
 * `check-trace` and `--help` never load fast-check, and `conform` says in one line how to install
 * it when it is missing.
 *
 * @module
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MemoryValue } from '../src/index.js';
import { allFeatures, featureDescriptions, isFeature, type Feature } from './features.js';
import { renderVerdictHtml } from './visualize/page.js';
import { checkTrace } from './trace/check.js';
import { parseTrace, TraceFormatError } from './trace/format.js';
import type { ValueFactory } from './checks/check.js';

const usage = `usage:
  event-value conform [MODULE] [--features LIST] [--clause ID] [--runs N] [--seed S --path P]
                      [--verbose] [--json]
  event-value check-trace FILE [--json] [--html OUT]
  event-value --help

conform checks an implementation against docs/spec.md and prints a verdict per section of the
spec, then the first failure in full: the sentence it breaks, what was expected and observed, a
script that reproduces it, and the command that replays it. MODULE is an ES module whose default
export is the factory (options: { sync, initial? }) => value, and whose optional export
'features' lists what the implementation declares:
${allFeatures.map((feature) => `  ${feature.padEnd(14)}${featureDescriptions[feature]}`).join('\n')}
Without MODULE it checks the built-in MemoryValue, which declares every feature.
  --features LIST  declare these instead of the module's export (comma-separated, or 'none')
  --clause ID      only the checks of that clause (repeatable)
  --runs N         runs per property (default 200)
  --seed S         the fast-check seed (default 20261128)
  --path P         replay exactly the case a failure printed, with its --seed
  --verbose        every clause, with the checks that decided it, and every failure in full
  --json           the report as JSON
conform needs the package fast-check (npm install --save-dev fast-check@^4.10.2).

check-trace judges a recorded trace (docs/trace-format.md) for linearizability against the spec.
FILE - reads standard input; --html OUT also writes the picture of the verdict to OUT, one
self-contained HTML page; --json prints the verdict as JSON.

Exit status: 0 conforms (check-trace: legal); 1 a clause fails (check-trace: illegal, or no
verdict within the search budget); 2 a usage, loading or installation problem.`;

/** A usage or loading problem: exit status 2, with a pointer to `--help`. */
class UsageError extends Error {}

/** Something to install: exit status 2, one line that says what. */
class InstallError extends UsageError {}

interface Parsed {
  readonly positional: string[];
  readonly json: boolean;
  readonly verbose: boolean;
  readonly help: boolean;
  readonly runs: number | undefined;
  readonly seed: number | undefined;
  readonly path: string | undefined;
  readonly clauses: string[];
  readonly features: Feature[] | undefined;
  /** `--html OUT`: where check-trace writes the picture of its verdict. */
  readonly html: string | undefined;
}

/** The features of a comma-separated list (`none` for none). */
function parseFeatureList(text: string | undefined): Feature[] {
  if (text === undefined || text.startsWith('--')) throw new UsageError('--features needs a comma-separated list, or none');
  if (text === 'none') return [];
  const listed = text.split(',').map((feature) => feature.trim());
  const unknown = listed.filter((feature) => !isFeature(feature));
  if (unknown.length > 0) throw new UsageError(`unknown feature ${unknown.join(', ')} (known: ${allFeatures.join(', ')})`);
  return listed as Feature[];
}

function parseArguments(args: readonly string[]): Parsed {
  const positional: string[] = [];
  const clauses: string[] = [];
  let json = false;
  let verbose = false;
  let help = false;
  let runs: number | undefined;
  let seed: number | undefined;
  let path: string | undefined;
  let features: Feature[] | undefined;
  let html: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const value = (name: string, what: string): string => {
      const next = args[(index += 1)];
      if (next === undefined || next === '' || next.startsWith('--')) throw new UsageError(`${name} needs ${what}`);
      return next;
    };
    const number = (name: string): number => {
      const parsed = Number(value(name, 'a whole number'));
      if (!Number.isSafeInteger(parsed) || parsed < 0) throw new UsageError(`${name} needs a whole number`);
      return parsed;
    };
    if (arg === '--json') json = true;
    else if (arg === '--verbose') verbose = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--runs') runs = number('--runs');
    else if (arg === '--seed') seed = number('--seed');
    else if (arg === '--path') path = value('--path', 'the path a failure printed');
    else if (arg === '--clause') clauses.push(value('--clause', 'a clause id, such as GET-2').toUpperCase());
    else if (arg === '--features') features = parseFeatureList(args[(index += 1)]);
    else if (arg === '--html') html = value('--html', 'the file to write');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, json, verbose, help, runs, seed, path, clauses, features, html };
}

/** Every feature MemoryValue declares: all of them. */
const memoryValueFeatures: readonly Feature[] = allFeatures;

async function loadFactory(module: string | undefined): Promise<{ factory: ValueFactory; features: Feature[]; subject: string }> {
  if (module === undefined) {
    return { factory: (options) => new MemoryValue<unknown>(options), features: [...memoryValueFeatures], subject: 'MemoryValue (built in)' };
  }
  let loaded: { default?: unknown; features?: unknown };
  try {
    loaded = (await import(pathToFileURL(resolve(module)).href)) as typeof loaded;
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(code === 'ERR_MODULE_NOT_FOUND' ? `cannot find module ${module}` : `cannot load ${module}: ${(error as Error).message}`);
  }
  if (typeof loaded.default !== 'function') throw new UsageError(`${module} has no default export that is a function (the factory)`);
  const features = loaded.features ?? [];
  if (!Array.isArray(features) || !features.every(isFeature)) {
    throw new UsageError(`${module}: the named export 'features' must be an array of known features (${allFeatures.join(', ')})`);
  }
  return { factory: loaded.default as ValueFactory, features, subject: module };
}

/** The kit and its formatter, loaded only when needed: they need fast-check, an optional peer dependency. */
async function loadKit(): Promise<[typeof import('./kit.js'), typeof import('./format.js')]> {
  try {
    return await Promise.all([import('./kit.js'), import('./format.js')]);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes('fast-check')) {
      throw new InstallError('conform needs fast-check, which is not installed: npm install --save-dev fast-check@^4.10.2');
    }
    throw error;
  }
}

async function conform(args: Parsed): Promise<number> {
  if (args.positional.length > 1) throw new UsageError('conform takes at most one MODULE');
  if (args.html !== undefined) throw new UsageError('--html is an option of check-trace only');
  if (args.path !== undefined && args.seed === undefined) throw new UsageError('--path needs the --seed it was printed with');
  const [kit, format] = await loadKit();
  const module = args.positional[0];
  const { factory, features, subject } = await loadFactory(module);
  const declared = args.features ?? features;
  const options = {
    features: declared,
    ...(args.runs === undefined ? {} : { runs: args.runs }),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(args.path === undefined ? {} : { path: args.path }),
    ...(args.clauses.length === 0 ? {} : { clauses: args.clauses }),
  };
  if (!args.json) console.error(`event-value: checking ${subject}; this takes a few seconds`);
  let report;
  try {
    report = await kit.checkConformance(factory, options);
  } catch (error) {
    if (error instanceof TypeError && args.path !== undefined) throw new UsageError(error.message);
    throw error;
  }
  const command = ['event-value conform', ...(module === undefined ? [] : [module]), ...(args.features === undefined ? [] : [`--features ${declared.join(',') || 'none'}`])].join(' ');
  console.log(args.json ? JSON.stringify(report, null, 2) : format.formatReport(report, { subject, verbose: args.verbose || args.clauses.length > 0 || args.path !== undefined, command }));
  return report.conforms ? 0 : 1;
}

function checkTraceCommand(args: Parsed): number {
  const file = args.positional[0];
  if (file === undefined || args.positional.length > 1) throw new UsageError('check-trace takes exactly one FILE (or - for standard input)');
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  let trace;
  try {
    trace = parseTrace(text);
  } catch (error) {
    if (error instanceof TraceFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const verdict = checkTrace(trace);
  if (args.html !== undefined) {
    const page = renderVerdictHtml(trace, verdict, { title: file === '-' ? 'standard input' : file });
    try {
      writeFileSync(args.html, page);
    } catch {
      throw new UsageError(`cannot write ${args.html}`);
    }
  }
  if (args.json) console.log(JSON.stringify(verdict));
  else if (verdict.verdict === 'ok') console.log(`ok: ${verdict.events} events, ${verdict.operations} operations`);
  else if (verdict.verdict === 'illegal') {
    const where = verdict.line === 'end' ? 'at the end of the trace' : `at line ${verdict.line} (the first ${verdict.prefix} events are already illegal)`;
    console.log(`illegal ${where}: ${verdict.clause}: ${verdict.message}`);
  }
  else console.log(`unknown: ${verdict.reason}`);
  return verdict.verdict === 'ok' ? 0 : 1;
}

async function main(args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      console.log(usage);
      return 0;
    }
    const parsed = parseArguments(rest);
    if (parsed.help) {
      console.log(usage);
      return 0;
    }
    switch (command) {
      case 'conform':
        return await conform(parsed);
      case 'check-trace':
        return checkTraceCommand(parsed);
      default:
        throw new UsageError(command === undefined ? 'no command given' : `unknown command ${command}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error instanceof InstallError ? `event-value: ${error.message}` : `event-value: ${error.message}\n(event-value --help says how to use it)`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
