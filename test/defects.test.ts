/**
 * Regression tests for the four defects measured on the Go original (spec, section 17). They run
 * on MemoryValue and on the reference model; `properties/gallery.test.ts` shows that each fails
 * on a variant that reintroduces its defect.
 */
import { describe, it } from 'vitest';
import { implementations } from '../properties/harness/implementations.js';
import { defectScenarios } from './support/defect-scenarios.js';

describe("the original's measured defects stay fixed", () => {
  for (const scenario of defectScenarios) {
    for (const { name, factory } of implementations) {
      it(`${scenario.clauses.join(', ')}: no ${scenario.defect} [${name}]`, async () => {
        await scenario.run(factory);
      });
    }
  }
});
