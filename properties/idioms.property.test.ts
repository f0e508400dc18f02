/**
 * The idioms of MemoryValue (ITER-1 to ITER-4, DISPOSE-1, VIEW-1) mixed into the model-based
 * properties: iterator steps are gets, leaving a loop and disposing are closes, and watchers made
 * through the read-only view are watchers like any other. Every aspect must still hold, and every
 * observation must match the model's.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { MemoryValue } from '../src/index.js';
import { aspects, idiomAspects } from './aspects/index.js';
import { idiomWeights, reentrantWeights } from './harness/commands.js';
import { implementations } from './harness/implementations.js';
import { aspectProperty, equivalenceProperty, parameters } from './harness/property.js';

describe('the idioms in the model-based properties', () => {
  for (const mode of ['async', 'sync'] as const) {
    it(`ITER-1, ITER-2, ITER-3, ITER-4, DISPOSE-1, VIEW-1, PRED-1 to PRED-4: every observation matches the model [${mode} mode]`, async () => {
      await fc.assert(
        equivalenceProperty((options) => new MemoryValue<number>(options), mode, [...aspects, ...idiomAspects], idiomWeights),
        parameters(),
      );
    });

    // Predicates that set, close and abort from inside break the aspects' bookkeeping (a set in
    // the middle of a get), so this property compares every call, predicate call and settlement
    // with the model, in order, and checks nothing else.
    it(`PRED-5, PRED-6: predicates that set, close and abort from inside behave as in the model [${mode} mode]`, async () => {
      await fc.assert(equivalenceProperty((options) => new MemoryValue<number>(options), mode, [], reentrantWeights), parameters());
    });
  }

  for (const aspect of [...aspects, ...idiomAspects]) {
    for (const { name, factory } of implementations) {
      for (const mode of aspect.modes) {
        it(`${aspect.clauses.join(', ')}, ITER-1 to ITER-4, PRED-1: ${aspect.title} holds with the idioms mixed in [${name}, ${mode} mode]`, async () => {
          await fc.assert(aspectProperty({ ...aspect, weights: { ...aspect.weights, idioms: 1, predicates: Math.max(aspect.weights.predicates, 2) } }, factory, mode), parameters(300));
        });
      }
    }
  }
});
