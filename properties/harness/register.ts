/**
 * Registers an aspect's properties as vitest tests: one per implementation and mode, each named
 * after the aspect's clauses.
 *
 * @module
 */

import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Aspect } from '../aspects/aspect.js';
import { implementations } from './implementations.js';
import { aspectProperty, parameters } from './property.js';
import { searchTimeout } from '../../test/support/timeouts.js';

/** Registers `aspect`'s property for every implementation and mode it applies to. */
export function registerAspect(aspect: Aspect, statement: string): void {
  describe(`${aspect.title} (${aspect.clauses.join(', ')})`, () => {
    for (const { name, factory, offers } of implementations) {
      for (const mode of aspect.modes) {
        it(`${aspect.clauses.join(', ')}: ${statement} [${name}, ${mode} mode]`, async () => {
          await fc.assert(aspectProperty(aspect, factory, mode, 'in-memory', offers), parameters());
        }, searchTimeout);
      }
    }
  });
}
