/**
 * The trace checker against the brute-force reference (properties/brute-force), on tiny random
 * histories, legal and not: histories legal by construction, some of them perturbed at random.
 * Both must agree on the verdict and, for an illegal history, on the first event no order of
 * instants explains. The brute force tries every order of instants on the reference model with no
 * cache and no shortcut, so this is what shows the checker's cache, its cuts and its split by
 * watcher right, on illegal histories too. The test also fails if a kind of case (legal or not,
 * split or whole, quiescent or cut) never came up.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { split } from '../conformance/trace/partition.js';
import { agreesWithBruteForce } from './brute-force/cross-check.js';
import { parameters } from './harness/property.js';
import { numRuns } from './harness/settings.js';

describe('the checker agrees with a brute-force search over the model', () => {
  it('on tiny histories, legal and not: the verdict, and the first event no order explains', async () => {
    const seen = new Set<string>();
    await fc.assert(
      agreesWithBruteForce((trace, reference) => seen.add(`${reference.verdict}${split(trace).length > 1 ? ', split' : ''}${trace.quiescent ? ', quiescent' : ''}`)),
      parameters(Math.ceil(numRuns / 2)),
    );
    expect([...seen].sort()).toEqual(['illegal', 'illegal, quiescent', 'illegal, split', 'illegal, split, quiescent', 'ok', 'ok, quiescent', 'ok, split', 'ok, split, quiescent']);
  }, 60_000);
});
