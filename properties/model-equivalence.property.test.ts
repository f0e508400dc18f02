/**
 * The central property: MemoryValue and the reference model, driven by the same commands, make
 * the same calls settle the same way in the same order, and every aspect holds on both.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { MemoryValue } from '../src/index.js';
import { aspects } from './aspects/index.js';
import { boundedWeights } from './harness/commands.js';
import { equivalenceProperty, parameters } from './harness/property.js';
import { searchTimeout } from '../test/support/timeouts.js';

describe('MemoryValue against the reference model (ORDER-1, ORDER-2, and every aspect)', () => {
  for (const mode of ['async', 'sync'] as const) {
    it(`ORDER-2: every observation, and its order, matches the model [${mode} mode]`, async () => {
      await fc.assert(
        equivalenceProperty((options) => new MemoryValue<number>(options), mode, aspects, boundedWeights, 'in-memory', { initial: true }),
        parameters(),
      );
    }, searchTimeout);
  }
});
