/**
 * The idioms of the layer (ITER-1 to ITER-4, DISPOSE-1, VIEW-1, PRED-1 to PRED-6) mixed into the
 * model-based properties: iterator steps and `waitFor` are gets, leaving a loop and disposing are
 * closes, and watchers made through the read-only view are watchers like any other. The layer
 * runs over MemoryValue's watchers (which inherit it) and over the model's (wrapped by
 * `withIdioms`); every aspect must still hold on both, and every observation must match.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { MemoryValue } from '../src/index.js';
import { aspects, idiomAspects } from './aspects/index.js';
import { idiomWeights } from './harness/commands.js';
import { implementations } from './harness/implementations.js';
import { aspectProperty, equivalenceProperty, parameters } from './harness/property.js';
import { searchTimeout } from '../test/support/timeouts.js';

describe('the idioms in the model-based properties', () => {
  for (const mode of ['async', 'sync'] as const) {
    it(`ITER-1, ITER-2, ITER-3, ITER-4, DISPOSE-1, VIEW-1, PRED-1 to PRED-5: every observation matches the model under the same layer [${mode} mode]`, async () => {
      await fc.assert(
        equivalenceProperty((options) => new MemoryValue<number>(options), mode, [...aspects, ...idiomAspects], idiomWeights, 'in-memory', { initial: true }),
        parameters(),
      );
    }, searchTimeout);
  }

  for (const aspect of [...aspects, ...idiomAspects]) {
    for (const { name, factory, offers } of implementations) {
      for (const mode of aspect.modes) {
        it(`${aspect.clauses.join(', ')}, ITER-1 to ITER-4, PRED-1: ${aspect.title} holds with the idioms mixed in [${name}, ${mode} mode]`, async () => {
          await fc.assert(aspectProperty({ ...aspect, weights: { ...aspect.weights, idioms: 1, predicates: Math.max(aspect.weights.predicates, 2) } }, factory, mode, 'in-memory', offers), parameters(300));
        }, searchTimeout);
      }
    }
  }
});
