/**
 * The golden traces of conformance/golden/: every legal one is accepted, and every illegal one is
 * rejected for the clause its file name starts with. Among them are the four defects measured on
 * the Go original and a hand-written multi-threaded history with overlapping calls.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';

const golden = join(import.meta.dirname, '..', 'conformance', 'golden');
const read = (folder: string, file: string) => parseTrace(readFileSync(join(golden, folder, file), 'utf8'));

describe('golden traces', () => {
  for (const file of readdirSync(join(golden, 'legal'))) {
    it(`accepts legal/${file}`, () => {
      expect(checkTrace(read('legal', file))).toMatchObject({ verdict: 'ok' });
    });
  }
  for (const file of readdirSync(join(golden, 'illegal'))) {
    const clause = file.split('.')[0] ?? '';
    it(`${clause}: rejects illegal/${file} for ${clause}`, () => {
      expect(checkTrace(read('illegal', file))).toMatchObject({ verdict: 'illegal', clause });
    });
  }
});

describe('the search budget', () => {
  it('answers unknown, never ok, when the budget runs out', () => {
    const trace = read('legal', 'multi-threaded-overlap.jsonl');
    expect(checkTrace(trace, { budget: 0 })).toMatchObject({ verdict: 'unknown' });
    expect(checkTrace(trace, { budget: 1000 })).toMatchObject({ verdict: 'ok' });
  });
});
