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
import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';

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
