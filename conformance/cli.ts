#!/usr/bin/env node
/**
 * The `event-value` command line.
 *
 *   event-value conform [MODULE] [--json] [--runs N] [--seed S]
 *   event-value check-trace FILE [--json] [--html OUT]   (FILE `-` reads standard input)
 *
 * MODULE is an ES module whose default export is the factory `(options: { sync }) => Value` and
 * whose optional named export `features` lists the optional features it supports (`"sync"`).
 * Without MODULE, the built-in MemoryValue is checked. `--html OUT` also writes the picture of the
 * trace's verdict to the file OUT, one self-contained HTML page (docs/trace-format.md); what is
 * printed and the exit status stay the same. Exit status: 0 when it conforms (or the trace is
 * legal), 1 when a clause fails (or the trace is illegal, or the checker ran out of budget), 2 for
 * a usage or loading error.
 *
 * @module
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MemoryValue } from '../src/index.js';
import { checkConformance, formatReport, type Feature, type ValueFactory } from './kit.js';
import { renderVerdictHtml } from './visualize/page.js';
import { checkTrace } from './trace/check.js';
import { parseTrace, TraceFormatError } from './trace/format.js';

const usage = `usage:
  event-value conform [MODULE] [--json] [--runs N] [--seed S]
  event-value check-trace FILE [--json] [--html OUT]
      (FILE - reads standard input; --html OUT also writes the picture of the verdict to OUT,
      one self-contained HTML page)`;

/** A usage or loading error: exit status 2, one line. */
class UsageError extends Error {}

interface Parsed {
  readonly positional: string[];
  readonly json: boolean;
  readonly runs: number | undefined;
  readonly seed: number | undefined;
  /** `--html OUT`: where check-trace writes the picture of its verdict. */
  readonly html: string | undefined;
}

function parseArguments(args: readonly string[]): Parsed {
  const positional: string[] = [];
  let json = false;
  let runs: number | undefined;
  let seed: number | undefined;
  let html: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const number = (name: string): number => {
      const value = Number(args[(index += 1)]);
      if (!Number.isSafeInteger(value) || value < 0) throw new UsageError(`${name} needs a whole number`);
      return value;
    };
    if (arg === '--json') json = true;
    else if (arg === '--runs') runs = number('--runs');
    else if (arg === '--seed') seed = number('--seed');
    else if (arg === '--html') {
      html = args[(index += 1)];
      if (html === undefined || html === '' || html.startsWith('--')) throw new UsageError('--html needs the file to write');
    }
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  return { positional, json, runs, seed, html };
}

async function loadFactory(module: string | undefined): Promise<{ factory: ValueFactory; features: Feature[]; subject: string }> {
  if (module === undefined) {
    return { factory: (options) => new MemoryValue<unknown>(options), features: ['sync'], subject: 'MemoryValue (built in)' };
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
  if (!Array.isArray(features) || !features.every((feature) => feature === 'sync')) {
    throw new UsageError(`${module}: the named export 'features' must be an array of known features ("sync")`);
  }
  return { factory: loaded.default as ValueFactory, features: features as Feature[], subject: module };
}

async function conform(args: Parsed): Promise<number> {
  if (args.positional.length > 1) throw new UsageError('conform takes at most one MODULE');
  if (args.html !== undefined) throw new UsageError('--html is an option of check-trace only');
  const { factory, features, subject } = await loadFactory(args.positional[0]);
  const report = await checkConformance(factory, { features, ...(args.runs === undefined ? {} : { runs: args.runs }), ...(args.seed === undefined ? {} : { seed: args.seed }) });
  console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report, subject));
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
    switch (command) {
      case 'conform':
        return await conform(parseArguments(rest));
      case 'check-trace':
        return checkTraceCommand(parseArguments(rest));
      default:
        throw new UsageError(command === undefined ? 'no command given' : `unknown command ${command}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`event-value: ${error.message}\n${usage}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
