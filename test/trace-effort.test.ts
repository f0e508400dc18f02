/**
 * How much the checker searches, pinned on a few histories (generated ones, some mutated to be
 * illegal, sync-mode histories that once made the search explode, and small ones written so that
 * one cut of prune.ts saves instants, named after what it cuts): each is judged with the
 * budget its file name gives, and is `unknown` with one instant less. The verdicts alone cannot
 * see the cache, the cuts, the order in which instants are tried, or the split by watcher: a
 * change to any of them changes the effort, which these catch. After a deliberate change to the
 * search, measure the budgets again (the least budget that gives a verdict) and rename the files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTrace, type Verdict } from '../conformance/trace/check.js';
import { Explainer } from '../conformance/trace/explain.js';
import { parseTrace } from '../conformance/trace/format.js';
import { split } from '../conformance/trace/partition.js';
import { Search } from '../conformance/trace/search.js';
import { Compiler } from '../conformance/trace/timeline.js';

const folder = join(import.meta.dirname, 'trace-effort');

describe('the search effort', () => {
  for (const file of readdirSync(folder).sort()) {
    const [, verdict, budget] = /^(?:async|sync)-(ok|illegal)-(\d+)/.exec(file) ?? [];
    it(`${file}: ${verdict} with a budget of ${budget} instants, unknown with one less`, () => {
      const trace = parseTrace(readFileSync(join(folder, file), 'utf8'));
      expect(checkTrace(trace, { budget: Number(budget) })).toMatchObject({ verdict });
      expect(checkTrace(trace, { budget: Number(budget) - 1 })).toMatchObject({ verdict: 'unknown' });
    });
  }
});

/** Every instant the search tries on a history, the searches that find and explain a violation included. */
function wholeEffort(text: string): number {
  const trace = parseTrace(text);
  const compiler = new Compiler(trace);
  let spent = 0;
  for (const part of split(trace)) {
    const timeline = compiler.compile(part.events, part.firstVersion);
    const search = new Search(timeline, 1e9);
    const explainer = new Explainer(timeline, search.machine);
    search.run((frontier) => explainer.atQuiescentEnd(frontier.active, frontier.settles));
    spent += search.spent;
  }
  return spent;
}

describe('the whole search effort on illegal histories', () => {
  // The file names pin only the first search. After it, an illegal history is searched again to
  // find its first unexplained line exactly (skipped when the first search cut nothing that
  // could have gone further), and once more to show the path and, at a quiescent end, to pick the
  // path that breaks the rule in the fewest ways (stopping at one that breaks it once). These
  // totals see those shortcuts and cuts, which change no verdict.
  const totals: Readonly<Record<string, number>> = {
    // Ten gets pending at a quiescent end, each on its own watcher with a version at hand: 1,024
    // configurations end there, each breaking the rule ten times, so the explaining run stops at
    // the thousandth it judges.
    'async-illegal-10244-thousand-ends.jsonl': 20134,
    'async-illegal-208.jsonl': 227,
    'async-illegal-58.jsonl': 85,
    'sync-illegal-170.jsonl': 203,
    // Failing at its quiescent end, where the exact search cuts configurations doomed there too.
    'sync-illegal-17-exact-cut-at-end.jsonl': 86,
    'sync-illegal-2431.jsonl': 4707,
    'sync-illegal-261.jsonl': 575,
    'sync-illegal-276.jsonl': 596,
    'sync-illegal-755.jsonl': 5322,
    'sync-illegal-77.jsonl': 89,
    'sync-illegal-78.jsonl': 1017,
    'sync-illegal-8.jsonl': 31493,
  };
  for (const [file, total] of Object.entries(totals)) {
    it(`${file}: ${total} instants in all`, () => {
      expect(wholeEffort(readFileSync(join(folder, file), 'utf8'))).toBe(total);
    });
  }
});

describe('the path shown at a quiescent end', () => {
  it('of the paths that break the rule equally often, is the first judged: trying operations in the order of their calls, every get takes effect at its call', () => {
    const verdict = checkTrace(parseTrace(readFileSync(join(folder, 'async-illegal-10244-thousand-ends.jsonl'), 'utf8'))) as Exclude<Verdict, { verdict: 'unknown' }>;
    const gets = Array.from({ length: 10 }, (_, index) => [`w${index + 1}:effect`, `g${index + 1}:effect`]).flat();
    expect(verdict).toMatchObject({ verdict: 'illegal', clause: 'GET-5', line: 'end' });
    expect(verdict.linearization.map((point) => `${point.id}:${point.phase}`)).toEqual(['s:effect', 'v:effect', ...gets]);
  });
});

describe('the stack of the search', () => {
  it('stays one frame deep on a history that needs no choice, however long', () => {
    const events: Record<string, unknown>[] = [{ trace: 'event-value', version: 1, mode: 'async' }, { event: 'op', id: 'w', op: 'watch', watcher: 'w' }];
    for (let index = 1; index <= 50; index++) events.push({ event: 'op', id: `s${index}`, op: 'set', data: index }, { event: 'op', id: `g${index}`, op: 'get', watcher: 'w', data: index });
    const trace = parseTrace(events.map((event) => JSON.stringify(event)).join('\n'));
    const search = new Search(new Compiler(trace).compile(Int32Array.from(trace.events, (_, index) => index)), 1e6);
    expect(search.run()).toMatchObject({ kind: 'ok' });
    expect(search.spent).toBe(101);
    expect(search.deepest).toBe(1);
  });
  it('grows a frame per choice on a history that needs choices', () => {
    const trace = parseTrace(readFileSync(join(folder, 'sync-ok-52.jsonl'), 'utf8'));
    expect(split(trace)).toHaveLength(1);
    const search = new Search(new Compiler(trace).compile(Int32Array.from(trace.events, (_, index) => index)), 1e6);
    expect(search.run()).toMatchObject({ kind: 'ok' });
    expect(search.deepest).toBe(18);
  });
});
